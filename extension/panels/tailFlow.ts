// Credit-based flow of tail records from the host to the webview: records are handed over in batches
// (every 100 ms, or at once when a batch is full), at most a few batches go unacknowledged, and while
// the webview is behind (or hidden, or not ready) only the newest records it could still show are kept;
// the ones let go are counted and the next batch says how many, so "shown + dropped" stays exact.

export interface TailBatch<T> {
  /** Increasing for the life of the flow; the webview acknowledges a batch by this id. */
  readonly id: number;
  /** Oldest first. */
  readonly records: T[];
  /** Records read after the previous batch and before these that were let go while the webview was behind. */
  readonly dropped: number;
}

export interface TailFlowOptions<T> {
  /**
   * The most records the webview can show (its buffer's capacity): of more records waiting, the oldest
   * could never be shown, since the newest `capacity` would push them out of its list anyway.
   */
  readonly capacity: number;
  readonly intervalMs?: number;
  /** The most records one batch holds. */
  readonly maxBatch?: number;
  /** The most batches sent and not yet acknowledged. */
  readonly maxUnacknowledged?: number;
  readonly send: (batch: TailBatch<T>) => void;
}

export class TailFlow<T> {
  /** Waiting records, oldest first, from `head` on (a moving head keeps trimming O(1) amortised). */
  private waiting: T[] = [];
  private head = 0;
  private droppedWaiting = 0;
  private readonly unacknowledged = new Set<number>();
  private nextId = 1;
  private accepting = true;
  /** Set once the oldest waiting record has waited `intervalMs`: a part batch may then go. */
  private due = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly capacity: number;
  private readonly intervalMs: number;
  private readonly maxBatch: number;
  private readonly maxUnacknowledged: number;

  constructor(private readonly options: TailFlowOptions<T>) {
    this.capacity = positiveInteger('capacity', options.capacity);
    this.intervalMs = options.intervalMs ?? 100;
    this.maxBatch = positiveInteger('maxBatch', options.maxBatch ?? 2_000);
    this.maxUnacknowledged = positiveInteger('maxUnacknowledged', options.maxUnacknowledged ?? 2);
  }

  /** Records waiting to be sent (never more than the capacity). */
  get waitingCount(): number {
    return this.waiting.length - this.head;
  }

  /** Records let go since the last batch sent; the next batch carries this count. */
  get droppedCount(): number {
    return this.droppedWaiting;
  }

  /** Batches sent and not yet acknowledged. */
  get unacknowledgedCount(): number {
    return this.unacknowledged.size;
  }

  /** Takes records read by the tail, oldest first. */
  push(records: readonly T[]): void {
    if (records.length === 0) {
      return;
    }
    // Of a huge arrival only its newest `capacity` can matter: skip the rest without copying them.
    const skipped = Math.max(0, records.length - this.capacity);
    for (let i = skipped; i < records.length; i++) {
      this.waiting.push(records[i]);
    }
    this.droppedWaiting += skipped;
    const overflow = this.waitingCount - this.capacity;
    if (overflow > 0) {
      this.head += overflow;
      this.droppedWaiting += overflow;
      this.compact();
    }
    this.pump();
    if (this.waitingCount > 0 && !this.due) {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.due = true;
        this.pump();
      }, this.intervalMs);
    }
  }

  /** The webview has taken batch `id` in; unknown ids (from before a reset) are ignored. */
  acknowledge(id: number): void {
    if (this.unacknowledged.delete(id)) {
      this.pump();
    }
  }

  /** Sends what is waiting as far as credit allows, without waiting for the interval (keeps order before a status message). */
  flushNow(): void {
    this.due = true;
    this.pump();
  }

  /**
   * Whether the webview takes batches now (it said `ready` and the tail is not paused). While it
   * does not, records wait, bounded by the capacity.
   */
  setAccepting(accepting: boolean): void {
    this.accepting = accepting;
    this.pump();
  }

  /** Forgets the batches in flight: the webview that would acknowledge them was reloaded. */
  forgetUnacknowledged(): void {
    this.unacknowledged.clear();
    this.pump();
  }

  /** Forgets waiting records, the dropped count and the batches in flight (the user cleared or restarted the tail). */
  discard(): void {
    this.stopTimer();
    this.waiting = [];
    this.head = 0;
    this.droppedWaiting = 0;
    this.due = false;
    this.unacknowledged.clear();
  }

  dispose(): void {
    this.discard();
  }

  private pump(): void {
    while (this.accepting && this.unacknowledged.size < this.maxUnacknowledged && (this.waitingCount >= this.maxBatch || (this.due && this.waitingCount > 0))) {
      const end = Math.min(this.waiting.length, this.head + this.maxBatch);
      const records = this.waiting.slice(this.head, end);
      this.head = end;
      const batch: TailBatch<T> = { id: this.nextId++, records, dropped: this.droppedWaiting };
      this.droppedWaiting = 0;
      this.unacknowledged.add(batch.id);
      this.compact();
      this.options.send(batch);
    }
    if (this.waitingCount === 0) {
      // Nothing waits, so nothing is overdue: the next record starts a fresh interval.
      this.due = false;
      this.stopTimer();
    }
  }

  private stopTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Drops the dead front once it outgrows the capacity: each record is copied O(1) times. */
  private compact(): void {
    if (this.head === this.waiting.length) {
      this.waiting = [];
      this.head = 0;
    } else if (this.head >= this.capacity) {
      this.waiting = this.waiting.slice(this.head);
      this.head = 0;
    }
  }
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  return value;
}
