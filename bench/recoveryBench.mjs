// The storage recovery line: a broker killed with SIGKILL on a large log is started again on the same
// data, and timed until kcat has a record acknowledged by that log's partition.
import { performance } from 'node:perf_hooks';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sleep, start } from './system.mjs';

function directoryBytes(dir) {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? directoryBytes(full) : fs.statSync(full).size;
  }
  return total;
}

/** Crashes `cluster`, restarts on its data and times until `topic` takes a produce; stops the new cluster. */
export async function recoveryAfterCrash({ root, cluster, topic, startClusterFn }) {
  await cluster.crash();
  const logBytes = directoryBytes(cluster.dataDir);
  const spawnedAt = performance.now();
  const restarted = await startClusterFn(root, { dataDir: cluster.dataDir });
  try {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const kcat = start('kcat', ['-P', '-b', restarted.bootstrap, '-t', topic, '-p', '0', '-X', 'acks=1', '-X', 'linger.ms=0',
        '-X', 'message.timeout.ms=5000'], { stdin: 'pipe' });
      kcat.child.stdin.on('error', () => undefined);
      kcat.child.stdin.end('after-restart\n');
      const r = await kcat.done;
      if (r.code === 0 && !/Failed|ERROR/.test(r.stderr)) break;
      if (Date.now() > deadline) throw new Error(`recovery: no produce to ${topic} succeeded within 120 s: ${r.stderr}`);
      await sleep(10);
    }
    return { untilProduceMs: performance.now() - spawnedAt, untilReadyLineMs: restarted.readyMs, logBytes };
  } finally {
    await restarted.stop();
  }
}
