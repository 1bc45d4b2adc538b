import { after, afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmbeddedCluster, type EmbeddedClusterOptions } from '../../../../extension/cluster/embeddedCluster.js';
import type { ClusterState } from '../../../../extension/cluster/clusterState.js';
import { readClusterLock } from '../../../../extension/cluster/lockFileReader.js';
import { startFakeSupervisor, writeFakeCli, type FakeSupervisor } from './fakeSupervisor.js';

const tempDirs: string[] = [];
const childPids: number[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-ext-cluster-'));
  tempDirs.push(dir);
  return dir;
}

function options(dataDir: string, overrides: Partial<EmbeddedClusterOptions> = {}): EmbeddedClusterOptions {
  return {
    dataDir,
    port: undefined,
    idleTimeoutMs: 60_000,
    cliPath: path.join(dataDir, 'no-such-cli.js'),
    nodePath: process.execPath,
    clientName: 'test-window',
    startTimeoutMs: 20_000,
    log: () => undefined,
    ...overrides,
  };
}

function waitForState(cluster: EmbeddedCluster, kind: ClusterState['kind']): Promise<ClusterState> {
  return new Promise((resolve) => {
    if (cluster.state.kind === kind) {
      resolve(cluster.state);
      return;
    }
    const subscription = cluster.onDidChangeState((state) => {
      if (state.kind === kind) {
        subscription.dispose();
        resolve(state);
      }
    });
  });
}

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await new Promise<void>((resolve) => setTimeout(resolve, 10));
  }
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) {
    await cleanup();
  }
});

after(() => {
  for (const pid of childPids) {
    try {
      process.kill(pid);
    } catch {
      // already gone
    }
  }
  for (const dir of tempDirs) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('EmbeddedCluster', () => {
  it('attaches to the supervisor named by the lock file without starting another', async () => {
    const dataDir = tempDir();
    const fake: FakeSupervisor = await startFakeSupervisor(dataDir);
    cleanups.push(() => fake.close());
    const cluster = new EmbeddedCluster(options(dataDir));
    cleanups.push(() => cluster.dispose());
    await cluster.ensureRunning();
    assert.deepEqual(cluster.state, {
      kind: 'running',
      bootstrapServers: '127.0.0.1:19092',
      brokers: [{ nodeId: 1, host: '127.0.0.1', port: 19092, pid: process.pid, state: 'running' }],
    });
    assert.deepEqual(fake.attached, ['test-window']);
  });

  it('reports the cluster stopped when the supervisor closes the control connection', async () => {
    const dataDir = tempDir();
    const fake = await startFakeSupervisor(dataDir);
    cleanups.push(() => fake.close());
    const cluster = new EmbeddedCluster(options(dataDir));
    cleanups.push(() => cluster.dispose());
    await cluster.ensureRunning();
    const stopped = waitForState(cluster, 'stopped');
    fake.dropConnections();
    assert.equal((await stopped).kind, 'stopped');
  });

  it('starts a supervisor when there is no lock, waits for its lock and attaches', async () => {
    const dataDir = tempDir();
    const cliPath = writeFakeCli(tempDir(), require.resolve('./fakeSupervisor.js'));
    const cluster = new EmbeddedCluster(options(dataDir, { cliPath }));
    cleanups.push(() => cluster.dispose());
    await cluster.ensureRunning();
    const lock = await readClusterLock(dataDir);
    assert.ok(lock !== undefined);
    childPids.push(lock.pid);
    assert.notEqual(lock.pid, process.pid);
    assert.equal(cluster.state.kind, 'running');
  });

  it('shows the supervisor\'s last line when it fails to start', async () => {
    const dataDir = tempDir();
    const cliPath = writeFakeCli(tempDir(), require.resolve('./fakeSupervisor.js'));
    process.env.FAKE_CLI_FAIL = 'kafka-workbench: port 9999 on 127.0.0.1 is already in use; choose another with --port';
    cleanups.push(() => {
      delete process.env.FAKE_CLI_FAIL;
    });
    const cluster = new EmbeddedCluster(options(dataDir, { cliPath, port: 9999 }));
    cleanups.push(() => cluster.dispose());
    await cluster.ensureRunning();
    assert.deepEqual(cluster.state, {
      kind: 'error',
      message: 'The embedded cluster could not start: port 9999 on 127.0.0.1 is already in use; choose another with --port',
    });
  });

  it('keeps waiting when another supervisor won the race to start, and attaches to it', async () => {
    const dataDir = tempDir();
    const marker = path.join(tempDir(), 'exited');
    const cliPath = writeFakeCli(tempDir(), require.resolve('./fakeSupervisor.js'));
    process.env.FAKE_CLI_ALREADY_RUNNING = marker;
    cleanups.push(() => {
      delete process.env.FAKE_CLI_ALREADY_RUNNING;
    });
    const cluster = new EmbeddedCluster(options(dataDir, { cliPath }));
    cleanups.push(() => cluster.dispose());
    const running = cluster.ensureRunning();
    await waitUntil(() => fs.existsSync(marker));
    // The launched process has said "already running"; the winner's lock appears only now.
    const winner = await startFakeSupervisor(dataDir);
    cleanups.push(() => winner.close());
    await running;
    assert.equal(cluster.state.kind, 'running');
    assert.deepEqual(winner.attached, ['test-window']);
  });

  it('replaces a stale lock whose process is gone', async () => {
    const dataDir = tempDir();
    const fake = await startFakeSupervisor(dataDir);
    await fake.close();
    // A pid that cannot be alive: beyond Linux's pid_max.
    const stale = { ...fake.lock, pid: 2 ** 22 + 1 };
    fs.writeFileSync(path.join(dataDir, 'cluster.lock.json'), JSON.stringify(stale));
    const cliPath = writeFakeCli(tempDir(), require.resolve('./fakeSupervisor.js'));
    const cluster = new EmbeddedCluster(options(dataDir, { cliPath }));
    cleanups.push(() => cluster.dispose());
    await cluster.ensureRunning();
    const lock = await readClusterLock(dataDir);
    assert.ok(lock !== undefined);
    childPids.push(lock.pid);
    assert.equal(cluster.state.kind, 'running');
  });
});
