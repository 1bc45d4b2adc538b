import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Controller } from '../../../../broker/controller/controller.js';
import type { MetadataImage } from '../../../../broker/controller/metadataImage.js';
import { MetadataStore } from '../../../../broker/controller/metadataStore.js';
import { ErrorCode } from '../../../../broker/protocol/errors.js';
import { tempDir } from '../../../support/tempDir.js';

const endpoint = (nodeId: number) => ({ nodeId, host: '127.0.0.1', port: 9000 + nodeId });
const BROKERS = [1, 2, 3].map(endpoint);

async function openController(dir: string): Promise<{ controller: Controller; store: MetadataStore }> {
  const store = await MetadataStore.open(dir, () => 'cluster-under-test');
  return { controller: new Controller(store, store.load().clusterId, BROKERS, { numPartitions: 1, replicationFactor: 3 }), store };
}

function partitions(image: MetadataImage, topic: string) {
  return image.topics.find((t) => t.name === topic)?.partitions ?? [];
}

describe('Controller replication', () => {
  test('placement spreads preferred leaders and replicas evenly, across topics and added partitions', async () => {
    const { controller, store } = await openController(tempDir('ctl'));
    controller.createTopics([{ name: 'a', numPartitions: 4, replicationFactor: 3, configs: {} }], false);
    controller.createTopics([{ name: 'b', numPartitions: 1, replicationFactor: 2, configs: {} }], false);
    controller.createPartitions([{ name: 'b', count: 3, assignments: null }], false);
    const all = controller.image().topics.flatMap((t) => t.partitions);
    const leaders = [1, 2, 3].map((id) => all.filter((p) => p.leader === id).length);
    assert.ok(Math.max(...leaders) - Math.min(...leaders) <= 1, `leaders ${leaders.join(',')}`);
    const replicas = [1, 2, 3].map((id) => all.filter((p) => p.replicas.includes(id)).length);
    assert.ok(Math.max(...replicas) - Math.min(...replicas) <= 1, `replicas ${replicas.join(',')}`);
    for (const p of all) assert.equal(new Set(p.replicas).size, p.replicas.length);
    store.close();
  });

  test('default replication factor is min(3, live brokers); above the live count is INVALID_REPLICATION_FACTOR', async () => {
    const { controller, store } = await openController(tempDir('ctl'));
    const [ok, tooMany] = controller.createTopics(
      [
        { name: 'd', numPartitions: 2, replicationFactor: -1, configs: {} },
        { name: 'big', numPartitions: 1, replicationFactor: 4, configs: {} },
      ],
      false,
    );
    assert.equal(ok?.replicationFactor, 3);
    assert.equal(tooMany?.errorCode, ErrorCode.INVALID_REPLICATION_FACTOR);
    store.close();
  });

  test('unknown broker ids in an assignment are INVALID_REPLICA_ASSIGNMENT; a fenced but registered broker is known', async () => {
    const { controller, store } = await openController(tempDir('ctl'));
    controller.createTopics([{ name: 't', numPartitions: 1, replicationFactor: 3, configs: {} }], false);
    const [unknown] = controller.createPartitions([{ name: 't', count: 2, assignments: [[1, 2, 7]] }], false);
    assert.equal(unknown?.errorCode, ErrorCode.INVALID_REPLICA_ASSIGNMENT);
    assert.match(unknown?.errorMessage ?? '', /7/);
    controller.fenceBroker(3);
    const [known] = controller.createPartitions([{ name: 't', count: 2, assignments: [[1, 2, 3]] }], false);
    assert.equal(known?.errorCode, ErrorCode.NONE);
    store.close();
  });

  test('fencing a leader elects from the ISR, names only live brokers and a live controller, and persists', async () => {
    const dir = tempDir('ctl');
    const { controller, store } = await openController(dir);
    controller.createTopics([{ name: 't', numPartitions: 3, replicationFactor: 3, configs: {} }], false);
    const images: MetadataImage[] = [];
    controller.onChange((image) => images.push(image));
    controller.fenceBroker(1);
    const image = controller.image();
    assert.equal(images.at(-1)?.epoch, image.epoch, 'the change is published');
    assert.deepEqual(image.brokers.map((b) => b.nodeId), [2, 3]);
    assert.equal(image.controllerId, 2);
    for (const p of partitions(image, 't')) {
      assert.notEqual(p.leader, 1);
      assert.ok(!p.isr.includes(1));
      assert.ok(p.isr.includes(p.leader));
    }
    store.close();
    const reopened = await MetadataStore.open(dir, () => 'unused');
    assert.deepEqual(reopened.load().topics[0]?.partitions, partitions(image, 't'));
    reopened.close();
  });

  test('all ISR members down: leaderless, and the last one returning leads again', async () => {
    const { controller, store } = await openController(tempDir('ctl'));
    controller.createTopics([{ name: 't', numPartitions: 1, replicationFactor: 3, configs: {} }], false);
    const order = [...(partitions(controller.image(), 't')[0]?.replicas ?? [])];
    for (const id of order) controller.fenceBroker(id);
    const last = order.at(-1) ?? -1;
    assert.deepEqual([partitions(controller.image(), 't')[0]?.leader, [...(partitions(controller.image(), 't')[0]?.isr ?? [])]], [-1, [last]]);
    controller.brokerUp(endpoint(order[0] ?? -1));
    assert.equal(partitions(controller.image(), 't')[0]?.leader, -1, 'an out-of-sync replica must not lead');
    controller.brokerUp(endpoint(last));
    assert.equal(partitions(controller.image(), 't')[0]?.leader, last);
    store.close();
  });

  test('a returning broker rejoins the ISR through alterPartition, then preferred leaders return', async () => {
    const { controller, store } = await openController(tempDir('ctl'));
    controller.createTopics([{ name: 't', numPartitions: 1, replicationFactor: 3, configs: {} }], false);
    const preferred = partitions(controller.image(), 't')[0]?.replicas[0] ?? -1;
    controller.fenceBroker(preferred);
    controller.brokerUp(endpoint(preferred));
    assert.equal(controller.electPreferredLeaders(), 0, 'not in the ISR yet');
    const p = partitions(controller.image(), 't')[0];
    assert.ok(p);
    const stale = controller.alterPartition({ topic: 't', partition: 0, leaderId: p.leader, leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch - 1, newIsr: [...p.isr, preferred] });
    assert.equal(stale.errorCode, ErrorCode.INVALID_UPDATE_VERSION);
    const r = controller.alterPartition({ topic: 't', partition: 0, leaderId: p.leader, leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch, newIsr: [...p.isr, preferred] });
    assert.equal(r.errorCode, ErrorCode.NONE);
    assert.equal(r.state?.partitionEpoch, p.partitionEpoch + 1);
    assert.equal(controller.electPreferredLeaders(), 1);
    const back = partitions(controller.image(), 't')[0];
    assert.deepEqual([back?.leader, back?.leaderEpoch], [preferred, p.leaderEpoch + 1]);
    assert.equal(controller.alterPartition({ topic: 'nope', partition: 0, leaderId: 1, leaderEpoch: 0, partitionEpoch: 0, newIsr: [1] }).errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    store.close();
  });
});
