// The Consumer Groups view's data and offset resets: pure helpers, then against a real cluster started
// from the built CLI (kafkajs as the group's consumer, @platformatic/kafka as the extension's admin).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Kafka } from 'kafkajs';
import { encodeAssignment } from '../../../../broker/group/consumerProtocol.js';
import { assignedPartitionNames, describeGroupViews, isActive, lagOf, stateLabel } from '../../../../extension/groups/groupCatalog.js';
import { applyReset, describeReset, parseResetTime, planReset } from '../../../../extension/groups/offsetReset.js';
import { KafkaClients } from '../../../../extension/kafka/kafkaClients.js';
import { kafkajsClient } from '../../../compat/support/clients.js';
import { startCluster, type TestCluster } from '../../../support/cluster.js';
import { waitFor } from '../../../support/waitFor.js';

test('lag is the end offset minus the committed offset, unknown without a commit, never negative', () => {
  assert.equal(lagOf(3n, 10n), 7n);
  assert.equal(lagOf(10n, 10n), 0n);
  assert.equal(lagOf(12n, 10n), 0n);
  assert.equal(lagOf(-1n, 10n), null);
  assert.equal(lagOf(3n, -1n), null);
});

test('state words and activity, whatever casing the client reports', () => {
  assert.equal(stateLabel('STABLE'), 'Stable');
  assert.equal(stateLabel('PreparingRebalance'), 'Preparing rebalance');
  assert.equal(stateLabel('PREPARING_REBALANCE'), 'Preparing rebalance');
  assert.equal(isActive({ state: 'EMPTY', members: [] }), false);
  assert.equal(isActive({ state: 'Stable', members: [] }), true);
  assert.equal(isActive({ state: 'EMPTY', members: [{ memberId: 'm', clientId: 'c', clientHost: 'h', groupInstanceId: null, partitions: [] }] }), true);
});

test('assignments decode to topic-partition names; reset times and confirmation text', () => {
  assert.deepEqual(assignedPartitionNames(encodeAssignment([{ topic: 'b', partitions: [1] }, { topic: 'a', partitions: [2, 0] }])), ['a-0', 'a-2', 'b-1']);
  assert.deepEqual(assignedPartitionNames(Buffer.from([1])), []);
  assert.equal(parseResetTime('1700000000000'), 1_700_000_000_000);
  assert.equal(parseResetTime('2024-05-01 12:00:00Z'), Date.parse('2024-05-01T12:00:00Z'));
  assert.equal(parseResetTime('yesterday-ish'), null);
  const text = describeReset('g', [{ topic: 't', partition: 0, from: 5n, to: 0n }, { topic: 't', partition: 1, from: -1n, to: 7n }]);
  assert.match(text, /group "g" for 2 partition/);
  assert.match(text, /t-0: 5 → 0/);
  assert.match(text, /t-1: none → 7/);
});

describe('groups against a real cluster', () => {
  let cluster: TestCluster;
  let kafka: Kafka;
  let clients: KafkaClients;

  before(async () => {
    cluster = await startCluster({ extraArgs: ['--override', 'group.initial.rebalance.delay.ms=0'] });
    kafka = kafkajsClient(cluster.bootstrap);
    clients = new KafkaClients(cluster.bootstrap.split(','));
  });
  after(async () => {
    await clients.close();
    await cluster.stop();
  });

  test('members with their partitions, committed and end offsets, lag; resets of an empty group', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'lagging', numPartitions: 2 }] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'lagging', messages: Array.from({ length: 10 }, (_, i) => ({ value: `v${i}`, partition: i % 2 })) });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: 'viewer', sessionTimeout: 6_000, heartbeatInterval: 300, maxWaitTimeInMs: 200 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'lagging', fromBeginning: true });
    let seen = 0;
    await consumer.run({
      eachMessage: () => {
        seen++;
        return Promise.resolve();
      },
    });
    await waitFor(() => seen === 10, { what: '10 records consumed' });
    const active = await waitFor(async () => {
      const view = (await describeGroupViews(clients.admin())).find((g) => g.groupId === 'viewer');
      return view && view.members.length === 1 && view.partitions.length === 2 && view.totalLag === 0n ? view : undefined;
    }, { what: 'the active group with its commits' });
    assert.equal(stateLabel(active.state), 'Stable');
    assert.deepEqual(active.members[0]?.partitions, ['lagging-0', 'lagging-1']);
    assert.ok(isActive(active));
    await consumer.disconnect();

    const empty = await waitFor(async () => (await describeGroupViews(clients.admin())).find((g) => g.groupId === 'viewer' && !isActive(g)), { what: 'an empty group' });
    const committed = empty.partitions.map((p) => ({ topic: p.topic, partition: p.partition, offset: p.committed }));
    const earliest = await planReset(clients.admin(), committed, { kind: 'earliest' });
    assert.deepEqual(earliest.map((p) => p.to), [0n, 0n]);
    await applyReset(clients.admin(), 'viewer', earliest);
    const reset = (await describeGroupViews(clients.admin())).find((g) => g.groupId === 'viewer')!;
    assert.deepEqual(reset.partitions.map((p) => [p.committed, p.endOffset, p.lag]), [[0n, 5n, 5n], [0n, 5n, 5n]]);
    assert.equal(reset.totalLag, 10n);

    const clamped = await planReset(clients.admin(), committed, { kind: 'offset', offset: 99n });
    assert.deepEqual(clamped.map((p) => p.to), [5n, 5n]);
    const future = await planReset(clients.admin(), committed, { kind: 'timestamp', timestampMs: Date.now() + 3_600_000 });
    assert.deepEqual(future.map((p) => p.to), [5n, 5n]);
    const past = await planReset(clients.admin(), committed, { kind: 'timestamp', timestampMs: 0 });
    assert.deepEqual(past.map((p) => p.to), [0n, 0n]);
    await admin.disconnect();
  });
});
