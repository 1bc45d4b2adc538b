// Topic and group administration through kafkajs's admin client and kcat against the CLI-started
// cluster: configs round trip (create, describe, alter), partitions added while producing, delete
// records, cluster and log-dir descriptions, and the group admin APIs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConfigResourceTypes, type Admin, type Kafka } from 'kafkajs';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { runKcat } from '../support/kcat.js';
import { waitFor } from '../support/waitFor.js';
import { kafkajsClient } from './support/clients.js';

/** kafkajs wraps per-resource errors (errors, partitions, groups); this flattens them into one searchable text. */
function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const e = err as Error & { type?: string; errors?: unknown[]; partitions?: Array<{ error?: unknown }>; groups?: Array<{ error?: unknown }> };
  const nested = [...(e.errors ?? []), ...(e.partitions ?? []).map((p) => p.error), ...(e.groups ?? []).map((g) => g.error)];
  return [e.message, e.type ?? '', ...nested.map(errorText)].join(' | ');
}

async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    return errorText(err);
  }
  assert.fail('expected the call to be rejected');
}

describe('admin through kafkajs and kcat', () => {
  let cluster: TestCluster;
  let kafka: Kafka;
  let admin: Admin;

  before(async () => {
    cluster = await startCluster({ extraArgs: ['--override', 'group.initial.rebalance.delay.ms=0'] });
    kafka = kafkajsClient(cluster.bootstrap);
    admin = kafka.admin();
    await admin.connect();
  });

  after(async () => {
    await admin?.disconnect();
    await cluster?.stop();
  });

  async function topicConfigs(topic: string): Promise<Map<string, { value: string; isDefault: boolean; source: number }>> {
    const described = await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }], includeSynonyms: false });
    const entries = described.resources[0]?.configEntries ?? [];
    return new Map(entries.map((e) => [e.configName, { value: e.configValue, isDefault: e.isDefault, source: (e as { configSource?: number }).configSource ?? -1 }]));
  }

  test('createTopics with configs, invalid configs rejected naming the key, validateOnly creates nothing', async () => {
    const created = await admin.createTopics({
      topics: [{ topic: 'configured', numPartitions: 2, configEntries: [{ name: 'retention.ms', value: '3600000' }, { name: 'cleanup.policy', value: 'compact' }] }],
    });
    assert.equal(created, true);

    const bad = await rejection(admin.createTopics({ topics: [{ topic: 'bad-config', configEntries: [{ name: 'retention.ms', value: 'soon' }] }] }));
    assert.match(bad, /INVALID_CONFIG|configuration is not valid|retention\.ms/);
    const unknown = await rejection(admin.createTopics({ topics: [{ topic: 'unknown-config', configEntries: [{ name: 'retention.fortnights', value: '1' }] }] }));
    assert.match(unknown, /INVALID_CONFIG|configuration is not valid|retention\.fortnights/);

    // kafkajs would wait for the leaders of a topic a dry run did not create: tell it not to.
    await admin.createTopics({ validateOnly: true, waitForLeaders: false, topics: [{ topic: 'dry-run' }] });
    const topics = await admin.listTopics();
    assert.ok(topics.includes('configured'));
    for (const name of ['bad-config', 'unknown-config', 'dry-run']) assert.ok(!topics.includes(name), `${name} was not created`);
  });

  test('describeConfigs gives every key with its value, default flag and source', async () => {
    const configs = await topicConfigs('configured');
    assert.deepEqual(configs.get('retention.ms'), { value: '3600000', isDefault: false, source: 1 });
    assert.deepEqual(configs.get('cleanup.policy'), { value: 'compact', isDefault: false, source: 1 });
    assert.deepEqual(configs.get('segment.bytes'), { value: String(64 * 1024 * 1024), isDefault: true, source: 5 });
    for (const key of ['max.message.bytes', 'min.insync.replicas', 'message.timestamp.type', 'retention.bytes']) assert.ok(configs.has(key), key);

    const broker = await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.BROKER, name: '1' }], includeSynonyms: false });
    const brokerEntries = new Map((broker.resources[0]?.configEntries ?? []).map((e) => [e.configName, e.configValue]));
    assert.equal(brokerEntries.get('auto.create.topics.enable'), 'true');
    assert.equal(brokerEntries.get('num.partitions'), '1');
    assert.equal(brokerEntries.get('message.max.bytes'), '1048588');
  });

  test('alterConfigs replaces the set, is validated, and the broker applies it (LogAppendTime)', async () => {
    await admin.createTopics({ topics: [{ topic: 'stamped' }] });
    const bad = await rejection(
      admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'stamped', configEntries: [{ name: 'min.insync.replicas', value: '0' }] }] }),
    );
    assert.match(bad, /INVALID_CONFIG|configuration is not valid|min\.insync\.replicas/);
    await admin.alterConfigs({ validateOnly: true, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'stamped', configEntries: [{ name: 'retention.ms', value: '1' }] }] });
    assert.equal((await topicConfigs('stamped')).get('retention.ms')?.isDefault, true, 'validateOnly changed nothing');

    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: 'stamped', configEntries: [{ name: 'message.timestamp.type', value: 'LogAppendTime' }] }],
    });
    assert.deepEqual((await topicConfigs('stamped')).get('message.timestamp.type'), { value: 'LogAppendTime', isDefault: false, source: 1 });

    const producer = kafka.producer();
    await producer.connect();
    const [meta] = await producer.send({ topic: 'stamped', messages: [{ value: 'old', timestamp: '1000' }] });
    await producer.disconnect();
    assert.ok(meta && meta.logAppendTime !== undefined && Number(meta.logAppendTime) > 1_000_000, `log append time returned: ${JSON.stringify(meta)}`);
  });

  test('createPartitions while producing: refused to shrink, new partitions take records, kcat sees them', async () => {
    await admin.createTopics({ topics: [{ topic: 'growing', numPartitions: 2 }] });
    const shrink = await rejection(admin.createPartitions({ topicPartitions: [{ topic: 'growing', count: 1 }] }));
    assert.match(shrink, /INVALID_PARTITIONS|partition count is not valid|higher than the requested/);
    const badBroker = await rejection(admin.createPartitions({ topicPartitions: [{ topic: 'growing', count: 3, assignments: [[7]] }] }));
    assert.match(badBroker, /INVALID_REPLICA_ASSIGNMENT|replica assignment is not valid|Unknown broker/);

    const producer = kafka.producer({ metadataMaxAge: 200 });
    await producer.connect();
    let producing = true;
    let sent = 0;
    const loop = (async () => {
      while (producing) {
        await producer.send({ topic: 'growing', messages: [{ value: `v${sent}` }, { value: `w${sent}` }, { value: `x${sent}` }, { value: `y${sent}` }] });
        sent++;
      }
    })();
    try {
      await waitFor(() => sent >= 3, { what: 'a few sends before growing' });
      await admin.createPartitions({ topicPartitions: [{ topic: 'growing', count: 4 }] });
      await waitFor(
        async () => {
          const offsets = await admin.fetchTopicOffsets('growing');
          return offsets.length === 4 && offsets.every((o) => Number(o.high) > 0);
        },
        { what: 'records in all four partitions', timeoutMs: 30_000 },
      );
    } finally {
      producing = false;
      await loop;
      await producer.disconnect();
    }
    const listing = await runKcat(['-L', '-b', cluster.bootstrap, '-t', 'growing']);
    assert.equal(listing.exitCode, 0, listing.stderr);
    assert.match(listing.stdout, /topic "growing" with 4 partitions/);
  });

  test('deleteTopicRecords moves the earliest offset; consumers start there', async () => {
    await admin.createTopics({ topics: [{ topic: 'trimmed' }] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'trimmed', messages: Array.from({ length: 10 }, (_, i) => ({ value: `r${i}` })) });
    await producer.disconnect();

    // kafkajs looks the leader up in its metadata cache before it loads the topic: load it first.
    assert.equal((await admin.fetchTopicOffsets('trimmed'))[0]?.high, '10');
    try {
      await admin.deleteTopicRecords({ topic: 'trimmed', partitions: [{ partition: 0, offset: '6' }] });
    } catch (err) {
      assert.fail(errorText(err));
    }
    const [offsets] = await admin.fetchTopicOffsets('trimmed');
    assert.deepEqual([offsets?.low, offsets?.high], ['6', '10']);
    const byTime = await admin.fetchTopicOffsetsByTimestamp('trimmed', 0);
    assert.equal(byTime[0]?.offset, '6', 'a lookup by timestamp does not answer below the log start');

    const consumed = await runKcat(['-C', '-b', cluster.bootstrap, '-t', 'trimmed', '-o', 'beginning', '-e', '-q', '-f', '%o %s\\n']);
    assert.equal(consumed.exitCode, 0, consumed.stderr);
    assert.deepEqual(consumed.stdout.trim().split('\n'), ['6 r6', '7 r7', '8 r8', '9 r9']);

    // Beyond the high watermark: kafkajs checks this itself, so ask for -1 (the high watermark) instead.
    await admin.deleteTopicRecords({ topic: 'trimmed', partitions: [{ partition: 0, offset: '-1' }] });
    const [after] = await admin.fetchTopicOffsets('trimmed');
    assert.equal(after?.low, '10');
  });

  test('describeCluster names the one broker and the controller', async () => {
    const described = await admin.describeCluster();
    assert.equal(described.brokers.length, 1);
    assert.equal(described.brokers[0]?.nodeId, 1);
    assert.equal(described.brokers[0]?.port, cluster.port);
    assert.equal(described.controller, 1);
    assert.ok(described.clusterId.length > 0);
  });

  test('describeGroups, listGroups and deleteGroups (NON_EMPTY_GROUP while a member is active)', async () => {
    await admin.createTopics({ topics: [{ topic: 'grouped' }] });
    const consumer = kafka.consumer({ groupId: 'admin-group', sessionTimeout: 10_000, heartbeatInterval: 500 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'grouped', fromBeginning: true });
    let joined = false;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      joined = true;
    });
    await consumer.run({ eachMessage: () => Promise.resolve() });
    try {
      await waitFor(() => joined, { what: 'the consumer to join its group' });
      const { groups } = await admin.describeGroups(['admin-group']);
      assert.equal(groups[0]?.state, 'Stable');
      assert.equal(groups[0]?.protocolType, 'consumer');
      assert.equal(groups[0]?.members.length, 1);
      const listed = await admin.listGroups();
      assert.ok(listed.groups.some((g) => g.groupId === 'admin-group' && g.protocolType === 'consumer'));

      const nonEmpty = await rejection(admin.deleteGroups(['admin-group']));
      assert.match(nonEmpty, /NON_EMPTY_GROUP|still has members|not empty/i);
    } finally {
      await consumer.disconnect();
    }
    await waitFor(async () => (await admin.describeGroups(['admin-group'])).groups[0]?.state === 'Empty', { what: 'the group to empty' });
    const deleted = await admin.deleteGroups(['admin-group']);
    assert.equal(deleted[0]?.errorCode, 0);
    const after = await admin.describeGroups(['admin-group']);
    assert.equal(after.groups[0]?.state, 'Dead');
  });
});
