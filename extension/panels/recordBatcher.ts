// Collects tail records on the host and hands them to the webview in batches (every 100 ms by
// default), so a topic at 10,000 records/s costs ten messages a second, not ten thousand. Past
// `maxPending` the oldest waiting records are dropped: the webview's bounded list would drop them anyway.

export interface RecordBatcherOptions<T> {
  readonly intervalMs?: number;
  readonly maxPending?: number;
  /** Receives each batch, oldest first, and how many records were dropped before it since the last one. */
  readonly flush: (records: T[], droppedBefore: number) => void;
}

export class RecordBatcher<T> {
  private pending: T[] = [];
  private dropped = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly intervalMs: number;
  private readonly maxPending: number;

  constructor(private readonly options: RecordBatcherOptions<T>) {
    this.intervalMs = options.intervalMs ?? 100;
    this.maxPending = options.maxPending ?? 10_000;
  }

  push(records: readonly T[]): void {
    for (const record of records) {
      this.pending.push(record);
    }
    const overflow = this.pending.length - this.maxPending;
    if (overflow > 0) {
      this.pending = this.pending.slice(overflow);
      this.dropped += overflow;
    }
    this.timer ??= setTimeout(() => this.flushNow(), this.intervalMs);
  }

  /** Hands over what is waiting at once (also used before a status change, to keep order). */
  flushNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) {
      return;
    }
    const batch = this.pending;
    const dropped = this.dropped;
    this.pending = [];
    this.dropped = 0;
    this.options.flush(batch, dropped);
  }

  /** Forgets what is waiting (the user cleared the tail or restarted it elsewhere). */
  discard(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
    this.dropped = 0;
  }

  dispose(): void {
    this.discard();
  }
}
