// The bounded store of records the tail holds and the filtered view of it the list renders. New
// records go on top; past the capacity the oldest are dropped and counted, so the panel can say so
// (with the ones the host let go before they arrived, which are older than anything it then sends).

import type { RecordPredicate } from './recordFilter.js';
import type { TailRecord } from './protocol.js';

export const DEFAULT_TAIL_CAPACITY = 10_000;

/** What changed in the filtered view after `add`. */
export interface TailChange {
  /** Records that passed the filter, newest first (they are now at the top of `visible()`). */
  readonly added: readonly TailRecord[];
  /** Visible records that fell off the end because the buffer was full. */
  readonly removedFromEnd: number;
  /** Records (filtered or not) dropped from the buffer by this add. */
  readonly dropped: number;
}

export class TailBuffer {
  /**
   * Held records, oldest first, from `head` on: dropping the oldest moves `head`, and the array is
   * compacted only once the dead front outgrows the capacity, so trimming is O(1) amortised.
   * Record `i` of this array has the arrival number `firstSeq + i`.
   */
  private held: TailRecord[] = [];
  private head = 0;
  private firstSeq = 0;
  /** Arrival numbers of the held records that pass the filter, oldest first, from `shownHead` on. */
  private shown: number[] = [];
  private shownHead = 0;
  private predicate: RecordPredicate = () => true;
  private droppedTotal = 0;

  constructor(readonly capacity: number = DEFAULT_TAIL_CAPACITY) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    }
  }

  get size(): number {
    return this.held.length - this.head;
  }

  /** How many records were dropped because the buffer was full, since the last clear. */
  get dropped(): number {
    return this.droppedTotal;
  }

  /** Every held record, newest first (ignores the filter). */
  records(): readonly TailRecord[] {
    return this.held.slice(this.head).reverse();
  }

  /** How many records pass the filter. */
  get visibleCount(): number {
    return this.shown.length - this.shownHead;
  }

  /** The `index`-th visible record, newest first. */
  visibleAt(index: number): TailRecord | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.visibleCount) {
      return undefined;
    }
    return this.held[this.shown[this.shown.length - 1 - index] - this.firstSeq];
  }

  /** The visible records, newest first. */
  visible(): TailRecord[] {
    const visible: TailRecord[] = [];
    for (let i = this.shown.length - 1; i >= this.shownHead; i--) {
      visible.push(this.held[this.shown[i] - this.firstSeq]);
    }
    return visible;
  }

  /** Applies a new filter to everything held; returns the new visible count. */
  setFilter(predicate: RecordPredicate): number {
    this.predicate = predicate;
    this.shown = [];
    this.shownHead = 0;
    for (let i = this.head; i < this.held.length; i++) {
      if (predicate(this.held[i])) {
        this.shown.push(this.firstSeq + i);
      }
    }
    return this.shown.length;
  }

  /**
   * Adds records given oldest first; `droppedBefore` records read just before them were let go by the
   * host (the webview was behind) and are counted as dropped.
   */
  add(oldestFirst: readonly TailRecord[], droppedBefore = 0): TailChange {
    if (!Number.isSafeInteger(droppedBefore) || droppedBefore < 0) {
      throw new RangeError(`droppedBefore must be a non-negative integer, got ${droppedBefore}`);
    }
    this.droppedTotal += droppedBefore;
    const firstNewSeq = this.firstSeq + this.held.length;
    const passing: TailRecord[] = [];
    // Loops, not push(...spread): a huge arrival must not hit the engine's argument limit.
    for (const record of oldestFirst) {
      const seq = this.firstSeq + this.held.length;
      this.held.push(record);
      if (this.predicate(record)) {
        this.shown.push(seq);
        passing.push(record);
      }
    }
    const overflow = Math.max(0, this.size - this.capacity);
    let removedFromEnd = 0;
    let keptPassing = passing;
    if (overflow > 0) {
      this.head += overflow;
      this.droppedTotal += overflow;
      const firstHeldSeq = this.firstSeq + this.head;
      const passingBefore = this.shown.length - passing.length;
      while (this.shownHead < this.shown.length && this.shown[this.shownHead] < firstHeldSeq) {
        // Rows of this very arrival that were dropped at once were never on screen.
        if (this.shown[this.shownHead] < firstNewSeq) {
          removedFromEnd++;
        }
        this.shownHead++;
      }
      keptPassing = passing.slice(Math.max(0, this.shownHead - passingBefore));
      this.compact();
    }
    return { added: keptPassing.reverse(), removedFromEnd, dropped: overflow };
  }

  clear(): void {
    this.held = [];
    this.head = 0;
    this.firstSeq = 0;
    this.shown = [];
    this.shownHead = 0;
    this.droppedTotal = 0;
  }

  /** Drops the dead fronts once they are larger than what is held: each record is copied O(1) times. */
  private compact(): void {
    if (this.head >= this.capacity) {
      this.held = this.held.slice(this.head);
      this.firstSeq += this.head;
      this.head = 0;
    }
    if (this.shownHead >= this.capacity) {
      this.shown = this.shown.slice(this.shownHead);
      this.shownHead = 0;
    }
  }
}
