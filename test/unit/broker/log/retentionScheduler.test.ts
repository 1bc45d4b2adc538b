// Retention and compaction on real segment files through the scheduler's policy reading: what remains
// on disk, the log start offsets, offsets unchanged, and all of it still so after a reopen.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import type { TopicState } from '../../../../broker/controller/metadataImage.js';
import { cleanupPolicyOf, maintainLogs, RetentionScheduler } from '../../../../broker/log/retentionScheduler.js';
import type { Logger } from '../../../../broker/logger.js';
import { decodeRecords } from '../../../../broker/records/records.js';
import { ActiveMemoryBudget } from '../../../../broker/storage/activeMemoryBudget.js';
import { openPartitionStore, type PartitionStore } from '../../../../broker/storage/partitionStore.js';
import { SegmentCache } from '../../../../broker/storage/segmentCache.js';
import { tempDir } from '../../../support/tempDir.js';
import { waitFor } from '../../../support/waitFor.js';
import { storedBatch } from '../storage/partitionStoreContract.js';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

function topic(configs: Record<string, string>): TopicState {
  return { name: 't', topicId: '0'.repeat(32), internal: false, configs, partitions: [] };
}

function open(dir: string): Promise<PartitionStore> {
  return openPartitionStore(dir, { segmentCache: new SegmentCache(), activeMemory: new ActiveMemoryBudget(), segmentBytes: 700 }, quiet);
}

const segmentFiles = (dir: string): string[] => fs.readdirSync(dir).filter((f) => f.endsWith('.segment.sqlite')).sort();

function records(store: PartitionStore): { offset: bigint; key: string; value: string | null }[] {
  return store.read(0n, 1 << 30).flatMap((b) =>
    decodeRecords(b.bytes)
      .filter((r) => r.offset >= store.logStartOffset)
      .map((r) => ({ offset: r.offset, key: r.key?.toString() ?? '', value: r.value?.toString() ?? null })),
  );
}

test('topic configs become a cleanup policy with Kafka defaults', () => {
  assert.deepEqual(cleanupPolicyOf(topic({})), { delete: true, compact: false, retentionMs: 604_800_000, retentionBytes: null, deleteRetentionMs: 86_400_000 });
  const both = cleanupPolicyOf(topic({ 'cleanup.policy': 'compact,delete', 'retention.ms': '-1', 'retention.bytes': '1000' }));
  assert.deepEqual([both.compact, both.delete, both.retentionMs, both.retentionBytes], [true, true, null, 1000]);
});

test('retention.ms deletes old segment files; the log start moves to a segment boundary and survives a reopen', async () => {
  const dir = tempDir('retention');
  let store = await open(dir);
  const now = Date.now();
  for (let i = 0; i < 12; i++) await store.append(storedBatch(store.logEndOffset, [{ key: `k${i}`, value: Buffer.alloc(200, i), timestamp: i < 8 ? now - 3_600_000 : now }]));
  const before = segmentFiles(dir);
  await maintainLogs([{ topic: topic({ 'retention.ms': '60000' }), partition: 0, store }], now, quiet);
  const after = segmentFiles(dir);
  assert.ok(after.length < before.length, `files ${before.length} -> ${after.length}`);
  const start = store.logStartOffset;
  assert.equal(start, BigInt(after[0]?.slice(0, 20) ?? '-1'), 'the log starts at the first remaining segment');
  assert.ok(start > 0n && start <= 8n);
  await store.close();
  store = await open(dir);
  assert.equal(store.logStartOffset, start);
  const left = records(store);
  assert.equal(left[0]?.offset, start);
  for (const r of left) assert.equal(r.key, `k${r.offset}`, 'offsets unchanged');
  await store.close();
});

test('compact,delete on real files: the latest value per key remains, at its own offset, after a reopen', async () => {
  const dir = tempDir('compact');
  let store = await open(dir);
  const now = Date.now();
  for (let round = 0; round < 4; round++) {
    for (const key of ['a', 'b', 'c']) await store.append(storedBatch(store.logEndOffset, [{ key, value: `${key}${round}:${'z'.repeat(150)}`, timestamp: now }]));
  }
  await store.append(storedBatch(store.logEndOffset, [{ key: 'a', value: null, timestamp: now - 10_000_000 }]));
  for (let i = 0; i < 4; i++) await store.append(storedBatch(store.logEndOffset, [{ key: `tail${i}`, value: 'z'.repeat(300), timestamp: now }]));
  const end = store.logEndOffset;
  const scheduler = new RetentionScheduler(
    () => [{ topic: topic({ 'cleanup.policy': 'compact,delete', 'delete.retention.ms': '1000', 'retention.ms': '-1' }), partition: 0, store }],
    10,
    quiet,
  );
  await waitFor(async () => {
    await scheduler.runOnce();
    return !records(store).some((r) => r.key === 'a');
  }, { what: 'compaction to drop key a and its old tombstone' });
  await scheduler.stop();
  await store.close();
  store = await open(dir);
  const left = records(store);
  const latest = (key: string): bigint | undefined => left.filter((r) => r.key === key).map((r) => r.offset).at(-1);
  assert.equal(left.filter((r) => r.key === 'b').length, 1);
  assert.equal(latest('b'), 10n, 'b3 at offset 10 (round 3, second key)');
  assert.equal(left.find((r) => r.key === 'c')?.value?.slice(0, 3), 'c3:');
  assert.equal(store.logEndOffset, end);
  assert.equal(store.logStartOffset, 0n, 'retention.ms=-1 deletes nothing by time');
  await store.close();
});
