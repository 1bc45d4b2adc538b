// @platformatic/kafka 1.35 (the client the extension uses) against the real CLI-started cluster: admin
// topics, keyed produce with headers, group consumption in per-partition order, committed offsets and
// offset listing, checking that the flexible versions (Metadata v12, Produce v11, Fetch v17) were spoken.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  Admin, Consumer, MessagesStreamModes, Producer, connectionsApiChannel, stringDeserializers, stringSerializers,
  type Message, type MessagesStream,
} from '@platformatic/kafka';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { waitFor } from '../support/waitFor.js';
import { platformaticOptions } from './support/clients.js';

type StringMessage = Message<string, string, string, string>;

interface Seen {
  partition: number;
  offset: bigint;
  key: string;
  value: string;
  headers: Record<string, string>;
}

function seenOf(message: StringMessage): Seen {
  return { partition: message.partition, offset: message.offset, key: message.key, value: message.value, headers: Object.fromEntries(message.headers) };
}

/** [apiId, server message] of each protocol error inside the client's aggregate error. */
function protocolErrors(error: unknown): Array<[string, string]> {
  const inner = (error as { errors?: Array<{ apiId?: string; serverErrorMessage?: string }> }).errors ?? [];
  return inner.map((e) => [e.apiId ?? '?', e.serverErrorMessage ?? '']);
}

// Which API versions the client sent, from its own diagnostics channel.
const versionsSent = new Map<number, Set<number>>();
function onApiSend(event: unknown): void {
  const { apiKey, apiVersion } = event as { apiKey?: unknown; apiVersion?: unknown };
  if (typeof apiKey === 'number' && typeof apiVersion === 'number') {
    versionsSent.set(apiKey, (versionsSent.get(apiKey) ?? new Set()).add(apiVersion));
  }
}

describe('@platformatic/kafka', () => {
  let cluster: TestCluster;
  let admin: Admin;
  let producer: Producer<string, string, string, string>;
  const consumers: Array<Consumer<string, string, string, string>> = [];
  const streams: Array<MessagesStream<string, string, string, string>> = [];

  before(async () => {
    connectionsApiChannel.start.subscribe(onApiSend);
    cluster = await startCluster({ extraArgs: ['--override', 'group.initial.rebalance.delay.ms=0'] });
    admin = new Admin(platformaticOptions(cluster.bootstrap));
    producer = new Producer({ ...platformaticOptions(cluster.bootstrap), serializers: stringSerializers, acks: -1, idempotent: false });
  });
  after(async () => {
    connectionsApiChannel.start.unsubscribe(onApiSend);
    await Promise.allSettled(streams.map((s) => s.close()));
    // Forced: a member whose group is mid-rebalance should not hold up the cleanup.
    await Promise.allSettled(consumers.map((c) => new Promise<void>((resolve) => c.close(true, () => resolve()))));
    await Promise.allSettled([admin.close(), producer.close()]);
    await cluster.stop();
  });

  async function consume(groupId: string, topic: string, into: Seen[]): Promise<Consumer<string, string, string, string>> {
    const consumer = new Consumer({
      ...platformaticOptions(cluster.bootstrap),
      groupId,
      deserializers: stringDeserializers,
      sessionTimeout: 6_000,
      heartbeatInterval: 300,
      rebalanceTimeout: 10_000,
      maxWaitTime: 200,
    });
    consumers.push(consumer);
    const stream = await consumer.consume({ topics: [topic], mode: MessagesStreamModes.COMMITTED, fallbackMode: 'earliest', autocommit: 100 });
    streams.push(stream);
    stream.on('data', (message: StringMessage) => into.push(seenOf(message)));
    return consumer;
  }

  test('admin creates, lists and deletes topics', async () => {
    const created = await admin.createTopics({ topics: ['plat-a', 'plat-b'], partitions: 3, replicas: 1 });
    assert.deepEqual(created.map((t) => [t.name, t.partitions]).sort(), [['plat-a', 3], ['plat-b', 3]]);
    const listed = await admin.listTopics();
    assert.ok(listed.includes('plat-a') && listed.includes('plat-b'));
    const meta = await admin.metadata({ topics: ['plat-a'] });
    assert.equal(meta.topics.get('plat-a')?.partitionsCount, 3);

    await admin.deleteTopics({ topics: ['plat-b'] });
    await waitFor(async () => !(await admin.listTopics()).includes('plat-b'), { what: 'plat-b to disappear' });

    await assert.rejects(admin.createTopics({ topics: ['plat-a'], partitions: 1, replicas: 1 }), (error) => {
      assert.deepEqual(protocolErrors(error), [['TOPIC_ALREADY_EXISTS', "Topic 'plat-a' already exists."]]);
      return true;
    });
    await assert.rejects(admin.createTopics({ topics: ['plat bad'], partitions: 1, replicas: 1 }), (error) => {
      assert.deepEqual(protocolErrors(error), [
        ['INVALID_TOPIC_EXCEPTION', 'Topic name "plat bad" is illegal, it contains a character other than ASCII alphanumerics, \'.\', \'_\' and \'-\''],
      ]);
      return true;
    });
  });

  test('keyed records with headers round-trip through a group; a restarted member resumes after the commits', async () => {
    const topic = 'plat-orders';
    await admin.createTopics({ topics: [topic], partitions: 3, replicas: 1 });
    const keys = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
    for (const seq of [0, 1, 2]) {
      await producer.send({ messages: keys.map((key) => ({ topic, key, value: `${key}-${seq}`, headers: new Map([['seq', String(seq)]]) })) });
    }

    const seen: Seen[] = [];
    const first = await consume('plat-group', topic, seen);
    await waitFor(() => seen.length >= keys.length * 3, { what: 'every record through the group', timeoutMs: 60_000 });
    assert.equal(seen.length, keys.length * 3);
    for (const key of keys) {
      const ofKey = seen.filter((s) => s.key === key);
      assert.equal(new Set(ofKey.map((s) => s.partition)).size, 1, `key ${key} in one partition`);
      assert.deepEqual(ofKey.map((s) => s.value), [`${key}-0`, `${key}-1`, `${key}-2`]);
      assert.deepEqual(ofKey.map((s) => s.headers), [{ seq: '0' }, { seq: '1' }, { seq: '2' }]);
    }
    for (const partition of [0, 1, 2]) {
      const offsets = seen.filter((s) => s.partition === partition).map((s) => s.offset);
      assert.deepEqual(offsets, offsets.map((_, i) => BigInt(i)));
    }

    const ends = await first.listOffsets({ topics: [topic] });
    const endsOf = ends.get(topic) ?? [];
    assert.equal(endsOf.reduce((sum, end) => sum + end, 0n), BigInt(keys.length * 3));
    await waitFor(
      async () => {
        const committed = (await first.listCommittedOffsets({ topics: [{ topic, partitions: [0, 1, 2] }] })).get(topic) ?? [];
        return committed.length === 3 && committed.every((offset, p) => offset === endsOf[p]);
      },
      { what: 'the autocommit to reach the partition ends' },
    );
    const stream = streams.pop();
    await stream?.close();
    await first.close();

    await producer.send({ messages: keys.map((key) => ({ topic, key, value: `${key}-3`, headers: new Map([['seq', '3']]) })) });
    const resumed: Seen[] = [];
    await consume('plat-group', topic, resumed);
    await waitFor(() => resumed.length >= keys.length, { what: 'the new member to read the new records', timeoutMs: 60_000 });
    assert.deepEqual(resumed.map((s) => s.value).sort(), keys.map((key) => `${key}-3`).sort());
  });

  test('the flexible versions were the ones spoken', () => {
    const sent = (key: number): number[] => [...(versionsSent.get(key) ?? [])].sort((a, b) => a - b);
    assert.ok(sent(3).includes(12), `Metadata versions: ${sent(3).join(',')}`);
    assert.ok(sent(0).includes(11), `Produce versions: ${sent(0).join(',')}`);
    assert.ok(sent(1).includes(17), `Fetch versions: ${sent(1).join(',')}`);
  });
});
