// The active segment: an index of its batches (offsets, timestamps, where each sits in the journal) over
// the journal that holds them. Reads go to the journal file, so a 64 MiB segment costs an index in memory,
// not 64 MiB of long-lived buffers. No sql.js here: the segment's database is built when it is sealed.

import { JOURNAL_FRAME_OVERHEAD, type JournalWriter } from './journal.js';
import type { SegmentContents, StoredBatch } from './segmentDb.js';

interface IndexedBatch {
  baseOffset: bigint;
  lastOffset: bigint;
  maxTimestamp: bigint;
  /** Where the batch's bytes start in the journal. */
  position: number;
  length: number;
}

/** Bytes a seal reads from the journal at once: large reads, but never the whole segment. */
const SEAL_READ_BYTES = 4 * 1024 * 1024;

export class ActiveSegment {
  private readonly index: IndexedBatch[] = [];
  private bytes = 0;
  private maxTime: bigint | null = null;

  /**
   * `initial`: batches already in the journal, with where their bytes start (a replay, or a journal just
   * written from survivors; see positionsInNewJournal).
   */
  constructor(
    readonly baseOffset: bigint,
    readonly journal: JournalWriter,
    /** When it took its first batch (or was recovered), for segment.ms. */
    public startedAt: number,
    initial: readonly StoredBatch[] = [],
    initialPositions: readonly number[] = [],
  ) {
    initial.forEach((b, i) => this.add(b, initialPositions[i]));
  }

  /** Records a batch already written to the journal, its bytes starting at `position`. */
  add(batch: StoredBatch, position: number): void {
    this.index.push({
      baseOffset: batch.baseOffset,
      lastOffset: batch.lastOffset,
      maxTimestamp: batch.maxTimestamp,
      position,
      length: batch.bytes.length,
    });
    this.bytes += batch.bytes.length;
    if (this.maxTime === null || batch.maxTimestamp > this.maxTime) this.maxTime = batch.maxTimestamp;
  }

  get batchBytes(): number {
    return this.bytes;
  }

  get batchCount(): number {
    return this.index.length;
  }

  get maxTimestamp(): bigint | null {
    return this.maxTime;
  }

  /** Every batch, oldest first, read from the journal a few MiB at a time: what sealing writes. */
  contents(): SegmentContents {
    const index = this.index;
    const journal = this.journal;
    return {
      sizes: index.map((e) => e.length),
      *batches() {
        for (let i = 0; i < index.length; ) {
          let end = i + 1;
          while (end < index.length && index[end].position + index[end].length - index[i].position <= SEAL_READ_BYTES) end++;
          yield* readRange(journal, index, i, end);
          i = end;
        }
      },
    };
  }

  /** Index of the first batch whose last offset is >= offset (binary search). */
  private firstReaching(offset: bigint): number {
    let lo = 0;
    let hi = this.index.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.index[mid].lastOffset < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Same contract as segmentDb's readBatches: appends to `out` within `budget`, -1 once it stopped. */
  read(fromOffset: bigint, budget: number, out: StoredBatch[]): number {
    const first = this.firstReaching(fromOffset);
    let end = first;
    let stopped = false;
    let taken = out.length;
    for (; end < this.index.length; end++) {
      const length = this.index[end].length;
      if (taken > 0 && length > budget) {
        stopped = true;
        break;
      }
      taken++;
      budget -= length;
    }
    if (end > first) out.push(...readRange(this.journal, this.index, first, end));
    return stopped ? -1 : Math.max(budget, 0);
  }

  firstAtOrAfterTime(timestamp: bigint): StoredBatch | null {
    if (this.maxTime === null || this.maxTime < timestamp) return null;
    const i = this.index.findIndex((b) => b.maxTimestamp >= timestamp);
    return i < 0 ? null : (readRange(this.journal, this.index, i, i + 1)[0] ?? null);
  }

  /** Batches whose offsets all lie below `offset`: what a truncation keeps. */
  below(offset: bigint): StoredBatch[] {
    return readRange(this.journal, this.index, 0, this.firstReaching(offset));
  }

  /** Base offset of the first batch holding an offset >= `offset`, or null. */
  firstBaseReaching(offset: bigint): bigint | null {
    return this.index[this.firstReaching(offset)]?.baseOffset ?? null;
  }
}

/** Batches `from`..`to` (exclusive) in one read of the journal span they cover. */
function readRange(journal: JournalWriter, index: readonly IndexedBatch[], from: number, to: number): StoredBatch[] {
  if (to <= from) return [];
  const start = index[from].position;
  const last = index[to - 1];
  const span = journal.read(start, last.position + last.length - start);
  const out: StoredBatch[] = [];
  for (let i = from; i < to; i++) {
    const e = index[i];
    out.push({
      baseOffset: e.baseOffset,
      lastOffset: e.lastOffset,
      maxTimestamp: e.maxTimestamp,
      bytes: span.subarray(e.position - start, e.position - start + e.length),
    });
  }
  return out;
}

/** Where each batch's bytes start in a journal written as one frame per batch, in order, from empty. */
export function positionsInNewJournal(batches: readonly StoredBatch[]): number[] {
  let frameStart = 0;
  return batches.map((b) => {
    const position = frameStart + JOURNAL_FRAME_OVERHEAD;
    frameStart = position + b.bytes.length;
    return position;
  });
}
