// Builds the production bundles and packs them into dist-vsix/kafka-workbench.vsix with vsce,
// never waiting on a prompt (standard input is closed).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const vsix = join('dist-vsix', 'kafka-workbench.vsix');

function run(command, args, what) {
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    console.error(`package: ${what} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
    process.exit(1);
  }
}

run(process.execPath, [join(root, 'esbuild.mjs'), '--production'], 'production build');
mkdirSync(join(root, 'dist-vsix'), { recursive: true });
// The repository URL is a placeholder, so relative links in README.md are left as they are
// instead of vsce failing to guess a GitHub address for them.
run(
  process.execPath,
  [
    join(root, 'node_modules', '@vscode', 'vsce', 'vsce'),
    'package',
    '--no-dependencies',
    '--no-rewrite-relative-links',
    '--out',
    vsix,
  ],
  'vsce package',
);
