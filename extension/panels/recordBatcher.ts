// Collects tail records on the host and hands them to the webview in batches (every 100 ms by
// default), so a topic at 10,000 records/s costs ten messages a second, not ten thousand. It never
// drops a record: the webview's bounded list is the one place records are dropped, so the count of
// dropped records it shows is exact. A batch holds at most `maxBatch` records, so catching up (after a
// pause, from earliest) arrives as several messages the webview handles one task at a time.

export interface RecordBatcherOptions<T> {
  readonly intervalMs?: number;
  /** The most records one batch holds; more waiting are handed over as several batches at once. */
  readonly maxBatch?: number;
  /** Receives each batch, oldest first. */
  readonly flush: (records: T[]) => void;
}

export class RecordBatcher<T> {
  private pending: T[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly intervalMs: number;
  private readonly maxBatch: number;

  constructor(private readonly options: RecordBatcherOptions<T>) {
    this.intervalMs = options.intervalMs ?? 100;
    this.maxBatch = options.maxBatch ?? 2_000;
    if (!Number.isSafeInteger(this.maxBatch) || this.maxBatch < 1) {
      throw new RangeError(`maxBatch must be a positive integer, got ${this.maxBatch}`);
    }
  }

  push(records: readonly T[]): void {
    for (const record of records) {
      this.pending.push(record);
    }
    if (this.pending.length >= this.maxBatch) {
      // A full batch waits no longer: holding it would only make the next message bigger.
      this.flushNow();
      return;
    }
    if (this.pending.length > 0) {
      this.timer ??= setTimeout(() => this.flushNow(), this.intervalMs);
    }
  }

  /** Hands over what is waiting at once (also used before a status change, to keep order). */
  flushNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const waiting = this.pending;
    this.pending = [];
    for (let start = 0; start < waiting.length; start += this.maxBatch) {
      this.options.flush(waiting.length <= this.maxBatch ? waiting : waiting.slice(start, start + this.maxBatch));
    }
  }

  /** Forgets what is waiting (the user cleared the tail or restarted it elsewhere). */
  discard(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
  }

  dispose(): void {
    this.discard();
  }
}
