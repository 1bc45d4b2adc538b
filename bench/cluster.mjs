// Starts the built CLI (`dist/cli.js start`) as the cluster under test and finds its broker processes.
import { performance } from 'node:perf_hooks';
import * as path from 'node:path';
import { descendantsOf, makeTempDir, removeTempDir, sleep, start } from './system.mjs';

const READY = /^Kafka cluster ready: (\S+)\s*$/m;

/**
 * Resolves once the ready line is printed. `env` reaches the forked brokers too (the bench's profiler
 * is preloaded through NODE_OPTIONS there).
 */
export async function startCluster(root, { env, timeoutMs = 60_000, brokers, extraArgs = [], dataDir: reuseDir } = {}) {
  // `dataDir` restarts on an existing cluster's data (the recovery line); stop() removes it either way.
  const dataDir = reuseDir ?? makeTempDir('cluster');
  const args = [path.join(root, 'dist', 'cli.js'), 'start', '--port', '0', '--data-dir', dataDir];
  if (brokers !== undefined) args.push('--brokers', String(brokers));
  args.push(...extraArgs);
  const startedAt = performance.now();
  const handle = start(process.execPath, args, { env });
  let readyAt = 0;
  const bootstrap = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`cluster not ready within ${timeoutMs} ms:\n${handle.output()}`)), timeoutMs);
    const check = () => {
      const m = READY.exec(handle.output());
      if (m) {
        readyAt = performance.now();
        clearTimeout(timer);
        handle.child.stdout.off('data', check);
        resolve(m[1]);
      }
    };
    handle.child.stdout.on('data', check);
    void handle.done.then((r) => {
      clearTimeout(timer);
      reject(new Error(`cluster exited (${r.code ?? r.signal}) before it was ready:\n${handle.output()}`));
    });
  });
  const supervisorPid = handle.child.pid;
  let brokerPids = descendantsOf(supervisorPid);
  for (let i = 0; i < 50 && brokerPids.length === 0; i++) {
    await sleep(20);
    brokerPids = descendantsOf(supervisorPid);
  }
  return {
    bootstrap,
    dataDir,
    supervisorPid,
    brokerPids,
    /** Every process of the cluster: the supervisor and its brokers. */
    pids: () => [supervisorPid, ...brokerPids],
    readyMs: readyAt - startedAt,
    startedAt,
    output: handle.output,
    /** SIGKILLs the supervisor and its brokers, leaving the data directory as a crash leaves it. */
    async crash() {
      for (const pid of [supervisorPid, ...brokerPids]) {
        try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
      }
      await handle.done;
    },
    async stop() {
      if (handle.child.exitCode === null && handle.child.signalCode === null) {
        handle.child.kill('SIGTERM');
        const timer = setTimeout(() => {
          try { process.kill(-supervisorPid, 'SIGKILL'); } catch { /* gone */ }
        }, 15_000);
        await handle.done;
        clearTimeout(timer);
      }
      for (const pid of brokerPids) {
        try { process.kill(pid, 'SIGKILL'); } catch { /* exited with its supervisor */ }
      }
      removeTempDir(dataDir);
    },
  };
}
