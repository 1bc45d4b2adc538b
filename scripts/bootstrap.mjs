// Makes a fresh clone runnable: installs npm dependencies when they are missing or stale, then builds.
// Plain Node with no dependencies, because it runs before node_modules exists.
// Usage: node scripts/bootstrap.mjs [--for-tests]   (--for-tests also installs the system packages tests use)
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const forTests = process.argv.includes('--for-tests');

function run(command, args, what) {
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error) fail(`${what}: ${result.error.message}`);
  if (result.status !== 0) fail(`${what} failed (exit ${result.status ?? result.signal})`);
}

function fail(message) {
  console.error(`bootstrap: ${message}`);
  process.exit(1);
}

function mtimeMs(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

// npm writes node_modules/.package-lock.json at the end of every install, so its age tells whether
// the install happened after the last change to package-lock.json.
function dependenciesAreCurrent() {
  const installed = mtimeMs(join(root, 'node_modules', '.package-lock.json'));
  return installed > 0 && installed >= mtimeMs(join(root, 'package-lock.json'));
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) fail(`Node ${process.versions.node} is too old; Kafka Workbench needs Node 20.19 or newer`);

if (forTests) run('bash', [join(root, 'scripts', 'install-system-deps.sh')], 'installing system packages');

if (!dependenciesAreCurrent()) {
  console.error('bootstrap: installing npm dependencies (npm ci)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  run(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], 'npm ci');
}

run(process.execPath, [join(root, 'esbuild.mjs')], 'build (node esbuild.mjs)');
