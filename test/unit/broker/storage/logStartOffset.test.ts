// advanceLogStartOffset (DeleteRecords): the new log start is durable, reads respect it, and sealed
// segments wholly below it are deleted.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import type { Logger } from '../../../../broker/logger.js';
import { readBatchHeader, withBrokerFields } from '../../../../broker/records/recordBatch.js';
import { encodeBatch } from '../../../../broker/records/records.js';
import { openPartitionStore, type PartitionStore, type StoredBatch } from '../../../../broker/storage/partitionStore.js';
import { SegmentCache } from '../../../../broker/storage/segmentCache.js';
import { tempDir } from '../../../support/tempDir.js';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const options = { segmentBytes: 2_000 };

function open(dir: string): Promise<PartitionStore> {
  return openPartitionStore(dir, { segmentCache: new SegmentCache(), ...options }, quiet);
}

function batchAt(baseOffset: bigint, count: number): StoredBatch {
  const raw = encodeBatch({
    records: Array.from({ length: count }, (_, i) => ({ key: `k${i}`, value: Buffer.alloc(200, i), timestamp: 1_000n + BigInt(i) })),
  });
  const bytes = withBrokerFields(raw, { baseOffset, partitionLeaderEpoch: 0 });
  return { baseOffset, lastOffset: baseOffset + BigInt(count - 1), maxTimestamp: readBatchHeader(bytes).maxTimestamp, bytes };
}

const segmentFiles = (dir: string): string[] => fs.readdirSync(dir).filter((f) => f.endsWith('.segment.sqlite')).sort();

test('advanceLogStartOffset moves the log start durably, hides what lies below and deletes whole segments', async () => {
  const dir = tempDir('logstart');
  let store = await open(dir);
  for (let i = 0; i < 10; i++) await store.append(batchAt(store.logEndOffset, 3));
  assert.equal(store.logEndOffset, 30n);
  const before = segmentFiles(dir);
  assert.ok(before.length >= 2, `sealed segments: ${before.join(', ')}`);
  const secondBase = BigInt((before[1] ?? '').slice(0, 20));

  assert.equal(await store.advanceLogStartOffset(secondBase + 1n), secondBase + 1n);
  assert.equal(store.logStartOffset, secondBase + 1n);
  assert.ok(!segmentFiles(dir).includes(before[0] ?? ''), 'the first segment, wholly below, is gone');
  const read = store.read(0n, 1 << 20);
  assert.ok((read[0]?.lastOffset ?? -1n) >= secondBase + 1n, 'reads start at the batch holding the log start');
  assert.ok((read[0]?.baseOffset ?? 99n) <= secondBase + 1n);

  assert.equal(store.recordAtOrAfterTime(0n)?.offset, secondBase + 1n, 'timestamp lookups skip what lies below the log start');
  assert.equal(store.offsetForTimestamp(1_002n) !== null && (store.offsetForTimestamp(1_002n) ?? 0n) >= secondBase + 1n, true);
  assert.equal(await store.advanceLogStartOffset(2n), secondBase + 1n, 'never moves back');
  assert.equal(await store.advanceLogStartOffset(1_000n), 30n, 'never past the log end');

  await store.close();
  store = await open(dir);
  assert.equal(store.logStartOffset, 30n, 'survives a restart');
  assert.deepEqual(store.read(0n, 1 << 20), []);
  await store.append(batchAt(30n, 2));
  assert.deepEqual(store.read(0n, 1 << 20).map((b) => b.baseOffset), [30n]);
  await store.close();
});
