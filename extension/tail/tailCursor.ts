// Where the tail stands in each partition and what a fetch response means for it: which records are
// new (a fetch may return a whole batch that starts before the requested offset) and where to read next.

import type { TailRecord } from '../../webview/protocol.js';
import { bytesToDisplayText } from './recordText.js';

/** The parts of a fetched record batch the tail needs (the client library's RecordsBatch fits). */
export interface FetchedBatch {
  readonly firstOffset: bigint;
  readonly firstTimestamp: bigint;
  readonly lastOffsetDelta: number;
  readonly attributes: number;
  readonly records: readonly FetchedRecord[];
}

export interface FetchedRecord {
  readonly offsetDelta: number;
  readonly timestampDelta: bigint;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers: readonly (readonly [Uint8Array | null, Uint8Array | null])[];
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Control batches (transaction markers) carry no user records. */
const CONTROL_BATCH_FLAG = 0x20;

export class TailCursor {
  private readonly nextOffsets = new Map<number, bigint>();

  /** Starts (or restarts) `partition` at `offset`, usually its latest offset. */
  startAt(partition: number, offset: bigint): void {
    this.nextOffsets.set(partition, offset);
  }

  has(partition: number): boolean {
    return this.nextOffsets.has(partition);
  }

  partitions(): number[] {
    return [...this.nextOffsets.keys()].sort((a, b) => a - b);
  }

  nextOffset(partition: number): bigint {
    const offset = this.nextOffsets.get(partition);
    if (offset === undefined) {
      throw new Error(`partition ${partition} is not tailed`);
    }
    return offset;
  }

  /** Consumes the batches fetched for `partition`, returning the records not seen before, oldest first. */
  accept(partition: number, batches: readonly FetchedBatch[]): TailRecord[] {
    let next = this.nextOffset(partition);
    const fresh: TailRecord[] = [];
    for (const batch of batches) {
      const batchEnd = batch.firstOffset + BigInt(batch.lastOffsetDelta) + 1n;
      if ((batch.attributes & CONTROL_BATCH_FLAG) === 0) {
        for (const record of batch.records) {
          const offset = batch.firstOffset + BigInt(record.offsetDelta);
          if (offset < next) {
            continue;
          }
          fresh.push({
            partition,
            offset: offset.toString(),
            timestamp: (batch.firstTimestamp + record.timestampDelta).toString(),
            key: bytesToDisplayText(record.key),
            value: bytesToDisplayText(record.value),
            ...(record.value !== null && !isUtf8(record.value) ? { valueIsBinary: true } : {}),
            headers: record.headers.map(([key, value]) => [bytesToDisplayText(key) ?? '', bytesToDisplayText(value)] as const),
          });
          next = offset + 1n;
        }
      }
      if (batchEnd > next) {
        next = batchEnd;
      }
    }
    this.nextOffsets.set(partition, next);
    return fresh;
  }
}
