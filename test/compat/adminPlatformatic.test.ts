// Topic and group administration through @platformatic/kafka's Admin, which speaks the flexible
// versions: DescribeConfigs v4 (documentation, config types, synonyms), IncrementalAlterConfigs v1,
// AlterConfigs v2, CreatePartitions v3, DeleteRecords v2, DescribeLogDirs v4, ListGroups v5.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Admin, ConfigResourceTypes, IncrementalAlterConfigOperationTypes, Producer, stringSerializers } from '@platformatic/kafka';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { platformaticOptions } from './support/clients.js';

/** The broker's error messages inside @platformatic/kafka's nested AggregateErrors. */
function serverMessages(err: unknown): string {
  if (!(err instanceof Error)) return '';
  const e = err as Error & { serverErrorMessage?: string; errors?: unknown[] };
  return [e.serverErrorMessage ?? '', ...(e.errors ?? []).map(serverMessages)].join(' | ');
}

describe('admin through @platformatic/kafka', () => {
  let cluster: TestCluster;
  let admin: Admin;
  let producer: Producer<string, string, string, string>;

  before(async () => {
    cluster = await startCluster();
    admin = new Admin(platformaticOptions(cluster.bootstrap));
    producer = new Producer({ ...platformaticOptions(cluster.bootstrap), serializers: stringSerializers, acks: -1, idempotent: false });
  });

  after(async () => {
    await Promise.allSettled([admin?.close(), producer?.close()]);
    await cluster?.stop();
  });

  async function configsOf(topic: string): Promise<Map<string, { value: string | null; source: number; type: number; doc: string | null; synonyms: number }>> {
    const [described] = await admin.describeConfigs({
      resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: topic }],
      includeSynonyms: true,
      includeDocumentation: true,
    });
    return new Map(
      (described?.configs ?? []).map((c) => [c.name, { value: c.value ?? null, source: c.configSource, type: c.configType, doc: c.documentation ?? null, synonyms: c.synonyms.length }]),
    );
  }

  test('topic configs: created, described with types and documentation, changed incrementally and replaced', async () => {
    await admin.createTopics({ topics: ['plat-configs'], partitions: 1, replicas: 1, configs: [{ name: 'retention.bytes', value: '1000000' }] });
    let configs = await configsOf('plat-configs');
    assert.equal(configs.get('retention.bytes')?.value, '1000000');
    assert.equal(configs.get('retention.bytes')?.source, 1);
    assert.equal(configs.get('retention.bytes')?.type, 5, 'LONG');
    assert.equal(configs.get('retention.bytes')?.synonyms, 2, 'the topic override and the broker default');
    assert.equal(configs.get('cleanup.policy')?.type, 7, 'LIST');
    assert.match(configs.get('segment.bytes')?.doc ?? '', /64 MiB/);

    await admin.incrementalAlterConfigs({
      resources: [{
        resourceType: ConfigResourceTypes.TOPIC,
        resourceName: 'plat-configs',
        configs: [
          { name: 'cleanup.policy', configOperation: IncrementalAlterConfigOperationTypes.APPEND, value: 'compact' },
          { name: 'retention.bytes', configOperation: IncrementalAlterConfigOperationTypes.DELETE },
          { name: 'max.message.bytes', configOperation: IncrementalAlterConfigOperationTypes.SET, value: '2000' },
        ],
      }],
    });
    configs = await configsOf('plat-configs');
    assert.equal(configs.get('cleanup.policy')?.value, 'delete,compact');
    assert.deepEqual([configs.get('retention.bytes')?.value, configs.get('retention.bytes')?.source], ['-1', 5]);
    assert.equal(configs.get('max.message.bytes')?.value, '2000');

    await assert.rejects(
      admin.incrementalAlterConfigs({
        resources: [{
          resourceType: ConfigResourceTypes.TOPIC,
          resourceName: 'plat-configs',
          configs: [{ name: 'message.timestamp.type', configOperation: IncrementalAlterConfigOperationTypes.SET, value: 'Tomorrow' }],
        }],
      }),
      (err: Error) => /Invalid value Tomorrow for configuration message\.timestamp\.type/.test(serverMessages(err)),
    );

    await admin.alterConfigs({ resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: 'plat-configs', configs: [{ name: 'retention.ms', value: '-1' }] }] });
    configs = await configsOf('plat-configs');
    assert.equal(configs.get('retention.ms')?.value, '-1');
    assert.equal(configs.get('cleanup.policy')?.source, 5, 'AlterConfigs replaced the whole set');
    assert.equal(configs.get('max.message.bytes')?.source, 5);
  });

  test('createPartitions, deleteRecords and describeLogDirs', async () => {
    await admin.createTopics({ topics: ['plat-grow'], partitions: 1, replicas: 1 });
    await admin.createPartitions({ topics: [{ name: 'plat-grow', count: 3 }] });
    const meta = await admin.metadata({ topics: ['plat-grow'] });
    assert.equal(meta.topics.get('plat-grow')?.partitionsCount, 3);

    await producer.send({ messages: Array.from({ length: 5 }, (_, i) => ({ topic: 'plat-grow', partition: 2, value: `m${i}` })) });
    const deleted = await admin.deleteRecords({ topics: [{ name: 'plat-grow', partitions: [{ partition: 2, offset: 3n }] }] });
    assert.equal(deleted[0]?.partitions[0]?.lowWatermark, 3n);
    await assert.rejects(admin.deleteRecords({ topics: [{ name: 'plat-grow', partitions: [{ partition: 2, offset: 99n }] }] }));

    const dirs = await admin.describeLogDirs({ topics: [{ name: 'plat-grow', partitions: [0, 1, 2] }] });
    const result = dirs[0]?.results[0];
    assert.equal(result?.logDir.startsWith(cluster.dataDir), true, `log dir ${result?.logDir} is under ${cluster.dataDir}`);
    const sizes = new Map((result?.topics[0]?.partitions ?? []).map((p) => [p.partitionIndex, p.partitionSize]));
    assert.deepEqual([...sizes.keys()].sort(), [0, 1, 2]);
    assert.ok((sizes.get(2) ?? 0n) > (sizes.get(0) ?? 0n), 'the partition with records is larger');
  });

  test('listGroups with a states filter and describeGroups of an unknown group', async () => {
    const stable = await admin.listGroups({ states: ['STABLE', 'PREPARING_REBALANCE'] });
    assert.ok(stable instanceof Map);
    assert.ok(![...stable.values()].some((g) => g.state !== 'STABLE' && g.state !== 'PREPARING_REBALANCE'));
    const described = await admin.describeGroups({ groups: ['nobody-here'] });
    assert.equal(described.get('nobody-here')?.state, 'DEAD');
  });
});
