// The partition store contract: one suite every implementation runs (the sql.js store on real files,
// the in-memory store). Covers offsets, reads, segments, truncation, log start, retention, compaction.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Compression, readBatchHeader, withBrokerFields } from '../../../../broker/records/recordBatch.js';
import { decodeRecords, encodeBatch, type RecordToEncode } from '../../../../broker/records/records.js';
import { compactLog } from '../../../../broker/storage/compaction.js';
import type { PartitionStore, StoredBatch } from '../../../../broker/storage/partitionStore.js';
import { applyRetention } from '../../../../broker/storage/retention.js';

export interface StoreFactory {
  /** A fresh, empty store that seals segments past `segmentBytes`; closed by the factory's owner. */
  open(options: { segmentBytes?: number }): Promise<PartitionStore>;
}

/** A stored batch as the log layer hands it over: producer-framed, broker fields set. */
export function storedBatch(baseOffset: bigint, records: RecordToEncode[], compression: Compression = Compression.None): StoredBatch {
  const bytes = withBrokerFields(encodeBatch({ records, compression }), { baseOffset, partitionLeaderEpoch: 0 });
  return { baseOffset, lastOffset: baseOffset + BigInt(records.length - 1), maxTimestamp: readBatchHeader(bytes).maxTimestamp, bytes };
}

async function appendRecords(store: PartitionStore, records: RecordToEncode[], compression?: Compression): Promise<StoredBatch> {
  const batch = storedBatch(store.logEndOffset, records, compression);
  await store.append(batch);
  return batch;
}

/** Every record the store returns from offset 0: offset, key, value. */
function allRecords(store: PartitionStore): { offset: bigint; key: string | null; value: string | null }[] {
  const out: { offset: bigint; key: string | null; value: string | null }[] = [];
  for (const b of store.read(0n, 1 << 30)) {
    for (const r of decodeRecords(b.bytes)) {
      if (r.offset >= store.logStartOffset) out.push({ offset: r.offset, key: r.key?.toString() ?? null, value: r.value?.toString() ?? null });
    }
  }
  return out;
}

const bases = (batches: StoredBatch[]): bigint[] => batches.map((b) => b.baseOffset);

export function partitionStoreContract(name: string, factory: StoreFactory): void {
  test(`${name}: an empty store starts at 0, reads nothing, has one empty active segment`, async () => {
    const store = await factory.open({});
    assert.equal(store.logStartOffset, 0n);
    assert.equal(store.logEndOffset, 0n);
    assert.deepEqual(store.read(0n, 1 << 20), []);
    assert.equal(store.recordAtOrAfterTime(0n), null);
    assert.equal(store.maxTimestampRecord(), null);
    assert.deepEqual(store.segments(), [{ baseOffset: 0n, nextOffset: 0n, sizeBytes: 0, maxTimestamp: null, active: true }]);
  });

  test(`${name}: appends number the log; reads return whole batches within maxBytes, at least one`, async () => {
    const store = await factory.open({});
    const a = await appendRecords(store, [{ value: 'a0', timestamp: 1_000 }, { value: 'a1', timestamp: 1_001 }]);
    const b = await appendRecords(store, [{ value: 'b0', timestamp: 5_000 }]);
    assert.equal(store.logEndOffset, 3n);
    assert.deepEqual(store.read(0n, 1 << 20), [a, b]);
    assert.deepEqual(bases(store.read(1n, 1 << 20)), [0n, 2n]);
    assert.deepEqual(bases(store.read(0n, 1)), [0n], 'one whole batch even past maxBytes');
    assert.deepEqual(store.read(3n, 1 << 20), []);
    await assert.rejects(store.append(storedBatch(1n, [{ value: 'x' }])), /below the log end/);
    assert.deepEqual(store.recordAtOrAfterTime(4_000n), { offset: 2n, timestamp: 5_000n });
    assert.deepEqual(store.maxTimestampRecord(), { offset: 2n, timestamp: 5_000n });
  });

  test(`${name}: segments seal at segment.bytes and chain without gaps`, async () => {
    const store = await factory.open({ segmentBytes: 600 });
    for (let i = 0; i < 10; i++) await appendRecords(store, [{ key: `k${i}`, value: Buffer.alloc(200, i) }]);
    const segments = store.segments();
    assert.ok(segments.length >= 4, `segments: ${segments.length}`);
    assert.equal(segments[0]?.baseOffset, 0n);
    for (let i = 0; i + 1 < segments.length; i++) assert.equal(segments[i]?.nextOffset, segments[i + 1]?.baseOffset);
    assert.deepEqual(segments.map((s) => s.active), [...segments.slice(1).map(() => false), true]);
    assert.equal(segments.at(-1)?.nextOffset, 10n);
    assert.deepEqual(bases(store.read(0n, 1 << 20)), Array.from({ length: 10 }, (_, i) => BigInt(i)));
    assert.equal(store.sealedSegmentBatches(segments[1]?.baseOffset ?? -1n)[0]?.baseOffset, segments[1]?.baseOffset);
  });

  test(`${name}: truncateTo removes whole batches from the end, also across segments`, async () => {
    const store = await factory.open({ segmentBytes: 600 });
    for (let i = 0; i < 10; i++) await appendRecords(store, [{ value: Buffer.alloc(200, i) }, { value: 'x' }]);
    await store.truncateTo(15n);
    assert.equal(store.logEndOffset, 14n, 'the batch holding offset 15 starts at 14 and goes whole');
    assert.deepEqual(bases(store.read(0n, 1 << 20)).at(-1), 12n);
    await store.truncateTo(3n);
    assert.equal(store.logEndOffset, 2n);
    await appendRecords(store, [{ value: 'again' }]);
    assert.deepEqual(bases(store.read(0n, 1 << 20)), [0n, 2n]);
  });

  test(`${name}: advanceLogStartOffset hides what lies below, never moves back, stops at the log end`, async () => {
    const store = await factory.open({ segmentBytes: 600 });
    for (let i = 0; i < 10; i++) await appendRecords(store, [{ value: Buffer.alloc(200, i) }]);
    assert.equal(await store.advanceLogStartOffset(5n), 5n);
    assert.equal(store.logStartOffset, 5n);
    assert.deepEqual(bases(store.read(0n, 1 << 20)), [5n, 6n, 7n, 8n, 9n]);
    assert.ok((store.segments()[0]?.nextOffset ?? 0n) > 5n, 'segments wholly below the start are gone');
    assert.equal(await store.advanceLogStartOffset(2n), 5n);
    assert.equal(await store.advanceLogStartOffset(99n), 10n);
    assert.deepEqual(store.read(0n, 1 << 20), []);
    await store.truncateTo(8n);
    assert.equal(store.logEndOffset, 8n);
    await appendRecords(store, [{ value: 'after' }, { value: 'truncation' }]);
    assert.deepEqual(bases(store.read(0n, 1 << 20)), [8n], 'a truncation below the log start does not hide later appends');
  });

  test(`${name}: retention.bytes and retention.ms delete whole sealed segments from the oldest; offsets unchanged`, async () => {
    const store = await factory.open({ segmentBytes: 600 });
    const now = 1_000_000;
    for (let i = 0; i < 12; i++) await appendRecords(store, [{ key: `k${i}`, value: Buffer.alloc(200, i), timestamp: now - 100_000 + i * 1000 }]);
    const before = store.segments();
    assert.equal(await applyRetention(store, { retentionMs: null, retentionBytes: null }, now), 0, 'no limits, nothing goes');

    const total = before.reduce((s, x) => s + x.sizeBytes, 0);
    const deleted = await applyRetention(store, { retentionMs: null, retentionBytes: total - (before[0]?.sizeBytes ?? 0) }, now);
    assert.equal(deleted, 1, 'exactly the oldest segment takes the log under the limit');
    assert.equal(store.logStartOffset, before[1]?.baseOffset);

    // Records are 1 s apart; keep the last 4.5 s: every sealed segment whose newest record is older goes.
    await applyRetention(store, { retentionMs: 100_000 - 7_500, retentionBytes: null }, now);
    const after = store.segments();
    assert.ok(after.length >= 1 && after.length < before.length - 1, `segments left: ${after.length}`);
    for (const s of after.filter((x) => !x.active)) assert.ok(Number(s.maxTimestamp) >= now - 92_500);
    const records = allRecords(store);
    assert.equal(records[0]?.offset, store.logStartOffset);
    for (const r of records) assert.equal(r.key, `k${r.offset}`, 'offsets unchanged');
    assert.equal(records.at(-1)?.offset, 11n);
    assert.ok(store.segments().at(-1)?.active, 'the active segment never goes');
  });

  test(`${name}: compaction keeps the latest record of each key, drops old tombstones, keeps offsets`, async () => {
    const store = await factory.open({ segmentBytes: 400 });
    const now = 10_000_000;
    const old = now - 1_000_000;
    // offsets: 0 a=1, 1 b=1, 2 a=2, 3 c=1 (gzip batch with 4 d=1), 5 b=tombstone(old), 6 c=tombstone(young) ...
    await appendRecords(store, [{ key: 'a', value: 'a1', timestamp: old }, { key: 'b', value: 'b1', timestamp: old }]);
    await appendRecords(store, [{ key: 'a', value: 'a2', timestamp: old }]);
    await appendRecords(store, [{ key: 'c', value: 'c1', timestamp: old }, { key: 'd', value: 'd1', timestamp: old }], Compression.Gzip);
    await appendRecords(store, [{ key: 'b', value: null, timestamp: old }]);
    await appendRecords(store, [{ key: 'c', value: null, timestamp: now - 10 }]);
    for (let i = 0; i < 6; i++) await appendRecords(store, [{ key: `f${i}`, value: Buffer.alloc(150, i), timestamp: now }]);
    await appendRecords(store, [{ key: 'a', value: 'a-active', timestamp: now }]);
    const activeBase = store.segments().at(-1)?.baseOffset ?? -1n;
    assert.ok(activeBase > 6n, 'the early records are in sealed segments');
    const endBefore = store.logEndOffset;

    const result = await compactLog(store, { deleteRetentionMs: 100_000 }, now);
    assert.ok(result.recordsRemoved >= 4, `removed ${result.recordsRemoved}`);
    const records = allRecords(store);
    const byOffset = new Map(records.map((r) => [r.offset, r]));
    assert.equal(byOffset.get(0n), undefined, 'a=a1 superseded');
    assert.equal(byOffset.get(1n), undefined, 'b=b1 superseded by its tombstone');
    assert.deepEqual(byOffset.get(2n), { offset: 2n, key: 'a', value: 'a2' }, 'a2 stays: the newer a is in the active segment');
    assert.equal(byOffset.get(3n), undefined, 'c=c1 superseded by its tombstone');
    assert.deepEqual(byOffset.get(4n), { offset: 4n, key: 'd', value: 'd1' }, 'the compressed batch was re-encoded');
    assert.equal(byOffset.get(5n), undefined, 'an old tombstone is removed');
    assert.deepEqual(byOffset.get(6n), { offset: 6n, key: 'c', value: null }, 'a young tombstone stays');
    assert.equal(store.logEndOffset, endBefore);
    const active = store.read(activeBase, 1 << 20);
    assert.equal(decodeRecords(active.at(-1)?.bytes ?? Buffer.alloc(0)).at(-1)?.value?.toString(), 'a-active', 'the active segment is untouched');
    for (const b of store.read(0n, 1 << 30)) {
      const h = readBatchHeader(b.bytes);
      assert.equal(h.baseOffset, b.baseOffset);
      assert.equal(b.baseOffset + BigInt(h.lastOffsetDelta), b.lastOffset, 'batches keep their offset range');
    }

    const again = await compactLog(store, { deleteRetentionMs: 100_000 }, now);
    assert.equal(again.recordsRemoved, 0, 'compaction is idempotent');
  });

  test(`${name}: replaceSealedSegment refuses batches outside the segment and reports a missing one`, async () => {
    const store = await factory.open({ segmentBytes: 300 });
    for (let i = 0; i < 4; i++) await appendRecords(store, [{ value: Buffer.alloc(200, i) }]);
    assert.equal(await store.replaceSealedSegment(1234n, []), false);
    await assert.rejects(store.replaceSealedSegment(0n, [storedBatch(3n, [{ value: 'x' }])]), /outside/);
    assert.equal(await store.replaceSealedSegment(0n, []), true);
    assert.deepEqual(bases(store.read(0n, 1 << 20)), [1n, 2n, 3n], 'an emptied segment keeps its place in the chain');
  });
}
