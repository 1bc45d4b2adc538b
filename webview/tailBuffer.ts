// The bounded list of records the tail shows: new records go on top, the oldest fall off the end,
// so a busy topic cannot grow the webview without limit.

import type { TailRecord } from './protocol.js';

export const DEFAULT_TAIL_CAPACITY = 500;

/** What to change in the rendered list after `add`: rows to insert on top, rows to drop at the end. */
export interface TailChange {
  readonly added: readonly TailRecord[];
  readonly removedFromEnd: number;
}

export class TailBuffer {
  private readonly newestFirst: TailRecord[] = [];

  constructor(readonly capacity: number = DEFAULT_TAIL_CAPACITY) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    }
  }

  get size(): number {
    return this.newestFirst.length;
  }

  /** Records, newest first. */
  records(): readonly TailRecord[] {
    return this.newestFirst;
  }

  /** Adds records given oldest first; returns the newest-first rows to insert and how many to drop. */
  add(oldestFirst: readonly TailRecord[]): TailChange {
    const kept = oldestFirst.slice(Math.max(0, oldestFirst.length - this.capacity));
    const added = kept.slice().reverse();
    this.newestFirst.unshift(...added);
    const overflow = Math.max(0, this.newestFirst.length - this.capacity);
    const removedFromEnd = Math.min(overflow, this.newestFirst.length - added.length);
    this.newestFirst.length = Math.min(this.newestFirst.length, this.capacity);
    return { added, removedFromEnd };
  }

  clear(): void {
    this.newestFirst.length = 0;
  }
}
