// Consumer groups with kcat (librdkafka) balanced consumers: two members share a topic (eager and
// cooperative-sticky), and a static member (group.instance.id) restarts without a rebalance.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import type { Kafka } from 'kafkajs';
import { onCleanup } from '../support/cleanup.js';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { kcatProduce } from '../support/kcat.js';
import { waitFor } from '../support/waitFor.js';
import { kafkajsClient } from './support/clients.js';

interface KcatMember {
  child: ChildProcess;
  /** "partition:offset:value" per record consumed. */
  records: string[];
  stderr(): string;
}

function kcatMember(bootstrap: string, groupId: string, topic: string, extra: string[] = []): KcatMember {
  const args = [
    '-b', bootstrap, '-G', groupId,
    '-X', 'auto.offset.reset=earliest',
    '-X', 'session.timeout.ms=6000',
    '-X', 'heartbeat.interval.ms=300',
    '-u',
    '-f', '%p:%o:%s\\n',
    ...extra,
    // kcat stops reading options at the first topic name.
    topic,
  ];
  const child = spawn('kcat', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const forget = onCleanup(() => child.kill('SIGKILL'));
  child.once('exit', forget);
  const records: string[] = [];
  let pending = '';
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    records.push(...lines.filter((l) => l.length > 0));
  });
  child.stderr.on('data', (chunk: Buffer) => {
    errors += chunk.toString('utf8');
  });
  return { child, records, stderr: () => errors };
}

async function stop(member: KcatMember, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (member.child.exitCode !== null || member.child.signalCode !== null) return;
  const exited = new Promise((resolve) => member.child.once('exit', resolve));
  member.child.kill(signal);
  await exited;
}

/** kcat prints one "rebalanced" line per assignment it receives. */
function assignments(member: KcatMember): number {
  return (member.stderr().match(/Group .* rebalanced/g) ?? []).length;
}

describe('consumer groups with kcat', () => {
  let cluster: TestCluster;
  let kafka: Kafka;

  before(async () => {
    cluster = await startCluster({ extraArgs: ['--override', 'group.initial.rebalance.delay.ms=0', '--override', 'group.min.session.timeout.ms=1000'] });
    kafka = kafkajsClient(cluster.bootstrap);
  });
  after(async () => {
    await cluster.stop();
  });

  async function createTopic(topic: string, partitions: number): Promise<void> {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }] });
    await admin.disconnect();
  }

  async function stableMembers(groupId: string, count: number): Promise<string[]> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return await waitFor(async () => {
        const group = (await admin.describeGroups([groupId])).groups[0];
        const ok = group?.state === 'Stable' && group.members.length === count && group.members.every((m) => m.memberAssignment.length > 0);
        return ok ? group.members.map((m) => m.memberId).sort() : undefined;
      }, { what: `a stable group ${groupId} of ${count} members`, timeoutMs: 60_000 });
    } finally {
      await admin.disconnect();
    }
  }

  for (const strategy of ['range', 'cooperative-sticky']) {
    test(`two balanced members (${strategy}) share a topic: every record once`, async () => {
      const topic = `kcat-groups-${strategy}`;
      const groupId = `kcat-pair-${strategy}`;
      await createTopic(topic, 4);
      const extra = ['-X', `partition.assignment.strategy=${strategy}`];
      const a = kcatMember(cluster.bootstrap, groupId, topic, extra);
      const b = kcatMember(cluster.bootstrap, groupId, topic, extra);
      await stableMembers(groupId, 2);
      const values = Array.from({ length: 200 }, (_, i) => `k${i}:v${i}`);
      await kcatProduce(cluster.bootstrap, topic, values, ':');
      await waitFor(() => a.records.length + b.records.length >= 200, { what: '200 records consumed by the pair', timeoutMs: 60_000 });
      const all = [...a.records, ...b.records];
      assert.equal(new Set(all).size, 200, 'no record twice');
      assert.ok(a.records.length > 0 && b.records.length > 0, `both consumed: ${a.records.length}/${b.records.length}`);
      const partitionsOf = (m: KcatMember) => new Set(m.records.map((r) => r.split(':')[0]));
      for (const p of partitionsOf(a)) assert.ok(!partitionsOf(b).has(p), `partition ${p} read by one member only`);
      await Promise.all([stop(a), stop(b)]);
    });
  }

  test('a static member restarts within its session without a rebalance', async () => {
    const topic = 'kcat-static';
    const groupId = 'kcat-static-group';
    await createTopic(topic, 2);
    const staticArgs = (id: string) => ['-X', `group.instance.id=${id}`, '-d', 'cgrp'];
    const one = kcatMember(cluster.bootstrap, groupId, topic, staticArgs('one'));
    const two = kcatMember(cluster.bootstrap, groupId, topic, staticArgs('two'));
    const before = await stableMembers(groupId, 2);
    await waitFor(() => assignments(two) >= 1, { what: 'member two assigned' });
    const twoAssignments = assignments(two);

    // A crash and a restart of "one": a static member sends no LeaveGroup, and comes back with a new member id.
    await stop(one, 'SIGKILL');
    const restarted = kcatMember(cluster.bootstrap, groupId, topic, staticArgs('one'));
    await waitFor(() => assignments(restarted) >= 1, { what: 'restarted member one assigned', timeoutMs: 60_000 });
    const afterRestart = await stableMembers(groupId, 2);
    assert.notDeepEqual(afterRestart, before, 'member one has a new member id');
    await kcatProduce(cluster.bootstrap, topic, ['a:1', 'b:2', 'c:3', 'd:4'], ':');
    await waitFor(() => restarted.records.length + two.records.length >= 4, { what: 'records consumed after the restart' });
    assert.equal(assignments(two), twoAssignments, `member two was not rebalanced:\n${two.stderr().slice(-2000)}`);
    await Promise.all([stop(restarted), stop(two)]);
  });
});
