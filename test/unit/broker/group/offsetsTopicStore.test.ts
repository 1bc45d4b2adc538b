import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PartitionLog } from '../../../../broker/log/partitionLog.js';
import { partitionForGroup } from '../../../../broker/group/groupPartition.js';
import { offsetsPartitionLog } from '../../../../broker/group/offsetsPartitionLog.js';
import { OffsetsTopicStore, type OffsetsLog, type OffsetsTopicView } from '../../../../broker/group/offsetsTopicStore.js';
import type { Logger } from '../../../../broker/logger.js';
import { ErrorCode } from '../../../../broker/protocol/errors.js';
import { openPartitionStore } from '../../../../broker/storage/partitionStore.js';
import { tempDir } from '../../../support/tempDir.js';


const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const PARTITIONS = 3;

/** The offsets topic on real partition logs in a directory; reopening it is a broker restart. */
async function openTopic(dir: string, led: ReadonlySet<number> = new Set([0, 1, 2])): Promise<{ view: OffsetsTopicView; close(): Promise<void> }> {
  const logs: PartitionLog[] = [];
  const adapters: OffsetsLog[] = [];
  for (let p = 0; p < PARTITIONS; p++) {
    const log = new PartitionLog('__consumer_offsets', p, await openPartitionStore(`${dir}/p${p}`, { flushMs: 0 }, quiet), quiet);
    logs.push(log);
    // Not replicated: the HW follows each append, so writes are acknowledged as soon as they are stored.
    adapters.push(offsetsPartitionLog(log, { commitTimeoutMs: 5000, leaderEpoch: () => 0, inSync: () => undefined }));
  }
  return {
    view: { partitionCount: () => PARTITIONS, leaderLog: (p) => (led.has(p) ? adapters[p] : undefined) },
    close: async () => {
      for (const log of logs) await log.close();
    },
  };
}

const commit = (topic: string, partition: number, offset: bigint, metadata = '') => ({ topic, partition, offset, leaderEpoch: 0, metadata, commitTimestampMs: 1000 });

test('offsets, deletions and group metadata survive a reopen of the partitions', async () => {
  const dir = tempDir('offsets-store');
  const first = await openTopic(dir);
  const store = new OffsetsTopicStore(first.view);
  store.refresh();
  await store.put('g1', [commit('t', 0, 10n, 'meta'), commit('t', 1, 20n)]);
  await store.put('g1', [commit('t', 0, 11n)]);
  await store.put('g2', [commit('u', 0, 5n)]);
  await store.putGroup({ groupId: 'g1', protocolType: 'consumer', generationId: 4, protocolName: 'range', leaderId: null, stateTimestampMs: 1, members: [] });
  await store.deleteOffsets('g1', [{ topic: 't', partition: 1 }]);
  await store.put('gone', [commit('t', 0, 1n)]);
  await store.delete('gone');
  await first.close();

  const second = await openTopic(dir);
  const reopened = new OffsetsTopicStore(second.view);
  reopened.refresh();
  assert.deepEqual(reopened.list('g1'), [commit('t', 0, 11n)]);
  assert.deepEqual(reopened.list('g2'), [commit('u', 0, 5n)]);
  assert.equal(reopened.getGroup('g1')?.generationId, 4);
  assert.deepEqual(reopened.list('gone'), []);
  assert.deepEqual(reopened.groupIds().sort(), ['g1', 'g2']);
  await second.close();
});

test('ownership: NONE for loaded partitions, NOT_COORDINATOR for partitions led elsewhere, COORDINATOR_NOT_AVAILABLE without the topic', async () => {
  const dir = tempDir('offsets-own');
  const mine = partitionForGroup('g1', PARTITIONS);
  const topic = await openTopic(dir, new Set([mine]));
  const store = new OffsetsTopicStore(topic.view);
  assert.equal(store.ownership('g1'), ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, 'led but not loaded yet');
  store.refresh();
  assert.equal(store.ownership('g1'), ErrorCode.NONE);
  const other = ['a', 'b', 'c', 'd', 'e', 'f'].find((g) => partitionForGroup(g, PARTITIONS) !== mine)!;
  assert.equal(store.ownership(other), ErrorCode.NOT_COORDINATOR);
  await assert.rejects(store.put(other, [commit('t', 0, 1n)]));
  const none = new OffsetsTopicStore({ partitionCount: () => 0, leaderLog: () => undefined });
  assert.equal(none.ownership('g1'), ErrorCode.COORDINATOR_NOT_AVAILABLE);
  await topic.close();
});

test('refresh forgets the groups of a partition this broker stops leading', async () => {
  const dir = tempDir('offsets-unload');
  const led = new Set([0, 1, 2]);
  const topic = await openTopic(dir, led);
  const store = new OffsetsTopicStore(topic.view);
  store.refresh();
  await store.put('g1', [commit('t', 0, 3n)]);
  led.delete(partitionForGroup('g1', PARTITIONS));
  assert.deepEqual(store.refresh(), [partitionForGroup('g1', PARTITIONS)]);
  assert.deepEqual(store.list('g1'), []);
  assert.equal(store.ownership('g1'), ErrorCode.NOT_COORDINATOR);
  led.add(partitionForGroup('g1', PARTITIONS));
  store.refresh();
  assert.deepEqual(store.list('g1'), [commit('t', 0, 3n)], 'reloaded from the log');
  await topic.close();
});
