// The active segment: its batches held in memory, in offset order, beside the journal that makes them
// durable. No sql.js here: the segment's database is built once, when it is sealed (see partitionStore.ts).

import type { JournalWriter } from './journal.js';
import type { StoredBatch } from './segmentDb.js';

export class ActiveSegment {
  private readonly batches: StoredBatch[] = [];
  private bytes = 0;
  private maxTime: bigint | null = null;

  constructor(
    readonly baseOffset: bigint,
    readonly journal: JournalWriter,
    /** When it took its first batch (or was recovered), for segment.ms. */
    public startedAt: number,
    initial: readonly StoredBatch[] = [],
  ) {
    for (const b of initial) this.add(b);
  }

  /** Records a batch already written to the journal. */
  add(batch: StoredBatch): void {
    this.batches.push(batch);
    this.bytes += batch.bytes.length;
    if (this.maxTime === null || batch.maxTimestamp > this.maxTime) this.maxTime = batch.maxTimestamp;
  }

  get batchBytes(): number {
    return this.bytes;
  }

  get batchCount(): number {
    return this.batches.length;
  }

  get maxTimestamp(): bigint | null {
    return this.maxTime;
  }

  /** Every batch, oldest first: what sealing writes. */
  all(): readonly StoredBatch[] {
    return this.batches;
  }

  /** Index of the first batch whose last offset is >= offset (binary search). */
  private firstReaching(offset: bigint): number {
    let lo = 0;
    let hi = this.batches.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.batches[mid]).lastOffset < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Same contract as segmentDb's readBatches: appends to `out` within `budget`, -1 once it stopped. */
  read(fromOffset: bigint, budget: number, out: StoredBatch[]): number {
    for (let i = this.firstReaching(fromOffset); i < this.batches.length; i++) {
      const batch = this.batches[i];
      if (out.length > 0 && batch.bytes.length > budget) return -1;
      out.push(batch);
      budget -= batch.bytes.length;
    }
    return Math.max(budget, 0);
  }

  firstAtOrAfterTime(timestamp: bigint): StoredBatch | null {
    if (this.maxTime === null || this.maxTime < timestamp) return null;
    return this.batches.find((b) => b.maxTimestamp >= timestamp) ?? null;
  }

  /** Batches whose offsets all lie below `offset`: what a truncation keeps. */
  below(offset: bigint): StoredBatch[] {
    return this.batches.slice(0, this.firstReaching(offset));
  }

  /** Base offset of the first batch holding an offset >= `offset`, or null. */
  firstBaseReaching(offset: bigint): bigint | null {
    return this.batches[this.firstReaching(offset)]?.baseOffset ?? null;
  }
}
