// The bench's extension step: packages the VSIX, installs code-server, bundles the e2e harness, and
// runs bench/extensionDriver.mjs in a process of its own, returning the timings it reports.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { median, onCleanup, run, start } from './system.mjs';

const require = createRequire(import.meta.url);

/** SIGKILLs the supervisor the extension started detached (own session), named by its lock file. */
function killSupervisorOf(dataDir) {
  let pid;
  try {
    pid = JSON.parse(fs.readFileSync(path.join(dataDir, 'cluster.lock.json'), 'utf8')).pid;
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 1) return;
  for (const target of [-pid, pid]) {
    try { process.kill(target, 'SIGKILL'); } catch { /* not a group leader, or gone */ }
  }
}

/**
 * Runs the packaged extension in code-server and reloads its window `samples` times. Resolves to
 * { samples, firstLoad: {activateMs, populatedMs}, reloads: [{activateMs, populatedMs, wallMs}],
 * median: {activateMs, populatedMs, wallMs, activationBeganAfterReloadMs}, viewRestored }.
 */
export async function measureExtension({ root, samples, clusterDataDir, progress }) {
  progress('extension: packaging the VSIX (scripts/package.mjs)');
  await run(process.execPath, [path.join(root, 'scripts', 'package.mjs')], { cwd: root });
  progress('extension: installing code-server if missing (scripts/install-code-server.sh)');
  await run('bash', [path.join(root, 'scripts', 'install-code-server.sh')], { cwd: root });

  // Bundled rather than compiled with tsc: quick, and independent of type errors elsewhere. It must
  // sit inside the repository, where the harness finds the project root from its own path.
  const harness = path.join(root, '.cache', 'bench', 'codeServerHarness.cjs');
  await require('esbuild').build({
    entryPoints: [path.join(root, 'test', 'e2e', 'support', 'codeServer.ts')],
    outfile: harness,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['playwright-core'],
    logLevel: 'error',
  });

  const forget = onCleanup(() => killSupervisorOf(clusterDataDir));
  progress(`extension: code-server with the VSIX, ${samples} window reload${samples === 1 ? '' : 's'}`);
  try {
    const { done } = start(process.execPath, [path.join(root, 'bench', 'extensionDriver.mjs'), harness, String(samples), clusterDataDir], { cwd: root });
    const result = await done;
    const line = result.stdout.split('\n').find((l) => l.startsWith('KW_BENCH_EXTENSION '));
    if (result.code !== 0 || !line) throw new Error(`extension driver exited ${result.code ?? result.signal}\n${(result.stderr + result.stdout).slice(-3000)}`);
    const measured = JSON.parse(line.slice('KW_BENCH_EXTENSION '.length));
    const of = (key) => median(measured.reloads.map((r) => r[key]));
    return {
      ...measured,
      median: { activateMs: of('activateMs'), populatedMs: of('populatedMs'), wallMs: of('wallMs'), activationBeganAfterReloadMs: of('activationBeganAfterReloadMs') },
    };
  } finally {
    killSupervisorOf(clusterDataDir);
    forget();
  }
}
