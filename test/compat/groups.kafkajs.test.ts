// Consumer groups with kafkajs against the real CLI-started cluster: three members share six
// partitions exactly once, a crashed member's partitions are taken over from committed offsets,
// offsets survive a broker restart, and admin reset/delete refuse active groups.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Consumer, Kafka } from 'kafkajs';
import { OffsetDeleteApi } from '../../broker/protocol/apis/offsetDelete.js';
import { FindCoordinatorApi } from '../../broker/protocol/apis/findCoordinator.js';
import { OffsetCommitApi } from '../../broker/protocol/apis/offsetCommit.js';
import { OffsetFetchApi } from '../../broker/protocol/apis/offsetFetch.js';
import { ErrorCode } from '../../broker/protocol/errors.js';
import { onCleanup } from '../support/cleanup.js';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { waitFor } from '../support/waitFor.js';
import { kafkajsClient } from './support/clients.js';
import { RawConnection } from './support/rawConnection.js';

const SESSION_MS = 3_000;
const clusterArgs = ['--override', 'group.initial.rebalance.delay.ms=0', '--override', 'group.min.session.timeout.ms=1000'];

/** A group member in a child process: `seen` fills with "partition:offset" as it consumes. */
function spawnMember(bootstrap: string, topic: string, groupId: string, seen: string[]): ChildProcess {
  const script = path.join(__dirname, 'groupsConsumerChild.js');
  const child = spawn(process.execPath, [script, bootstrap, topic, groupId, String(SESSION_MS)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const forget = onCleanup(() => child.kill('SIGKILL'));
  child.once('exit', forget);
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const m = /^M (\d+) (\d+)$/.exec(line);
      if (m) seen.push(`${m[1]}:${m[2]}`);
    }
  });
  return child;
}

describe('consumer groups with kafkajs', () => {
  let cluster: TestCluster;
  let kafka: Kafka;
  const consumers: Consumer[] = [];

  before(async () => {
    cluster = await startCluster({ extraArgs: clusterArgs });
    kafka = kafkajsClient(cluster.bootstrap);
  });
  after(async () => {
    await Promise.allSettled(consumers.map((c) => c.disconnect()));
    await cluster.stop();
  });

  function inProcessMember(groupId: string, topic: string, seen: string[]): Promise<Consumer> {
    const consumer = kafka.consumer({ groupId, sessionTimeout: SESSION_MS, heartbeatInterval: 200, rebalanceTimeout: 10_000, maxWaitTimeInMs: 200 });
    consumers.push(consumer);
    return consumer
      .connect()
      .then(() => consumer.subscribe({ topic, fromBeginning: true }))
      .then(() =>
        consumer.run({
          eachMessage: ({ partition, message }) => {
            seen.push(`${partition}:${message.offset}`);
            return Promise.resolve();
          },
        }),
      )
      .then(() => consumer);
  }

  async function produce(topic: string, from: number, count: number): Promise<void> {
    const producer = kafka.producer();
    await producer.connect();
    const messages = Array.from({ length: count }, (_, i) => ({ key: `k${from + i}`, value: `v${from + i}` }));
    await producer.send({ topic, messages });
    await producer.disconnect();
  }

  test('the coordinator is the leader of the group\'s __consumer_offsets partition; other brokers answer NOT_COORDINATOR', async () => {
    const ports = cluster.bootstrap.split(',').map((hostPort) => Number(hostPort.split(':')[1]));
    const groupIds = ['placement-a', 'placement-b', 'placement-c', 'placement-d'];
    const first = await RawConnection.connect(ports[0]);
    const batched = await first.request(FindCoordinatorApi, 4, { ...FindCoordinatorApi.request.empty(), keyType: 0, coordinatorKeys: groupIds });
    first.close();
    for (const groupId of groupIds) {
      const answer = batched.coordinators.find((c) => c.key === groupId);
      assert.equal(answer?.errorCode, ErrorCode.NONE, groupId);
      // Every broker names the same coordinator, and only that one serves the group.
      for (const port of ports) {
        const raw = await RawConnection.connect(port);
        const one = await raw.request(FindCoordinatorApi, 3, { ...FindCoordinatorApi.request.empty(), keyType: 0, key: groupId });
        assert.equal(one.nodeId, answer.nodeId);
        const fetched = await raw.request(OffsetFetchApi, 7, { ...OffsetFetchApi.request.empty(), groupId, topics: null });
        assert.equal(fetched.errorCode, port === answer.port ? ErrorCode.NONE : ErrorCode.NOT_COORDINATOR, `${groupId} on port ${port}`);
        raw.close();
      }
    }
  });

  test('three members over six partitions: exactly once; a crashed member is replaced from committed offsets', async () => {
    const topic = 'groups-six';
    const groupId = 'six-readers';
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 6 }] });

    const seenA: string[] = [];
    const seenB: string[] = [];
    const seenChild: string[] = [];
    const child = spawnMember(cluster.bootstrap, topic, groupId, seenChild);
    await Promise.all([inProcessMember(groupId, topic, seenA), inProcessMember(groupId, topic, seenB)]);
    // Produce only once all three share the partitions, so each of them has records to read.
    await waitFor(async () => {
      const d = await admin.describeGroups([groupId]);
      const group = d.groups[0];
      return group?.state === 'Stable' && group.members.length === 3 && group.members.every((m) => m.memberAssignment.length > 0);
    }, { what: 'a stable group of three, each with an assignment', timeoutMs: 60_000 });
    await produce(topic, 0, 300);
    const all = (): string[] => [...seenA, ...seenB, ...seenChild];
    await waitFor(() => new Set(all()).size === 300, { what: '300 records consumed by the group', timeoutMs: 60_000 });
    assert.equal(all().length, 300, 'no record consumed twice while nothing failed');
    assert.ok(seenChild.length > 0 && seenA.length > 0 && seenB.length > 0, `every member consumed: ${seenA.length}/${seenB.length}/${seenChild.length}`);

    // Wait for the child's commits to cover what it consumed, then crash it: no LeaveGroup, no goodbye.
    const childPartitions = new Set(seenChild.map((s) => Number(s.split(':')[0])));
    await waitFor(async () => {
      const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
      const committed = offsets[0].partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
      return committed === 300;
    }, { what: 'offsets of all 300 records committed' });
    child.kill('SIGKILL');
    await produce(topic, 300, 300);

    // Within the session timeout the two survivors take over the child's partitions and read on from its commits.
    await waitFor(() => new Set(all()).size === 600, { what: 'all 600 records consumed after the crash', timeoutMs: 60_000 });
    const afterCrash = [...seenA, ...seenB];
    const duplicates = afterCrash.length - new Set(afterCrash).size;
    assert.equal(duplicates, 0, 'the survivors resumed at the committed offsets');
    for (const p of childPartitions) assert.ok(afterCrash.some((s) => s.startsWith(`${p}:`) && Number(s.split(':')[1]) >= 0), `partition ${p} taken over`);
    await admin.disconnect();
  });

  test('offsets and the group survive a broker restart', async () => {
    const topic = 'groups-durable';
    const groupId = 'durable-readers';
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] });
    await produce(topic, 0, 20);
    const seen: string[] = [];
    const consumer = await inProcessMember(groupId, topic, seen);
    await waitFor(() => seen.length === 20, { what: '20 records consumed' });
    await waitFor(async () => {
      const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
      return offsets[0].partitions.reduce((sum, p) => sum + Number(p.offset), 0) === 20;
    }, { what: 'offsets committed' });
    await consumer.disconnect();
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '1' }] });
    const before = (await admin.fetchOffsets({ groupId, topics: [topic] }))[0].partitions.map((p) => `${p.partition}:${p.offset}`).sort();
    await admin.disconnect();

    const dataDir = cluster.dataDir;
    await cluster.stop();
    cluster = await startCluster({ dataDir, extraArgs: clusterArgs });
    kafka = kafkajsClient(cluster.bootstrap);
    const admin2 = kafka.admin();
    await admin2.connect();
    const afterRestart = (await admin2.fetchOffsets({ groupId, topics: [topic] }))[0].partitions.map((p) => `${p.partition}:${p.offset}`).sort();
    assert.deepEqual(afterRestart, before);
    assert.ok(before.includes('0:1'));
    const listed = await admin2.listGroups();
    assert.ok(listed.groups.some((g) => g.groupId === groupId && g.protocolType === 'consumer'), JSON.stringify(listed));
    const described = await admin2.describeGroups([groupId]);
    assert.equal(described.groups[0]?.state, 'Empty');
    await admin2.disconnect();
  });

  test('admin reset and delete: refused for an active group, applied to an empty one', async () => {
    const topic = 'groups-admin';
    const groupId = 'admin-readers';
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] });
    await produce(topic, 0, 10);
    const seen: string[] = [];
    const consumer = await inProcessMember(groupId, topic, seen);
    await waitFor(() => seen.length === 10, { what: '10 records consumed' });
    await waitFor(async () => (await admin.describeGroups([groupId])).groups[0]?.state === 'Stable', { what: 'a stable group' });

    // kafkajs refuses on its own when it sees members; the broker refuses too, as Kafka does.
    await assert.rejects(admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '0' }] }), /no running instances/);
    const raw = await RawConnection.connect(cluster.port);
    const adminCommit = await raw.request(OffsetCommitApi, 2, {
      ...OffsetCommitApi.request.empty(),
      groupId,
      generationIdOrMemberEpoch: -1,
      memberId: '',
      topics: [{ name: topic, partitions: [{ partitionIndex: 0, committedOffset: 0n, committedLeaderEpoch: -1, committedMetadata: null }] }],
    });
    assert.equal(adminCommit.topics[0]?.partitions[0]?.errorCode, ErrorCode.UNKNOWN_MEMBER_ID);
    await assert.rejects(admin.deleteGroups([groupId]), (e: Error & { groups?: Array<{ error?: { type?: string } }> }) => {
      assert.equal(e.groups?.[0]?.error?.type, 'NON_EMPTY_GROUP', e.message);
      return true;
    });
    // OffsetDelete of a subscribed topic is refused too.
    const found = await raw.request(FindCoordinatorApi, 3, { ...FindCoordinatorApi.request.empty(), key: groupId, keyType: 0 });
    assert.equal(found.errorCode, ErrorCode.NONE);
    const refused = await raw.request(OffsetDeleteApi, 0, { groupId, topics: [{ name: topic, partitions: [{ partitionIndex: 0 }] }] });
    assert.equal(refused.topics[0]?.partitions[0]?.errorCode, ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC);

    await consumer.disconnect();
    await admin.resetOffsets({ groupId, topic, earliest: true });
    const reset = (await admin.fetchOffsets({ groupId, topics: [topic] }))[0].partitions;
    for (const p of reset) assert.ok(Number(p.offset) <= 0, `partition ${p.partition} reset to earliest, got ${p.offset}`);
    const deletedOffset = await raw.request(OffsetDeleteApi, 0, { groupId, topics: [{ name: topic, partitions: [{ partitionIndex: 0 }] }] });
    assert.equal(deletedOffset.errorCode, ErrorCode.NONE);
    assert.equal(deletedOffset.topics[0]?.partitions[0]?.errorCode, ErrorCode.NONE);
    raw.close();

    await admin.deleteGroups([groupId]);
    const listed = await admin.listGroups();
    assert.ok(!listed.groups.some((g) => g.groupId === groupId));
    assert.deepEqual((await admin.fetchOffsets({ groupId, topics: [topic] }))[0].partitions.map((p) => p.offset), ['-1', '-1']);
    await admin.disconnect();
  });
});
