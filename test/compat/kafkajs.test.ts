// kafkajs 2.2.4 against the real CLI-started cluster: admin topics (and their errors), keyed produce with
// headers, group consumption in per-partition order, committed offsets, and earliest/latest offsets.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CompressionTypes, type Consumer, type EachMessagePayload, type Kafka } from 'kafkajs';
import { CreateTopicsApi } from '../../broker/protocol/apis/createTopics.js';
import { ErrorCode } from '../../broker/protocol/errors.js';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { waitFor } from '../support/waitFor.js';
import { kafkajsClient } from './support/clients.js';
import { RawConnection } from './support/rawConnection.js';

interface Seen {
  partition: number;
  offset: bigint;
  key: string;
  value: string;
  headers: Record<string, string>;
}

function seenOf({ partition, message }: EachMessagePayload): Seen {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = String(value);
  return { partition, offset: BigInt(message.offset), key: message.key?.toString('utf8') ?? '', value: message.value?.toString('utf8') ?? '', headers };
}

/** The type of each error inside a kafkajs aggregate (or the error's own type). */
function errorTypes(error: unknown): string[] {
  const e = error as { type?: string; errors?: Array<{ type?: string }> };
  if (Array.isArray(e.errors)) return e.errors.map((inner) => inner.type ?? '?');
  return [e.type ?? String(error)];
}

describe('kafkajs', () => {
  let cluster: TestCluster;
  let kafka: Kafka;
  const consumers: Consumer[] = [];

  before(async () => {
    cluster = await startCluster({ extraArgs: ['--override', 'group.initial.rebalance.delay.ms=0'] });
    kafka = kafkajsClient(cluster.bootstrap);
  });
  after(async () => {
    await Promise.allSettled(consumers.map((c) => c.disconnect()));
    await cluster.stop();
  });

  async function startConsumer(groupId: string, topic: string, into: Seen[], onAssigned?: (partitions: number[]) => void): Promise<Consumer> {
    const consumer = kafka.consumer({ groupId, sessionTimeout: 6_000, heartbeatInterval: 300, rebalanceTimeout: 10_000, maxWaitTimeInMs: 200 });
    consumers.push(consumer);
    if (onAssigned) consumer.on(consumer.events.GROUP_JOIN, (event) => onAssigned(event.payload.memberAssignment[topic] ?? []));
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: (payload) => {
        into.push(seenOf(payload));
        return Promise.resolve();
      },
    });
    return consumer;
  }

  test('admin creates, lists and deletes topics', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      assert.equal(await admin.createTopics({ topics: [{ topic: 'admin-a', numPartitions: 2 }, { topic: 'admin-b' }] }), true);
      const listed = await admin.listTopics();
      assert.ok(listed.includes('admin-a') && listed.includes('admin-b'), `listed: ${listed.join(', ')}`);
      const meta = await admin.fetchTopicMetadata({ topics: ['admin-a', 'admin-b'] });
      const partitions = new Map(meta.topics.map((t) => [t.name, t.partitions.length]));
      assert.equal(partitions.get('admin-a'), 2);
      assert.equal(partitions.get('admin-b'), 1);

      await admin.deleteTopics({ topics: ['admin-a'] });
      await waitFor(async () => !(await admin.listTopics()).includes('admin-a'), { what: 'admin-a to disappear from the topic list' });
      assert.ok((await admin.listTopics()).includes('admin-b'));
    } finally {
      await admin.disconnect();
    }
  });

  test('admin errors: invalid name, zero partitions, already existing', async () => {
    const admin = kafka.admin({ retry: { retries: 0 } });
    await admin.connect();
    try {
      await assert.rejects(admin.createTopics({ topics: [{ topic: 'bad name!' }] }), (error) => {
        assert.deepEqual(errorTypes(error), ['INVALID_TOPIC_EXCEPTION']);
        return true;
      });
      await assert.rejects(admin.createTopics({ topics: [{ topic: 'zero-partitions', numPartitions: 0 }] }), (error) => {
        assert.deepEqual(errorTypes(error), ['INVALID_PARTITIONS']);
        return true;
      });
      assert.equal(await admin.createTopics({ topics: [{ topic: 'exists-once' }] }), true);
      // kafkajs reports TOPIC_ALREADY_EXISTS as `false` rather than an error.
      assert.equal(await admin.createTopics({ topics: [{ topic: 'exists-once' }] }), false);
      assert.ok(!(await admin.listTopics()).includes('zero-partitions'));
    } finally {
      await admin.disconnect();
    }
  });

  test('CreateTopics errors carry the code and message Kafka sends', async () => {
    // kafkajs drops error_message, so the same requests go over a raw connection.
    const conn = await RawConnection.connect(cluster.port);
    try {
      const topic = (name: string, numPartitions: number) => ({ name, numPartitions, replicationFactor: 1, assignments: [], configs: [] });
      const response = await conn.request(CreateTopicsApi, 7, {
        topics: [topic('bad name!', 1), topic('zero-partitions', 0), topic('exists-once', 1)],
        timeoutMs: 5_000,
        validateOnly: false,
      });
      const byName = new Map(response.topics.map((t) => [t.name, t]));
      assert.equal(byName.get('bad name!')?.errorCode, ErrorCode.INVALID_TOPIC_EXCEPTION);
      assert.equal(
        byName.get('bad name!')?.errorMessage,
        'Topic name "bad name!" is illegal, it contains a character other than ASCII alphanumerics, \'.\', \'_\' and \'-\'',
      );
      assert.equal(byName.get('zero-partitions')?.errorCode, ErrorCode.INVALID_PARTITIONS);
      assert.equal(byName.get('zero-partitions')?.errorMessage, 'Number of partitions must be larger than 0.');
      assert.equal(byName.get('exists-once')?.errorCode, ErrorCode.TOPIC_ALREADY_EXISTS);
      assert.equal(byName.get('exists-once')?.errorMessage, "Topic 'exists-once' already exists.");
    } finally {
      conn.close();
    }
  });

  test('keyed records with headers round-trip through a group, in order per partition; a second member resumes after commits', async () => {
    const topic = 'orders';
    const admin = kafka.admin();
    await admin.connect();
    const producer = kafka.producer();
    await producer.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 3 }] });
      const keys = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5'];
      const firstRound = keys.flatMap((key) => [0, 1, 2].map((seq) => ({ key, value: `${key}-${seq}`, headers: { seq: String(seq), origin: 'kafkajs' } })));
      // One send per sequence number, so per-key order is the order of sends.
      for (const seq of [0, 1, 2]) {
        await producer.send({ topic, acks: -1, messages: firstRound.filter((m) => m.headers.seq === String(seq)) });
      }

      const seen: Seen[] = [];
      const first = await startConsumer('orders-group', topic, seen);
      await waitFor(() => seen.length >= firstRound.length, { what: `${firstRound.length} records through the group`, timeoutMs: 60_000 });
      assert.equal(seen.length, firstRound.length);
      for (const key of keys) {
        const ofKey = seen.filter((s) => s.key === key);
        assert.equal(new Set(ofKey.map((s) => s.partition)).size, 1, `key ${key} in one partition`);
        assert.deepEqual(ofKey.map((s) => s.value), [`${key}-0`, `${key}-1`, `${key}-2`]);
        assert.deepEqual(ofKey.map((s) => s.headers), [0, 1, 2].map((seq) => ({ seq: String(seq), origin: 'kafkajs' })));
      }
      for (const partition of [0, 1, 2]) {
        const offsets = seen.filter((s) => s.partition === partition).map((s) => s.offset);
        assert.deepEqual(offsets, offsets.map((_, i) => BigInt(i)), `partition ${partition} offsets in order from 0`);
      }
      assert.ok(new Set(seen.map((s) => s.partition)).size > 1, 'keys spread over several partitions');

      // Disconnecting commits what was consumed; the committed offsets are the partition ends.
      await first.disconnect();
      const committed = await admin.fetchOffsets({ groupId: 'orders-group', topics: [topic] });
      const ends = await admin.fetchTopicOffsets(topic);
      const committedBy = new Map(committed[0]?.partitions.map((p) => [p.partition, p.offset]) ?? []);
      for (const end of ends) assert.equal(committedBy.get(end.partition), end.high, `committed offset of partition ${end.partition}`);

      const secondRound = keys.map((key) => ({ key, value: `${key}-3`, headers: { seq: '3', origin: 'kafkajs' } }));
      await producer.send({ topic, acks: -1, messages: secondRound });
      const resumed: Seen[] = [];
      await startConsumer('orders-group', topic, resumed);
      await waitFor(() => resumed.length >= secondRound.length, { what: 'the second member to read the new records', timeoutMs: 60_000 });
      assert.deepEqual(resumed.map((s) => s.value).sort(), secondRound.map((m) => m.value).sort(), 'only records after the committed offsets');
    } finally {
      await producer.disconnect();
      await admin.disconnect();
    }
  });

  test('two members of one group split the partitions and read every record once; GZIP batches decode', async () => {
    const topic = 'shared';
    const admin = kafka.admin();
    await admin.connect();
    const producer = kafka.producer();
    await producer.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 4 }] });
      const seenA: Seen[] = [];
      const seenB: Seen[] = [];
      const assigned = new Map<string, number[]>();
      const memberA = await startConsumer('shared-group', topic, seenA, (partitions) => assigned.set('a', partitions));
      await startConsumer('shared-group', topic, seenB, (partitions) => assigned.set('b', partitions));
      // Both members joined one generation: the four partitions are split between them.
      await waitFor(
        () => (assigned.get('a')?.length ?? 0) > 0 && (assigned.get('b')?.length ?? 0) > 0 && [...(assigned.get('a') ?? []), ...(assigned.get('b') ?? [])].length === 4,
        { what: 'both members to hold partitions', timeoutMs: 60_000 },
      );
      const values = Array.from({ length: 40 }, (_, i) => `shared-${i}`);
      await producer.send({ topic, compression: CompressionTypes.GZIP, messages: values.map((value, i) => ({ key: `key-${i}`, value })) });
      await waitFor(() => seenA.length + seenB.length >= values.length, { what: 'every record through the two members', timeoutMs: 60_000 });
      assert.deepEqual([...seenA, ...seenB].map((s) => s.value).sort(), [...values].sort(), 'each record read exactly once');
      const partitionsA = new Set(seenA.map((s) => s.partition));
      for (const s of seenB) assert.ok(!partitionsA.has(s.partition), `partition ${s.partition} read by one member only`);

      // When one member leaves, the other takes over all four partitions and resumes after the commits.
      await memberA.disconnect();
      await waitFor(() => assigned.get('b')?.length === 4, { what: 'the remaining member to hold all four partitions', timeoutMs: 60_000 });
      const more = Array.from({ length: 20 }, (_, i) => `after-leave-${i}`);
      await producer.send({ topic, messages: more.map((value, i) => ({ key: `key-${i}`, value })) });
      await waitFor(() => seenB.filter((s) => s.value.startsWith('after-leave-')).length >= more.length, {
        what: 'the remaining member to read the new records',
        timeoutMs: 60_000,
      });
      const readTwice = [...seenA, ...seenB].map((s) => s.value).filter((v, i, all) => all.indexOf(v) !== i);
      assert.deepEqual(readTwice, [], 'no record read twice across the handover');
    } finally {
      await producer.disconnect();
      await admin.disconnect();
    }
  });

  test('fetchTopicOffsets reports earliest and latest offsets', async () => {
    const topic = 'offsets-topic';
    const admin = kafka.admin();
    await admin.connect();
    const producer = kafka.producer();
    await producer.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] });
      const empty = await admin.fetchTopicOffsets(topic);
      assert.deepEqual(empty.map((p) => [p.partition, p.low, p.high]).sort(), [[0, '0', '0'], [1, '0', '0']]);

      await producer.send({ topic, messages: [{ value: 'a', partition: 0 }, { value: 'b', partition: 0 }, { value: 'c', partition: 1 }] });
      await producer.send({ topic, messages: [{ value: 'd', partition: 0 }] });
      const offsets = await admin.fetchTopicOffsets(topic);
      assert.deepEqual(offsets.map((p) => [p.partition, p.low, p.high]).sort(), [[0, '0', '3'], [1, '0', '1']]);

      const byTime = await admin.fetchTopicOffsetsByTimestamp(topic, Date.now() + 60_000);
      assert.deepEqual(byTime.map((p) => [p.partition, p.offset]).sort(), [[0, '3'], [1, '1']]);
      const fromStart = await admin.fetchTopicOffsetsByTimestamp(topic, 0);
      assert.deepEqual(fromStart.map((p) => [p.partition, p.offset]).sort(), [[0, '0'], [1, '0']]);
    } finally {
      await producer.disconnect();
      await admin.disconnect();
    }
  });
});
