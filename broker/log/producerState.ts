// Idempotent producers on one partition: per producer id the epoch, the last sequence and the last five
// batches, so a retried batch gets its original offsets back and a gap or a fenced epoch is refused.
// Rules follow Kafka's ProducerStateManager (post KIP-360): an unknown producer may start at any sequence.

import type { BatchHeader } from '../records/recordBatch.js';

/** Kafka keeps this many batches per producer for duplicate detection (max.in.flight is at most 5). */
export const CACHED_BATCHES_PER_PRODUCER = 5;

export const NO_PRODUCER_ID = -1n;

export interface CachedBatch {
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly firstOffset: bigint;
  readonly lastOffset: bigint;
  /** The batch's max timestamp as stored (the append time under LogAppendTime). */
  readonly timestamp: bigint;
}

interface ProducerEntry {
  epoch: number;
  /** Oldest first, at most CACHED_BATCHES_PER_PRODUCER. */
  batches: CachedBatch[];
}

/** One producer as a snapshot file stores it. */
export interface ProducerSnapshotEntry {
  readonly producerId: bigint;
  readonly epoch: number;
  /** Oldest first. */
  readonly batches: readonly CachedBatch[];
}

export type SequenceCheck =
  | { readonly kind: 'append' }
  | { readonly kind: 'duplicate'; readonly batch: CachedBatch }
  | { readonly kind: 'outOfOrder'; readonly message: string }
  | { readonly kind: 'fenced'; readonly message: string };

/** Sequences wrap from Int32 max to 0, as in Kafka. */
function lastSequenceOf(baseSequence: number, lastOffsetDelta: number): number {
  const last = baseSequence + lastOffsetDelta;
  return last > 0x7fffffff ? last - 0x80000000 : last;
}

function inSequence(lastSeq: number, nextSeq: number): boolean {
  return nextSeq === lastSeq + 1 || (nextSeq === 0 && lastSeq === 0x7fffffff);
}

export function isIdempotent(batch: Pick<BatchHeader, 'producerId'>): boolean {
  return batch.producerId > NO_PRODUCER_ID;
}

export class ProducerStateTable {
  private readonly producers = new Map<bigint, ProducerEntry>();

  get size(): number {
    return this.producers.size;
  }

  /**
   * Decides what to do with a producer's batch before it is numbered. `pending` holds batches of the
   * same request already accepted but not yet recorded, so two batches of one request chain correctly.
   */
  check(batch: BatchHeader, pending?: ReadonlyMap<bigint, { epoch: number; lastSeq: number }>): SequenceCheck {
    const entry = this.producers.get(batch.producerId);
    const firstSeq = batch.baseSequence;
    const lastSeq = lastSequenceOf(firstSeq, batch.lastOffsetDelta);
    const inFlight = pending?.get(batch.producerId);
    const currentEpoch = inFlight?.epoch ?? entry?.epoch;
    if (currentEpoch === undefined) return { kind: 'append' };
    if (batch.producerEpoch < currentEpoch) {
      return {
        kind: 'fenced',
        message: `Epoch ${batch.producerEpoch} of producer ${batch.producerId} is older than its current epoch ${currentEpoch}.`,
      };
    }
    if (entry && !inFlight && batch.producerEpoch === entry.epoch) {
      const duplicate = entry.batches.find((b) => b.firstSeq === firstSeq && b.lastSeq === lastSeq);
      if (duplicate) return { kind: 'duplicate', batch: duplicate };
    }
    if (batch.producerEpoch > currentEpoch) {
      // A bumped epoch starts its sequences again at 0.
      if (firstSeq === 0) return { kind: 'append' };
      return {
        kind: 'outOfOrder',
        message: `Producer ${batch.producerId} starts epoch ${batch.producerEpoch} at sequence ${firstSeq}; expected 0.`,
      };
    }
    const expectedAfter = inFlight?.lastSeq ?? entry?.batches[entry.batches.length - 1]?.lastSeq;
    // No batch left for this producer (retention or DeleteRecords removed them): any sequence starts it again.
    if (expectedAfter === undefined || inSequence(expectedAfter, firstSeq)) return { kind: 'append' };
    return {
      kind: 'outOfOrder',
      message:
        `Out of order sequence number for producer ${batch.producerId} at epoch ${batch.producerEpoch}: ` +
        `${firstSeq} (incoming batch firstSeq), ${expectedAfter} (current end sequence number).`,
    };
  }

  /** Records a batch that is now in the log (appended, or replayed from the log at open). */
  record(batch: Pick<BatchHeader, 'producerId' | 'producerEpoch' | 'baseSequence' | 'lastOffsetDelta' | 'maxTimestamp'>, firstOffset: bigint): void {
    if (!isIdempotent(batch)) return;
    let entry = this.producers.get(batch.producerId);
    if (!entry || batch.producerEpoch !== entry.epoch) {
      entry = { epoch: batch.producerEpoch, batches: [] };
      this.producers.set(batch.producerId, entry);
    }
    entry.batches.push({
      firstSeq: batch.baseSequence,
      lastSeq: lastSequenceOf(batch.baseSequence, batch.lastOffsetDelta),
      firstOffset,
      lastOffset: firstOffset + BigInt(batch.lastOffsetDelta),
      timestamp: batch.maxTimestamp,
    });
    if (entry.batches.length > CACHED_BATCHES_PER_PRODUCER) entry.batches.shift();
  }

  /** The epoch and cached batches of a producer, for tests and diagnostics. */
  describe(producerId: bigint): { epoch: number; batches: readonly CachedBatch[] } | undefined {
    const entry = this.producers.get(producerId);
    return entry ? { epoch: entry.epoch, batches: [...entry.batches] } : undefined;
  }

  /** Every producer's state now, for a snapshot file. */
  snapshot(): ProducerSnapshotEntry[] {
    return [...this.producers].map(([producerId, entry]) => ({ producerId, epoch: entry.epoch, batches: [...entry.batches] }));
  }

  /** Replaces the table with a snapshot's producers (at open, before replaying the batches after it). */
  restore(entries: readonly ProducerSnapshotEntry[]): void {
    this.producers.clear();
    for (const e of entries) {
      if (e.batches.length === 0) continue;
      this.producers.set(e.producerId, { epoch: e.epoch, batches: e.batches.slice(-CACHED_BATCHES_PER_PRODUCER) });
    }
  }

  /** Forgets every batch that lies wholly below `offset`, e.g. after the log start moved. */
  dropBelow(offset: bigint): void {
    for (const [id, entry] of this.producers) {
      entry.batches = entry.batches.filter((b) => b.lastOffset >= offset);
      if (entry.batches.length === 0) this.producers.delete(id);
    }
  }
}
