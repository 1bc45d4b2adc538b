// Log compaction (cleanup.policy=compact): keeps the latest record of every key in the sealed segments,
// drops tombstones older than delete.retention.ms, and rewrites each changed sealed segment through the
// store's atomic replace. Works one segment at a time, yielding to the event loop in between, so produce
// and fetch go on meanwhile. The active segment is never rewritten.

import { readBatchHeader } from '../records/recordBatch.js';
import { decodeRecords, type DecodedRecord } from '../records/records.js';
import { batchWithRecords } from './compactedBatch.js';
import type { PartitionStore, StoredBatch } from './partitionStore.js';

export interface CompactionPolicy {
  /** delete.retention.ms: how long a tombstone stays after its own timestamp. */
  deleteRetentionMs: number;
}

export interface CompactionResult {
  segmentsRewritten: number;
  recordsRemoved: number;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

// Keys compare as bytes; latin1 maps each byte to one char, so distinct keys stay distinct.
const keyOf = (record: DecodedRecord): string | null => (record.key === null ? null : record.key.toString('latin1'));

export async function compactLog(store: PartitionStore, policy: CompactionPolicy, now: number): Promise<CompactionResult> {
  const sealed = store.segments().filter((s) => !s.active);
  const result: CompactionResult = { segmentsRewritten: 0, recordsRemoved: 0 };
  if (sealed.length === 0) return result;

  // Pass 1: the latest offset of every key in the sealed segments.
  const latest = new Map<string, bigint>();
  for (const segment of sealed) {
    for (const batch of store.sealedSegmentBatches(segment.baseOffset)) {
      const header = readBatchHeader(batch.bytes);
      if (header.control) continue;
      for (const record of decodeRecords(header)) {
        const key = keyOf(record);
        if (key !== null) latest.set(key, record.offset);
      }
    }
    await yieldToEventLoop();
  }

  // Pass 2: rewrite each segment that loses something.
  const tombstoneHorizon = BigInt(now - policy.deleteRetentionMs);
  for (const segment of sealed) {
    let removed = 0;
    const rewritten: StoredBatch[] = [];
    for (const batch of store.sealedSegmentBatches(segment.baseOffset)) {
      const header = readBatchHeader(batch.bytes);
      if (header.control) {
        rewritten.push(batch);
        continue;
      }
      const records = decodeRecords(header);
      const kept = records.filter((r) => {
        const key = keyOf(r);
        if (key === null) return true; // Kafka refuses unkeyed records in compacted topics; keep any that got in.
        if (latest.get(key) !== r.offset) return false;
        return !(r.value === null && r.timestamp < tombstoneHorizon);
      });
      removed += records.length - kept.length;
      if (kept.length === records.length) rewritten.push(batch);
      else if (kept.length > 0) {
        const bytes = batchWithRecords(header, kept);
        rewritten.push({ baseOffset: batch.baseOffset, lastOffset: batch.lastOffset, maxTimestamp: readBatchHeader(bytes).maxTimestamp, bytes });
      }
    }
    if (removed > 0 && (await store.replaceSealedSegment(segment.baseOffset, rewritten))) {
      result.segmentsRewritten++;
      result.recordsRemoved += removed;
    }
    await yieldToEventLoop();
  }
  return result;
}
