// The replicated cluster's control side against real clients: kcat sees three brokers with leaders,
// replicas and ISRs; a killed leader's partitions get new leaders while a kafkajs producer goes on; a
// restarted broker rejoins the ISR and preferred leaders return; the CLI's broker and status commands;
// a broker data dir of another cluster refuses to join; unknown brokers in an assignment are refused.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { startCluster } from '../support/cluster.js';
import { runKcat } from '../support/kcat.js';
import { builtFile } from '../support/repoRoot.js';
import { tempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';
import { kafkajsClient } from './support/clients.js';
import { useControlledCluster } from './support/controlledCluster.js';

// Short enough that failover and preferred-leader return happen within a test, long enough that a busy
// broker is not fenced by mistake.
const TIMING = [
  '--override', 'broker.heartbeat.interval.ms=100',
  '--override', 'broker.session.timeout.ms=2000',
  '--override', 'leader.imbalance.check.interval.ms=300',
];

interface KcatPartition {
  partition: number;
  leader: number;
  replicas: { id: number }[];
  isrs: { id: number }[];
}

interface KcatMetadata {
  controllerid: number;
  brokers: { id: number; name: string }[];
  topics: { topic: string; partitions: KcatPartition[] }[];
}

async function kcatMetadata(bootstrap: string, topic: string): Promise<KcatMetadata> {
  const result = await runKcat(['-L', '-J', '-b', bootstrap, '-t', topic]);
  assert.equal(result.exitCode, 0, result.stderr);
  return JSON.parse(result.stdout) as KcatMetadata;
}

function partitionsOf(meta: KcatMetadata, topic: string): KcatPartition[] {
  return meta.topics.find((t) => t.topic === topic)?.partitions ?? [];
}

function runCli(args: readonly string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [builtFile('cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return once(child, 'exit').then(([code]) => ({ code: code as number | null, output }));
}

describe('a three-broker cluster', () => {
  const fixture = useControlledCluster({ brokers: 3, extraArgs: TIMING });

  test('kcat -L lists three brokers, a live controller, and RF=3 partitions with leaders, replicas and ISRs', async () => {
    const admin = kafkajsClient(fixture.cluster.bootstrap).admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic: 'spread', numPartitions: 6 }], waitForLeaders: true });
    } finally {
      await admin.disconnect();
    }
    const meta = await kcatMetadata(fixture.cluster.bootstrap, 'spread');
    assert.deepEqual(meta.brokers.map((b) => b.id).sort(), [1, 2, 3]);
    assert.ok([1, 2, 3].includes(meta.controllerid));
    const partitions = partitionsOf(meta, 'spread');
    assert.equal(partitions.length, 6);
    for (const p of partitions) {
      assert.equal(p.replicas.length, 3, 'replication factor defaults to min(3, brokers)');
      assert.equal(p.leader, p.replicas[0]?.id, 'the preferred replica leads');
      assert.deepEqual(p.isrs.map((r) => r.id).sort(), [1, 2, 3]);
    }
    const leaders = [1, 2, 3].map((id) => partitions.filter((p) => p.leader === id).length);
    assert.deepEqual(leaders, [2, 2, 2], 'leaders are balanced');
  });

  test('unknown broker ids in a replica assignment are INVALID_REPLICA_ASSIGNMENT', async () => {
    const admin = kafkajsClient(fixture.cluster.bootstrap, { retry: { retries: 0 } }).admin();
    await admin.connect();
    try {
      const errorTypes = (err: Error & { type?: string; errors?: { type?: string }[] }): (string | undefined)[] =>
        (err.errors ?? [err]).map((e) => e.type);
      await assert.rejects(
        admin.createTopics({ topics: [{ topic: 'assigned', replicaAssignment: [{ partition: 0, replicas: [1, 7] }] }] }),
        (err: Error) => {
          assert.deepEqual(errorTypes(err), ['INVALID_REPLICA_ASSIGNMENT'], String(err));
          return true;
        },
      );
      await admin.createTopics({ topics: [{ topic: 'assigned', replicaAssignment: [{ partition: 0, replicas: [2, 3] }] }] });
      await assert.rejects(admin.createPartitions({ topicPartitions: [{ topic: 'assigned', count: 2, assignments: [[3, 9]] }] }), (err: Error) => {
        assert.deepEqual(errorTypes(err), ['INVALID_REPLICA_ASSIGNMENT'], String(err));
        return true;
      });
    } finally {
      await admin.disconnect();
    }
  });

  test('killing a leader moves its partitions to live ISR members while a producer goes on; a restart brings preferred leaders back', async () => {
    const kafka = kafkajsClient(fixture.cluster.bootstrap, { retry: { retries: 10, initialRetryTime: 100 } });
    const admin = kafka.admin();
    const producer = kafka.producer();
    await admin.connect();
    await producer.connect();
    try {
      await admin.createTopics({ topics: [{ topic: 'failover', numPartitions: 3 }], waitForLeaders: true });
      const before = partitionsOf(await kcatMetadata(fixture.cluster.bootstrap, 'failover'), 'failover');
      const victim = before[0]?.leader ?? -1;
      await producer.send({ topic: 'failover', acks: -1, messages: [{ key: 'a', value: 'before' }] });

      const afterKill = await fixture.control.brokerAction('killBroker', victim);
      assert.equal(afterKill.brokers.find((b) => b.nodeId === victim)?.state, 'killed');
      const moved = await waitFor(
        async () => {
          const meta = await kcatMetadata(fixture.cluster.bootstrap, 'failover');
          const ps = partitionsOf(meta, 'failover');
          const ok = !meta.brokers.some((b) => b.id === victim) && ps.every((p) => p.leader !== victim && p.leader > 0);
          return ok ? ps : null;
        },
        { what: `partitions led by broker ${victim} to get new leaders` },
      );
      for (const p of moved) {
        assert.ok(!p.isrs.some((r) => r.id === victim), 'the dead broker left every ISR');
        assert.ok(p.isrs.some((r) => r.id === p.leader));
      }
      for (let i = 0; i < 10; i++) {
        await producer.send({ topic: 'failover', acks: -1, messages: [{ key: `k${i}`, value: `during-${i}` }] });
      }

      const afterRestart = await fixture.control.brokerAction('restartBroker', victim);
      assert.equal(afterRestart.brokers.find((b) => b.nodeId === victim)?.state, 'running');
      await waitFor(
        async () => {
          const ps = partitionsOf(await kcatMetadata(fixture.cluster.bootstrap, 'failover'), 'failover');
          return ps.every((p) => p.leader === p.replicas[0]?.id && p.isrs.length === 3);
        },
        { what: 'the restarted broker to rejoin every ISR and preferred leaders to return', timeoutMs: 60_000 },
      );
      const consumed = await runKcat(['-C', '-b', fixture.cluster.bootstrap, '-t', 'failover', '-o', 'beginning', '-e', '-q', '-f', '%s\\n']);
      const values = consumed.stdout.split('\n').filter((l) => l.length > 0).sort();
      assert.deepEqual(values, ['before', ...Array.from({ length: 10 }, (_, i) => `during-${i}`)].sort());
    } finally {
      await producer.disconnect();
      await admin.disconnect();
    }
  });

  test('the CLI stops, restarts and reports brokers of the running cluster', async () => {
    const stop = await runCli(['broker', 'stop', '2', '--data-dir', fixture.cluster.dataDir]);
    assert.equal(stop.code, 0, stop.output);
    assert.match(stop.output, /^2\t\S+\tstopped\tdown/m);
    const status = await runCli(['status', '--data-dir', fixture.cluster.dataDir]);
    assert.equal(status.code, 0, status.output);
    assert.match(status.output, /^1\t127\.0\.0\.1:\d+\trunning\tup/m);
    assert.match(status.output, /^2\t127\.0\.0\.1:\d+\tstopped\tdown/m);
    const meta = await kcatMetadata(fixture.cluster.bootstrap, 'spread');
    assert.ok(!meta.brokers.some((b) => b.id === 2));
    assert.ok(partitionsOf(meta, 'spread').every((p) => p.leader !== 2), 'a stopped broker leads nothing');
    const restart = await runCli(['broker', 'restart', '2', '--data-dir', fixture.cluster.dataDir]);
    assert.equal(restart.code, 0, restart.output);
    assert.match(restart.output, /^2\t\S+\trunning\tup/m);
    const unknown = await runCli(['broker', 'kill', '5', '--data-dir', fixture.cluster.dataDir]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.output, /there is no broker 5/);
  });
});

test('the CLI says when no cluster runs for the data dir', async () => {
  const result = await runCli(['status', '--data-dir', tempDir('none')]);
  assert.equal(result.code, 1);
  assert.match(result.output, /no cluster is running for/);
});

test('a broker whose data directory belongs to another cluster refuses to join, naming the directory', async () => {
  const first = await startCluster({ brokers: 2 });
  const dataDir = first.dataDir;
  await first.stop();
  const meta = path.join(dataDir, 'broker-2', 'meta.properties');
  const text = fs.readFileSync(meta, 'utf8');
  fs.writeFileSync(meta, text.replace(/^cluster\.id=.*$/m, 'cluster.id=someOtherCluster'));
  await assert.rejects(startCluster({ brokers: 2, dataDir, readyTimeoutMs: 30_000 }), (err: Error) => {
    assert.match(err.message, /refuses to join/);
    assert.match(err.message, /someOtherCluster/);
    assert.ok(err.message.includes(path.join(dataDir, 'broker-2')), err.message);
    return true;
  });
});
