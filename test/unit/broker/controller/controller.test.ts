import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Controller } from '../../../../broker/controller/controller.js';
import { MetadataStore } from '../../../../broker/controller/metadataStore.js';
import { ErrorCode } from '../../../../broker/protocol/errors.js';
import { tempDir } from '../../../support/tempDir.js';


const BROKERS = [1, 2, 3].map((nodeId) => ({ nodeId, host: '127.0.0.1', port: 9000 + nodeId }));

async function openController(dir: string): Promise<{ controller: Controller; store: MetadataStore }> {
  const store = await MetadataStore.open(dir, () => 'cluster-under-test');
  return { controller: new Controller(store, store.load().clusterId, BROKERS), store };
}

describe('Controller admin operations', () => {
  test('createTopics validates configs: INVALID_CONFIG naming the key, unknown keys too, nothing stored', async () => {
    const { controller, store } = await openController(tempDir('ctl'));
    const [bad, unknown, good] = controller.createTopics(
      [
        { name: 'bad', numPartitions: 1, replicationFactor: 1, configs: { 'retention.ms': '-7' } },
        { name: 'unknown', numPartitions: 1, replicationFactor: 1, configs: { 'retention.weeks': '1' } },
        { name: 'good', numPartitions: 2, replicationFactor: 1, configs: { 'cleanup.policy': 'compact, delete' } },
      ],
      false,
    );
    assert.equal(bad?.errorCode, ErrorCode.INVALID_CONFIG);
    assert.match(bad?.errorMessage ?? '', /retention\.ms/);
    assert.equal(unknown?.errorCode, ErrorCode.INVALID_CONFIG);
    assert.match(unknown?.errorMessage ?? '', /retention\.weeks/);
    assert.equal(good?.errorCode, ErrorCode.NONE);
    assert.deepEqual(store.load().topics.map((t) => [t.name, t.configs]), [['good', { 'cleanup.policy': 'compact,delete' }]]);
    store.close();
  });

  test('createTopics with an explicit assignment places replicas as asked and checks brokers and counts', async () => {
    const { controller, store } = await openController(tempDir('ctl'));
    const [both, unknownBroker, ok] = controller.createTopics(
      [
        { name: 'both', numPartitions: 2, replicationFactor: -1, configs: {}, assignments: [[1]] },
        { name: 'unknown-broker', numPartitions: -1, replicationFactor: -1, configs: {}, assignments: [[1, 8]] },
        { name: 'assigned', numPartitions: -1, replicationFactor: -1, configs: {}, assignments: [[2, 3], [3, 1]] },
      ],
      false,
    );
    assert.equal(both?.errorCode, ErrorCode.INVALID_REQUEST);
    assert.equal(unknownBroker?.errorCode, ErrorCode.INVALID_REPLICA_ASSIGNMENT);
    assert.deepEqual([ok?.errorCode, ok?.numPartitions, ok?.replicationFactor], [ErrorCode.NONE, 2, 2]);
    const topic = controller.image().topics.find((t) => t.name === 'assigned');
    assert.deepEqual(topic?.partitions.map((p) => [p.leader, [...p.replicas]]), [[2, [2, 3]], [3, [3, 1]]]);
    store.close();
  });

  test('validateOnly creates nothing', async () => {
    const { controller, store } = await openController(tempDir('ctl'));
    const epoch = controller.image().epoch;
    const [r] = controller.createTopics([{ name: 't', numPartitions: 1, replicationFactor: 1, configs: {} }], true);
    assert.equal(r?.errorCode, ErrorCode.NONE);
    assert.equal(controller.image().topics.length, 0);
    assert.equal(controller.image().epoch, epoch);
    store.close();
  });

  test('createPartitions grows a topic durably, refuses to shrink, checks assignments', async () => {
    const dir = tempDir('ctl');
    const { controller, store } = await openController(dir);
    controller.createTopics([{ name: 't', numPartitions: 2, replicationFactor: 2, configs: {} }], false);
    const [same] = controller.createPartitions([{ name: 't', count: 2, assignments: null }], false);
    assert.deepEqual([same?.errorCode, same?.errorMessage], [ErrorCode.INVALID_PARTITIONS, 'Topic already has 2 partitions.']);
    const [fewer] = controller.createPartitions([{ name: 't', count: 1, assignments: null }], false);
    assert.deepEqual([fewer?.errorCode, fewer?.errorMessage], [ErrorCode.INVALID_PARTITIONS, 'Topic currently has 2 partitions, which is higher than the requested 1.']);
    const [missing] = controller.createPartitions([{ name: 'nope', count: 3, assignments: null }], false);
    assert.equal(missing?.errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    const [unknownBroker] = controller.createPartitions([{ name: 't', count: 3, assignments: [[1, 9]] }], false);
    assert.deepEqual([unknownBroker?.errorCode, unknownBroker?.errorMessage], [ErrorCode.INVALID_REPLICA_ASSIGNMENT, 'Unknown broker(s) in replica assignment: 9.']);
    const [wrongCount] = controller.createPartitions([{ name: 't', count: 4, assignments: [[1, 2]] }], false);
    assert.equal(wrongCount?.errorCode, ErrorCode.INVALID_REPLICA_ASSIGNMENT);
    const [dryRun] = controller.createPartitions([{ name: 't', count: 5, assignments: null }], true);
    assert.equal(dryRun?.errorCode, ErrorCode.NONE);
    assert.equal(controller.image().topics[0]?.partitions.length, 2);

    const [grown] = controller.createPartitions([{ name: 't', count: 4, assignments: [[3, 1], [2, 3]] }], false);
    assert.equal(grown?.errorCode, ErrorCode.NONE);
    const [auto] = controller.createPartitions([{ name: 't', count: 5, assignments: null }], false);
    assert.equal(auto?.errorCode, ErrorCode.NONE);
    store.close();

    const reopened = await openController(dir);
    const partitions = reopened.controller.image().topics[0]?.partitions ?? [];
    assert.deepEqual(partitions.map((p) => p.partition), [0, 1, 2, 3, 4]);
    assert.deepEqual(partitions[2]?.replicas, [3, 1]);
    assert.equal(partitions[2]?.leader, 3);
    assert.equal(partitions[4]?.replicas.length, 2, 'placed partitions keep the topic\'s replication factor');
    reopened.store.close();
  });

  test('alterTopicConfigs replaces or edits overrides durably, validates, and publishes a new image', async () => {
    const dir = tempDir('ctl');
    const { controller, store } = await openController(dir);
    controller.createTopics([{ name: 't', numPartitions: 1, replicationFactor: 1, configs: { 'retention.ms': '1000', 'segment.bytes': '1000000' } }], false);
    const images: number[] = [];
    controller.onChange((image) => images.push(image.epoch));

    const [replaced] = controller.alterTopicConfigs([{ topic: 't', replace: { 'max.message.bytes': '5000' } }], false);
    assert.equal(replaced?.errorCode, ErrorCode.NONE);
    assert.deepEqual(controller.image().topics[0]?.configs, { 'max.message.bytes': '5000' }, 'AlterConfigs drops keys it does not name');
    assert.equal(images.length, 1);

    const [edited] = controller.alterTopicConfigs([{ topic: 't', changes: [{ name: 'cleanup.policy', op: 0, value: 'compact' }, { name: 'max.message.bytes', op: 1, value: null }] }], false);
    assert.equal(edited?.errorCode, ErrorCode.NONE);
    assert.deepEqual(controller.image().topics[0]?.configs, { 'cleanup.policy': 'compact' });

    const [bad, missing] = controller.alterTopicConfigs(
      [
        { topic: 't', changes: [{ name: 'min.insync.replicas', op: 0, value: '0' }] },
        { topic: 'nope', replace: {} },
      ],
      false,
    );
    assert.deepEqual([bad?.errorCode, bad?.errorMessage], [ErrorCode.INVALID_CONFIG, 'Invalid value 0 for configuration min.insync.replicas: Value must be at least 1']);
    assert.equal(missing?.errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);

    const [dry] = controller.alterTopicConfigs([{ topic: 't', replace: {} }], true);
    assert.equal(dry?.errorCode, ErrorCode.NONE);
    assert.deepEqual(controller.image().topics[0]?.configs, { 'cleanup.policy': 'compact' }, 'validate-only changes nothing');
    store.close();

    const reopened = await openController(dir);
    assert.deepEqual(reopened.controller.image().topics[0]?.configs, { 'cleanup.policy': 'compact' });
    reopened.store.close();
  });
});
