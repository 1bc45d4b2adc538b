// The bounded store of records the tail holds and the filtered view of it the list renders. New
// records go on top; past the capacity the oldest are dropped and counted, so the panel can say so.

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
  /** Oldest first: appends and drops from the front are cheap as a sliding window. */
  private all: TailRecord[] = [];
  private shown: TailRecord[] = [];
  private predicate: RecordPredicate = () => true;
  private droppedTotal = 0;

  constructor(readonly capacity: number = DEFAULT_TAIL_CAPACITY) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    }
  }

  get size(): number {
    return this.all.length;
  }

  /** How many records were dropped because the buffer was full, since the last clear. */
  get dropped(): number {
    return this.droppedTotal;
  }

  /** Every held record, newest first (ignores the filter). */
  records(): readonly TailRecord[] {
    return this.all.slice().reverse();
  }

  /** How many records pass the filter. */
  get visibleCount(): number {
    return this.shown.length;
  }

  /** The `index`-th visible record, newest first. */
  visibleAt(index: number): TailRecord | undefined {
    return this.shown[this.shown.length - 1 - index];
  }

  /** The visible records, newest first. */
  visible(): TailRecord[] {
    return this.shown.slice().reverse();
  }

  /** Applies a new filter to everything held; returns the new visible count. */
  setFilter(predicate: RecordPredicate): number {
    this.predicate = predicate;
    this.shown = this.all.filter(predicate);
    return this.shown.length;
  }

  /** Adds records given oldest first. */
  add(oldestFirst: readonly TailRecord[]): TailChange {
    const passing = oldestFirst.filter(this.predicate);
    const visibleBefore = this.shown.length;
    // Loops, not push(...spread): a huge arrival must not hit the engine's argument limit.
    for (const record of oldestFirst) {
      this.all.push(record);
    }
    for (const record of passing) {
      this.shown.push(record);
    }
    const overflow = this.all.length - this.capacity;
    let removedFromEnd = 0;
    if (overflow > 0) {
      const cut = this.all.slice(0, overflow);
      this.all = this.all.slice(overflow);
      this.droppedTotal += overflow;
      // Records are objects held once: count how many dropped ones were visible (they are the oldest shown).
      const cutSet = new Set(cut);
      while (removedFromEnd < this.shown.length && cutSet.has(this.shown[removedFromEnd])) {
        removedFromEnd++;
      }
      this.shown = this.shown.slice(removedFromEnd);
    }
    const keptPassing = passing.slice(Math.max(0, passing.length - this.shown.length));
    // Rows of this very arrival that were dropped at once were never on screen.
    return { added: keptPassing.reverse(), removedFromEnd: Math.min(removedFromEnd, visibleBefore), dropped: Math.max(0, overflow) };
  }

  clear(): void {
    this.all = [];
    this.shown = [];
    this.droppedTotal = 0;
  }
}
