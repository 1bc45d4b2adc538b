// A partition store held only in memory, with the same contract as the sql.js store (segments by
// segment.bytes, log start, truncation, compaction rewrites): for PartitionLog unit tests and as the
// second implementation the storage contract suite checks.

import { decodeRecords } from '../records/records.js';
import type { PartitionStore, SegmentInfo, StoredBatch, TimestampedOffset } from './partitionStore.js';
import { DEFAULT_SEGMENT_BYTES } from './partitionStore.js';

interface MemorySegment {
  baseOffset: bigint;
  batches: StoredBatch[];
}

const bytesOf = (s: MemorySegment): number => s.batches.reduce((sum, b) => sum + b.bytes.length, 0);

export class InMemoryPartitionStore implements PartitionStore {
  readonly directory = null;
  /** Oldest first; the last is the active segment. */
  private readonly segs: MemorySegment[] = [{ baseOffset: 0n, batches: [] }];
  private logEnd = 0n;
  private logStart = 0n;
  private closed = false;
  private changes: Promise<unknown> = Promise.resolve();

  constructor(private readonly segmentBytes = DEFAULT_SEGMENT_BYTES) {}

  get logStartOffset(): bigint {
    const first = (this.segs[0]).baseOffset;
    const start = this.logStart > first ? this.logStart : first;
    return start > this.logEnd ? this.logEnd : start;
  }

  get logEndOffset(): bigint {
    return this.logEnd;
  }

  private get active(): MemorySegment {
    return this.segs[this.segs.length - 1];
  }

  private inOrder<T>(change: () => T): Promise<T> {
    const run = this.changes.then(() => {
      if (this.closed) throw new Error('in-memory partition store is closed');
      return change();
    });
    this.changes = run.catch(() => undefined);
    return run;
  }

  append(batch: StoredBatch): Promise<void> {
    return this.inOrder(() => {
      if (batch.baseOffset < this.logEnd) throw new Error(`batch at offset ${batch.baseOffset} is below the log end offset ${this.logEnd}`);
      if (batch.lastOffset < batch.baseOffset) throw new Error(`batch last offset ${batch.lastOffset} is before its base offset ${batch.baseOffset}`);
      if (this.active.batches.length > 0 && bytesOf(this.active) + batch.bytes.length > this.segmentBytes) {
        this.segs.push({ baseOffset: this.logEnd, batches: [] });
      }
      this.active.batches.push(batch);
      this.logEnd = batch.lastOffset + 1n;
    });
  }

  read(fromOffset: bigint, maxBytes: number): StoredBatch[] {
    this.checkOpen();
    const out: StoredBatch[] = [];
    const from = fromOffset < this.logStartOffset ? this.logStartOffset : fromOffset;
    let budget = maxBytes;
    for (const segment of this.segs) {
      for (const b of segment.batches) {
        if (b.lastOffset < from) continue;
        if (out.length > 0 && b.bytes.length > budget) return out;
        out.push(b);
        budget -= b.bytes.length;
      }
    }
    return out;
  }

  offsetForTimestamp(timestamp: bigint): bigint | null {
    return this.recordAtOrAfterTime(timestamp)?.offset ?? null;
  }

  recordAtOrAfterTime(timestamp: bigint): TimestampedOffset | null {
    this.checkOpen();
    for (const segment of this.segs) {
      for (const b of segment.batches) {
        if (b.maxTimestamp < timestamp) continue;
        for (const r of decodeRecords(b.bytes)) if (r.timestamp >= timestamp) return { offset: r.offset, timestamp: r.timestamp };
        return { offset: b.baseOffset, timestamp: b.maxTimestamp };
      }
    }
    return null;
  }

  maxTimestampRecord(): TimestampedOffset | null {
    let max: bigint | null = null;
    for (const s of this.segs) for (const b of s.batches) if (max === null || b.maxTimestamp > max) max = b.maxTimestamp;
    return max === null ? null : this.recordAtOrAfterTime(max);
  }

  sizeBytes(): number {
    return this.segs.reduce((sum, s) => sum + bytesOf(s), 0);
  }

  truncateTo(offset: bigint): Promise<void> {
    return this.inOrder(() => {
      if (offset >= this.logEnd) return;
      while (this.segs.length > 1 && this.active.baseOffset > offset) this.segs.pop();
      const active = this.active;
      const cut = active.batches.findIndex((b) => b.lastOffset >= offset);
      const firstRemoved = cut >= 0 ? (active.batches[cut]).baseOffset : null;
      if (cut >= 0) active.batches.splice(cut);
      this.logEnd = firstRemoved !== null && firstRemoved < offset ? firstRemoved : offset;
      if (active.batches.length === 0 && active.baseOffset > this.logEnd) active.baseOffset = this.logEnd;
      if (this.logStart > this.logEnd) this.logStart = this.logEnd;
    });
  }

  deleteSegmentsBelow(offset: bigint): Promise<number> {
    return this.inOrder(() => this.deleteBelow(offset));
  }

  private deleteBelow(offset: bigint): number {
    let count = 0;
    while (this.segs.length > 1 && (this.segs[1]).baseOffset <= offset) {
      this.segs.shift();
      count++;
    }
    return count;
  }

  advanceLogStartOffset(offset: bigint): Promise<bigint> {
    return this.inOrder(() => {
      const target = offset > this.logEnd ? this.logEnd : offset;
      if (target > this.logStart) this.logStart = target;
      this.deleteBelow(this.logStartOffset);
      return this.logStartOffset;
    });
  }

  segments(): SegmentInfo[] {
    this.checkOpen();
    return this.segs.map((s, i) => {
      const active = i === this.segs.length - 1;
      let maxTimestamp: bigint | null = null;
      for (const b of s.batches) if (maxTimestamp === null || b.maxTimestamp > maxTimestamp) maxTimestamp = b.maxTimestamp;
      return { baseOffset: s.baseOffset, nextOffset: active ? this.logEnd : (this.segs[i + 1]).baseOffset, sizeBytes: bytesOf(s), maxTimestamp, active };
    });
  }

  sealedSegmentBatches(baseOffset: bigint): StoredBatch[] {
    this.checkOpen();
    const index = this.segs.findIndex((s) => s.baseOffset === baseOffset);
    return index >= 0 && index < this.segs.length - 1 ? [...(this.segs[index]).batches] : [];
  }

  replaceSealedSegment(baseOffset: bigint, batches: readonly StoredBatch[]): Promise<boolean> {
    return this.inOrder(() => {
      const index = this.segs.findIndex((s) => s.baseOffset === baseOffset);
      if (index < 0 || index === this.segs.length - 1) return false;
      const next = (this.segs[index + 1]).baseOffset;
      for (const b of batches) {
        if (b.baseOffset < baseOffset || b.lastOffset >= next) throw new Error(`a rewritten batch at ${b.baseOffset} lies outside segment ${baseOffset}`);
      }
      (this.segs[index]).batches = [...batches];
      return true;
    });
  }

  flush(): Promise<void> {
    return this.inOrder(() => undefined);
  }

  /** Nothing is sealed or flushed in memory, so segment and flush settings do not apply. */
  updateSettings(): void {}

  async close(): Promise<void> {
    await this.changes;
    this.closed = true;
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('in-memory partition store is closed');
  }
}
