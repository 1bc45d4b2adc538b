// updateSettings: a topic's segment.bytes changed while its partition is open applies to later appends.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import type { Logger } from '../../../../broker/logger.js';
import { readBatchHeader, withBrokerFields } from '../../../../broker/records/recordBatch.js';
import { encodeBatch } from '../../../../broker/records/records.js';
import { openPartitionStore, type StoredBatch } from '../../../../broker/storage/partitionStore.js';
import { SegmentCache } from '../../../../broker/storage/segmentCache.js';
import { tempDir } from '../../../support/tempDir.js';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

function batchAt(baseOffset: bigint): StoredBatch {
  const bytes = withBrokerFields(encodeBatch({ records: [{ key: 'k', value: Buffer.alloc(500, 1), timestamp: 1_000n }] }), { baseOffset, partitionLeaderEpoch: 0 });
  return { baseOffset, lastOffset: baseOffset, maxTimestamp: readBatchHeader(bytes).maxTimestamp, bytes };
}

test('a lowered segment.bytes seals segments on later appends; raising it again stops that', async () => {
  const dir = tempDir('settings');
  const store = await openPartitionStore(dir, { segmentCache: new SegmentCache() }, quiet);
  const sealedCount = (): number => fs.readdirSync(dir).filter((f) => f.endsWith('.segment.sqlite')).length;
  for (let i = 0; i < 6; i++) await store.append(batchAt(store.logEndOffset));
  assert.equal(sealedCount(), 0, 'the 64 MiB default seals nothing');

  store.updateSettings({ segmentBytes: 1_200, flushMs: 50 });
  for (let i = 0; i < 6; i++) await store.append(batchAt(store.logEndOffset));
  const afterLowering = sealedCount();
  assert.ok(afterLowering >= 2, `sealed ${afterLowering} segments`);

  store.updateSettings({});
  for (let i = 0; i < 6; i++) await store.append(batchAt(store.logEndOffset));
  assert.equal(sealedCount(), afterLowering);
  assert.equal(store.read(0n, 1 << 20).length, 18);
  await store.close();
});
