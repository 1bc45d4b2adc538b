// One partition replica's log: validates and numbers incoming batches, appends them to storage in
// order, tracks the log end offset and high watermark, and wakes fetchers waiting for new data.

import type { Logger } from '../logger.js';
import { splitBatches, withBrokerFields } from '../records/recordBatch.js';
import type { PartitionStore, StoredBatch } from '../storage/partitionStore.js';

export type TimestampType = 'CreateTime' | 'LogAppendTime';

export interface AppendOptions {
  readonly timestampType: TimestampType;
  readonly maxMessageBytes: number;
  readonly leaderEpoch: number;
}

export interface AppendResult {
  readonly baseOffset: bigint;
  readonly lastOffset: bigint;
  /** The broker's append time under LogAppendTime, else -1. */
  readonly logAppendTime: bigint;
}

export class MessageTooLargeError extends Error {}

export class PartitionLog {
  private nextOffset: bigint;
  private highWatermark: bigint;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly topic: string,
    readonly partition: number,
    private readonly store: PartitionStore,
    private readonly log: Logger,
  ) {
    this.nextOffset = store.logEndOffset;
    this.highWatermark = store.logEndOffset;
  }

  get logStartOffset(): bigint {
    return this.store.logStartOffset;
  }

  get logEndOffset(): bigint {
    return this.nextOffset;
  }

  /** Consumers only see offsets below this; with one replica it follows durable appends. */
  get highWatermarkOffset(): bigint {
    return this.highWatermark;
  }

  sizeBytes(): number {
    return this.store.sizeBytes();
  }

  /**
   * Validates every batch first (nothing is stored if any is corrupt), then numbers them from the log
   * end offset and appends them. Offsets are assigned synchronously, so concurrent appends keep order.
   */
  append(records: Buffer, options: AppendOptions): Promise<AppendResult> {
    const batches = splitBatches(records);
    for (const b of batches) {
      if (b.bytes.length > options.maxMessageBytes) {
        throw new MessageTooLargeError(
          `The batch of ${b.bytes.length} bytes is larger than max.message.bytes (${options.maxMessageBytes}).`,
        );
      }
    }
    const now = BigInt(Date.now());
    const logAppendTime = options.timestampType === 'LogAppendTime' ? now : undefined;
    const baseOffset = this.nextOffset;
    const stored: StoredBatch[] = [];
    for (const b of batches) {
      const first = this.nextOffset;
      const last = first + BigInt(b.lastOffsetDelta);
      const bytes = withBrokerFields(b, {
        baseOffset: first,
        partitionLeaderEpoch: options.leaderEpoch,
        ...(logAppendTime !== undefined ? { logAppendTime } : {}),
      });
      stored.push({ baseOffset: first, lastOffset: last, maxTimestamp: logAppendTime ?? b.maxTimestamp, bytes });
      this.nextOffset = last + 1n;
    }
    const lastOffset = this.nextOffset - 1n;
    const done = this.tail.then(async () => {
      for (const s of stored) await this.store.append(s);
      this.highWatermark = lastOffset + 1n;
      this.wake();
    });
    // A failed append must not poison later ones; the failing produce sees the error.
    this.tail = done.catch((err: unknown) => {
      this.log.error(`append to ${this.topic}-${this.partition} failed: ${String(err)}`);
    });
    return done.then(() => ({ baseOffset, lastOffset, logAppendTime: logAppendTime ?? -1n }));
  }

  /** Stored batches from `offset` below the high watermark, at least one whole batch (KIP-74). */
  read(offset: bigint, maxBytes: number): StoredBatch[] {
    if (offset >= this.highWatermark) return [];
    return this.store.read(offset, maxBytes).filter((b) => b.baseOffset < this.highWatermark);
  }

  offsetForTimestamp(timestamp: bigint): bigint | null {
    return this.store.offsetForTimestamp(timestamp);
  }

  /** Calls `wake` once, on the next append (or immediately if `since` is already behind). */
  waitForAppend(wake: () => void): () => void {
    this.waiters.add(wake);
    return () => this.waiters.delete(wake);
  }

  async close(): Promise<void> {
    await this.tail;
    this.wake();
    await this.store.close();
  }

  private wake(): void {
    const list = [...this.waiters];
    this.waiters.clear();
    for (const w of list) w();
  }
}
