// The cluster's lifetime as the CLI runs it: clean stops on SIGTERM and Ctrl-C, brokers that leave
// with their supervisor, a second start that attaches, and the background mode's idle shutdown.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { lockFilePath, readClusterLock, type ClusterLock } from '../../broker/cluster/clusterFiles.js';
import { ControlConnection } from '../../broker/cluster/controlConnection.js';
import { isProcessAlive as isAlive } from '../../broker/cluster/processLock.js';
import { onCleanup } from '../support/cleanup.js';
import { startCluster } from '../support/cluster.js';
import { builtFile } from '../support/repoRoot.js';
import { tempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';

function readLiveLock(dataDir: string): ClusterLock | null {
  const lock = readClusterLock(dataDir);
  return lock && isAlive(lock.pid) ? lock : null;
}

async function brokerPids(dataDir: string): Promise<number[]> {
  const lock = readLiveLock(dataDir);
  assert.ok(lock, 'a live lock file');
  const client = await ControlConnection.open(lock.controlPort, lock.token);
  try {
    const status = await client.status();
    return status.brokers.map((b) => b.pid).filter((pid): pid is number => pid !== null);
  } finally {
    client.close();
  }
}

function runCli(args: string[]): { child: ReturnType<typeof spawn>; output: () => string } {
  const child = spawn(process.execPath, [builtFile('cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  onCleanup(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return { child, output: () => text };
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`${signal} stops the cluster cleanly and leaves no process or lock behind`, async () => {
    const cluster = await startCluster();
    const pids = await brokerPids(cluster.dataDir);
    assert.equal(pids.length, 1);
    cluster.process.kill(signal);
    const [code] = (await once(cluster.process, 'exit')) as [number | null];
    assert.equal(code, 0, cluster.output());
    await waitFor(() => pids.every((pid) => !isAlive(pid)), { what: 'the broker processes to exit' });
    assert.equal(fs.existsSync(lockFilePath(cluster.dataDir)), false, 'lock file removed');
    assert.equal(fs.existsSync(path.join(cluster.dataDir, 'supervisor.pid')), false, 'supervisor lock removed');
    await cluster.stop();
  });
}

test('brokers exit when their supervisor is killed with SIGKILL', async () => {
  const cluster = await startCluster();
  const pids = await brokerPids(cluster.dataDir);
  // Only the supervisor: its brokers must notice on their own.
  cluster.process.kill('SIGKILL');
  await waitFor(() => pids.every((pid) => !isAlive(pid)), { what: 'orphaned brokers to exit' });
  // The stale lock of the dead supervisor does not stop a new start on the same directory.
  const again = await startCluster({ dataDir: cluster.dataDir });
  assert.match(again.bootstrap, /^127\.0\.0\.1:\d+$/);
  await again.stop();
  await cluster.stop();
});

test('a second start on the same data directory attaches to the running cluster', async () => {
  const cluster = await startCluster();
  const second = runCli(['start', '--data-dir', cluster.dataDir]);
  await waitFor(() => /Kafka cluster ready: (\S+) \(already running, pid \d+; attached\)/.exec(second.output()), {
    what: 'the second start to attach',
  });
  assert.ok(second.output().includes(cluster.bootstrap), second.output());
  second.child.kill('SIGINT');
  await once(second.child, 'exit');
  // Detaching the second CLI does not stop the cluster the first one runs.
  assert.ok(readLiveLock(cluster.dataDir), 'cluster still running');
  await cluster.stop();
});

test('the background cluster stops after its idle period, and not while something is attached', async () => {
  const dataDir = tempDir('idle');
  const bg = runCli(['start', '--background', '--port', '0', '--data-dir', dataDir, '--idle-timeout-ms', '1500']);
  const lock = await waitFor(() => readLiveLock(dataDir), { what: 'the background cluster to write its lock' });
  const client = await ControlConnection.open(lock.controlPort, lock.token);
  await client.attach('test');
  // While attached, the cluster outlives several idle periods.
  const attachedSince = Date.now();
  await waitFor(() => Date.now() - attachedSince > 4000, { what: 'time to pass while attached', timeoutMs: 10_000, intervalMs: 200 });
  assert.ok(isAlive(lock.pid), `supervisor alive while attached\n${bg.output()}`);
  client.close();
  const [code] = (await once(bg.child, 'exit')) as [number | null];
  assert.equal(code, 0, bg.output());
  assert.match(bg.output(), /idle for 1500 ms with nothing attached/);
  assert.equal(readLiveLock(dataDir), null);
});

test('a background start while one runs exits with code 3 and says so', async () => {
  const cluster = await startCluster();
  const bg = runCli(['start', '--background', '--data-dir', cluster.dataDir]);
  const [code] = (await once(bg.child, 'exit')) as [number | null];
  assert.equal(code, 3, bg.output());
  assert.match(bg.output(), /already running/);
  await cluster.stop();
});

test('--brokers above 5 is refused with a clear message', async () => {
  const run = runCli(['start', '--brokers', '6', '--data-dir', tempDir('refuse')]);
  const [code] = (await once(run.child, 'exit')) as [number | null];
  assert.equal(code, 2);
  assert.match(run.output(), /--brokers must be a whole number from 1 to 5, not "6"/);
});
