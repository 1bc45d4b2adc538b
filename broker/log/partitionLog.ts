// One partition replica's log: validates and numbers incoming batches, enforces idempotent producers'
// sequences, appends to storage in order, tracks the log end offset and high watermark, and wakes
// fetchers waiting for new data.

import type { Logger } from '../logger.js';
import { readBatchHeader, setBrokerFields, splitBatches, withBrokerFields, type BatchHeader } from '../records/recordBatch.js';
import type { PartitionStore, StoredBatch, TimestampedOffset } from '../storage/partitionStore.js';
import { readEpochCheckpoint, writeEpochCheckpoint } from './leaderEpochCheckpoint.js';
import { LeaderEpochHistory } from './leaderEpochHistory.js';
import { isIdempotent, ProducerStateTable } from './producerState.js';
import { deleteSnapshotsAbove, loadLatestSnapshot, pruneSnapshots, writeSnapshot } from './producerSnapshot.js';

export type TimestampType = 'CreateTime' | 'LogAppendTime';

export interface AppendOptions {
  readonly timestampType: TimestampType;
  readonly maxMessageBytes: number;
  readonly leaderEpoch: number;
  /**
   * The caller hands `records` over (a produce request's own bytes): the log sets its fields in place
   * and keeps those bytes instead of copying each batch. Leave unset for a buffer the caller reuses.
   */
  readonly ownsRecords?: boolean;
}

export interface AppendResult {
  readonly baseOffset: bigint;
  readonly lastOffset: bigint;
  /** The broker's append time under LogAppendTime, else -1. */
  readonly logAppendTime: bigint;
  /** True when the batch was a retry of one already in the log: nothing new was stored. */
  readonly duplicate: boolean;
}

export class MessageTooLargeError extends Error {}
/** A producer's batch does not follow its last sequence (OUT_OF_ORDER_SEQUENCE_NUMBER). */
export class OutOfOrderSequenceError extends Error {}
/** A producer wrote with an epoch older than the one the log has seen (INVALID_PRODUCER_EPOCH). */
export class InvalidProducerEpochError extends Error {}
/** This replica follows: only the leader's batches, through appendAsFollower, may enter (NOT_LEADER_OR_FOLLOWER). */
export class NotLeaderError extends Error {}

/** Given the local durable end, the offset every in-sync replica has: the leader's high watermark bound. */
export type ReplicatedHighWatermark = (localEnd: bigint) => bigint;

/** How much of the log is read per step when producer state is rebuilt at open. */
const REBUILD_READ_BYTES = 8 * 1024 * 1024;
/** A producer-state snapshot is written after this many appended bytes (and at close): what open replays at most. */
const SNAPSHOT_INTERVAL_BYTES = 16 * 1024 * 1024;
/** Snapshots kept: an older one still serves when the newest is damaged. */
const SNAPSHOTS_KEPT = 2;

export class PartitionLog {
  private nextOffset: bigint;
  private highWatermark: bigint;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly waiters = new Set<() => void>();
  private producers = new ProducerStateTable();
  private epochs = new LeaderEpochHistory();
  /** Offset after the last batch the store has taken: the leader's own LEO when the HW is computed. */
  private durableEnd: bigint;
  /** Unreplicated logs let the HW follow durable appends; a replicated leader asks the ISR (set by becomeLeader). */
  private isrBound: ReplicatedHighWatermark | null = null;
  private role: 'leader' | 'follower' = 'leader';
  private currentLeaderEpoch = -1;
  /** Where snapshots and the epoch checkpoint live; null for a store without files (state is rebuilt by a scan). */
  private readonly stateDir: string | null;
  private bytesSinceSnapshot = 0;
  private lastSnapshotOffset = -1n;
  private snapshotWrites: Promise<void> = Promise.resolve();

  constructor(
    readonly topic: string,
    readonly partition: number,
    private readonly store: PartitionStore,
    private readonly log: Logger,
  ) {
    this.nextOffset = store.logEndOffset;
    this.highWatermark = store.logEndOffset;
    this.durableEnd = store.logEndOffset;
    this.stateDir = store.directory;
    this.recoverState();
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
   * DeleteRecords: moves the log start up to `offset`, which the caller has checked is at most the
   * high watermark; resolves with the new log start (the low watermark).
   */
  deleteRecordsBefore(offset: bigint): Promise<bigint> {
    return this.store.advanceLogStartOffset(offset);
  }

  /** The storage under this log, for background maintenance (retention, compaction) of sealed segments. */
  get maintenanceStore(): PartitionStore {
    return this.store;
  }

  /** Producer state, for diagnostics and tests. */
  get producerState(): ProducerStateTable {
    return this.producers;
  }

  get leaderEpochs(): LeaderEpochHistory {
    return this.epochs;
  }

  /**
   * Validates every batch first (nothing is stored if any is corrupt, too large or out of sequence),
   * then numbers them from the log end offset and appends them. Offsets and producer sequences are
   * settled synchronously, so concurrent appends keep order. A retried batch already in the log gets
   * its original offsets back once everything before it is durable.
   */
  append(records: Buffer, options: AppendOptions): Promise<AppendResult> {
    if (this.role !== 'leader') throw new NotLeaderError(`${this.topic}-${this.partition} is a follower here`);
    const batches = splitBatches(records);
    for (const b of batches) {
      if (b.bytes.length > options.maxMessageBytes) {
        throw new MessageTooLargeError(
          `The batch of ${b.bytes.length} bytes is larger than max.message.bytes (${options.maxMessageBytes}).`,
        );
      }
    }
    const duplicate = this.checkProducers(batches);
    if (duplicate) return duplicate;

    const now = BigInt(Date.now());
    const logAppendTime = options.timestampType === 'LogAppendTime' ? now : undefined;
    const baseOffset = this.nextOffset;
    const stored: StoredBatch[] = [];
    for (const b of batches) {
      const first = this.nextOffset;
      const last = first + BigInt(b.lastOffsetDelta);
      const fields = {
        baseOffset: first,
        partitionLeaderEpoch: options.leaderEpoch,
        ...(logAppendTime !== undefined ? { logAppendTime } : {}),
      };
      let bytes = b.bytes;
      if (options.ownsRecords) setBrokerFields(bytes, fields);
      else bytes = withBrokerFields(b, fields);
      const maxTimestamp = logAppendTime ?? b.maxTimestamp;
      stored.push({ baseOffset: first, lastOffset: last, maxTimestamp, bytes });
      this.producers.record({ ...b, maxTimestamp }, first);
      this.noteEpoch(options.leaderEpoch, first);
      this.nextOffset = last + 1n;
      this.bytesSinceSnapshot += bytes.length;
    }
    const lastOffset = this.nextOffset - 1n;
    const snapshotDue = this.bytesSinceSnapshot >= SNAPSHOT_INTERVAL_BYTES;
    const done = this.tail.then(async () => {
      // splitBatches verified each batch's CRC (or setBrokerFields recomputed it).
      for (const s of stored) await this.store.append(s, true);
      this.durableEnd = lastOffset + 1n;
      this.advanceHighWatermark();
      // New data for parked follower fetches, whether or not the HW moved.
      this.wake();
    });
    if (snapshotDue) this.snapshotAfter(done);
    // A failed append must not poison later ones; the failing produce sees the error.
    this.tail = done.catch((err: unknown) => {
      this.log.error(`append to ${this.topic}-${this.partition} failed: ${String(err)}`);
    });
    return done.then(() => ({ baseOffset, lastOffset, logAppendTime: logAppendTime ?? -1n, duplicate: false }));
  }

  /** Throws for a sequence gap or a fenced epoch; returns the answer for a duplicate; else undefined. */
  private checkProducers(batches: readonly BatchHeader[]): Promise<AppendResult> | undefined {
    const pending = new Map<bigint, { epoch: number; lastSeq: number }>();
    for (const b of batches) {
      if (!isIdempotent(b)) continue;
      const verdict = this.producers.check(b, pending);
      switch (verdict.kind) {
        case 'fenced':
          throw new InvalidProducerEpochError(verdict.message);
        case 'outOfOrder':
          throw new OutOfOrderSequenceError(verdict.message);
        case 'duplicate': {
          // Kafka answers the whole request with the first duplicate batch's offsets and stores nothing.
          const { firstOffset, lastOffset, timestamp } = verdict.batch;
          const logAppendTime = b.logAppendTime ? timestamp : -1n;
          this.log.info(
            `${this.topic}-${this.partition}: producer ${b.producerId} retried sequences ${b.baseSequence}.. already at offset ${firstOffset}`,
          );
          return this.tail.then(() => ({ baseOffset: firstOffset, lastOffset, logAppendTime, duplicate: true }));
        }
        case 'append':
          pending.set(b.producerId, { epoch: b.producerEpoch, lastSeq: b.baseSequence + b.lastOffsetDelta });
          break;
      }
    }
    return undefined;
  }

  /** Stored batches from `offset` below the high watermark, at least one whole batch (KIP-74). */
  read(offset: bigint, maxBytes: number): StoredBatch[] {
    if (offset >= this.highWatermark) return [];
    return this.store.read(offset, maxBytes).filter((b) => b.baseOffset < this.highWatermark);
  }

  offsetForTimestamp(timestamp: bigint): bigint | null {
    return this.store.offsetForTimestamp(timestamp);
  }

  /** The first record with a timestamp >= `timestamp`, with its own timestamp; only committed records count. */
  recordAtOrAfterTime(timestamp: bigint): TimestampedOffset | null {
    const found = this.store.recordAtOrAfterTime(timestamp);
    return found && found.offset < this.highWatermark ? found : null;
  }

  /** The first record carrying the largest timestamp (ListOffsets -3). */
  maxTimestampRecord(): TimestampedOffset | null {
    const found = this.store.maxTimestampRecord();
    return found && found.offset < this.highWatermark ? found : null;
  }

  /** Where the latest leader epoch in this log began, or -1 for none: a follower's last fetched epoch. */
  get latestEpoch(): number {
    const entries = this.epochs.entries;
    return entries.length > 0 ? (entries[entries.length - 1]?.epoch ?? -1) : -1;
  }

  get isLeader(): boolean {
    return this.role === 'leader';
  }

  /** The leader epoch this replica last became leader or follower in. */
  get leaderEpoch(): number {
    return this.currentLeaderEpoch;
  }

  /**
   * This replica leads from `epoch`: appends are accepted again and the HW is bounded by `isrBound`
   * (never moving back). Waits for appends in flight so the epoch starts at a settled log end.
   */
  async becomeLeader(epoch: number, isrBound: ReplicatedHighWatermark | null): Promise<void> {
    this.role = 'leader';
    this.currentLeaderEpoch = epoch;
    this.isrBound = isrBound;
    await this.tail;
    this.noteEpoch(epoch, this.nextOffset);
    this.advanceHighWatermark();
    // Waiters of an earlier epoch learn that it ended.
    this.wake();
  }

  /** This replica follows from `epoch`: produce is refused, batches come only from appendAsFollower. */
  async becomeFollower(epoch: number): Promise<void> {
    this.role = 'follower';
    this.currentLeaderEpoch = epoch;
    this.isrBound = null;
    // Produce requests waiting for the HW learn at once that this replica no longer leads.
    this.wake();
    await this.tail;
  }

  /**
   * Leader: moves the HW up to what the ISR holds (a follower fetched, the ISR changed) and wakes waiters
   * only when it moved. Waking on every call made two parked follower fetches wake each other forever
   * (each one's re-check records a fetch and refreshes), a microtask loop that froze the leader until
   * their max wait ran out.
   */
  refreshHighWatermark(): void {
    if (this.advanceHighWatermark()) this.wake();
  }

  /** True when the HW moved up. */
  private advanceHighWatermark(): boolean {
    const bound = this.isrBound ? this.isrBound(this.durableEnd) : this.durableEnd;
    const next = bound < this.durableEnd ? bound : this.durableEnd;
    if (this.role !== 'leader' || next <= this.highWatermark) return false;
    this.highWatermark = next;
    return true;
  }

  /** Follower: takes the leader's HW, bounded by what this replica holds. */
  followLeaderHighWatermark(leaderHighWatermark: bigint): void {
    const next = leaderHighWatermark < this.durableEnd ? leaderHighWatermark : this.durableEnd;
    if (next !== this.highWatermark) {
      this.highWatermark = next;
      this.wake();
    }
  }

  /**
   * Follower: appends the leader's batches as they are (offsets, epochs, producer fields kept). Batches
   * this log already holds are skipped; a gap is an error. Resolves with the new log end. `ownsRecords`:
   * the caller hands `records` over and never reuses their memory, so the log keeps them uncopied.
   */
  appendAsFollower(records: Buffer, ownsRecords = false): Promise<bigint> {
    const batches = splitBatches(records, 'replica');
    const done = this.tail.then(async () => {
      if (this.role !== 'follower') throw new NotLeaderError(`${this.topic}-${this.partition} leads here; it takes no replica batches`);
      for (const b of batches) {
        const last = b.baseOffset + BigInt(b.lastOffsetDelta);
        if (last < this.nextOffset) continue;
        if (b.baseOffset !== this.nextOffset) {
          throw new Error(`${this.topic}-${this.partition}: replica batch at ${b.baseOffset}, log end ${this.nextOffset}`);
        }
        const bytes = ownsRecords ? b.bytes : Buffer.from(b.bytes);
        await this.store.append({ baseOffset: b.baseOffset, lastOffset: last, maxTimestamp: b.maxTimestamp, bytes }, true);
        this.producers.record(b, b.baseOffset);
        this.noteEpoch(b.partitionLeaderEpoch, b.baseOffset);
        this.nextOffset = last + 1n;
        this.durableEnd = this.nextOffset;
        this.bytesSinceSnapshot += b.bytes.length;
      }
      if (this.bytesSinceSnapshot >= SNAPSHOT_INTERVAL_BYTES) this.snapshotAfter(Promise.resolve());
      this.wake();
      return this.nextOffset;
    });
    this.tail = done.catch(() => undefined);
    return done;
  }

  /**
   * Cuts the log back to `offset` (a diverged tail after a leader change) and rebuilds producer state
   * and the epoch history from what remains. Never below the log start.
   */
  truncateTo(offset: bigint): Promise<void> {
    const done = this.tail.then(async () => {
      const to = offset < this.store.logStartOffset ? this.store.logStartOffset : offset;
      if (to >= this.nextOffset) {
        // Nothing to cut, but an epoch this replica began as a short-lived leader without writing (an
        // entry at its log end) is unknown to the real leader: keep it and the follower sends it as its
        // last fetched epoch forever, and is told it diverges forever.
        if (this.epochs.truncateFromEnd(to) && this.stateDir) this.checkpointEpochs();
        return;
      }
      this.log.info(`${this.topic}-${this.partition}: truncating from ${this.nextOffset} to ${to}`);
      // A snapshot still being written may hold state above the cut: let it land, then remove it.
      await this.snapshotWrites;
      await this.store.truncateTo(to);
      // The store cuts whole batches: when a divergent batch spans `to`, the log ends at that batch's
      // base offset, below `to`. Follow the store, or the next fetch asks from an offset it does not
      // hold and the follower diverges again and again.
      const end = this.store.logEndOffset;
      this.nextOffset = end;
      this.durableEnd = end;
      if (this.highWatermark > end) this.highWatermark = end;
      this.producers = new ProducerStateTable();
      if (this.stateDir) {
        deleteSnapshotsAbove(this.stateDir, end);
        this.lastSnapshotOffset = -1n;
        if (this.epochs.truncateFromEnd(end)) this.checkpointEpochs();
        this.loadProducerState(this.stateDir);
      } else {
        this.epochs = new LeaderEpochHistory();
        this.rebuildFromLog(this.store.logStartOffset);
      }
    });
    this.tail = done.catch(() => undefined);
    return done;
  }

  /** Leader, for followers: stored batches from `offset` up to the durable end, above the HW too. */
  readForReplica(offset: bigint, maxBytes: number): StoredBatch[] {
    if (offset >= this.durableEnd) return [];
    return this.store.read(offset, maxBytes).filter((b) => b.baseOffset < this.durableEnd);
  }

  /** The offset after the last durably stored batch. */
  get durableLogEndOffset(): bigint {
    return this.durableEnd;
  }

  /** Calls `wake` once, on the next append. Returns a function that cancels the wait. */
  waitForAppend(wake: () => void): () => void {
    this.waiters.add(wake);
    return () => this.waiters.delete(wake);
  }

  async close(): Promise<void> {
    await this.tail;
    this.wake();
    // A clean shutdown leaves a snapshot at the log end: the next open replays nothing.
    if (this.stateDir && this.lastSnapshotOffset !== this.nextOffset) this.snapshotAfter(Promise.resolve());
    await this.snapshotWrites;
    await this.store.close();
  }

  /** Records that `epoch` wrote (or will write) from `offset`; a new entry is checkpointed before anything uses it. */
  private noteEpoch(epoch: number, offset: bigint): void {
    if (this.epochs.assign(epoch, offset)) this.checkpointEpochs();
  }

  private checkpointEpochs(): void {
    if (!this.stateDir) return;
    try {
      writeEpochCheckpoint(this.stateDir, this.epochs.entries);
    } catch (err) {
      // Without it the next open rebuilds the history by scanning the log: slower, still correct for written epochs.
      this.log.warn(`${this.topic}-${this.partition}: could not write the leader epoch checkpoint: ${String(err)}`);
    }
  }

  /**
   * Takes the producer state as of the current log end now (it is consistent with nextOffset) and writes
   * it once `durable` settles, in order with other snapshot writes. A snapshot above the durable end
   * after a crash is ignored and removed at open, so writing before every batch is on disk is safe.
   */
  private snapshotAfter(durable: Promise<unknown>): void {
    const dir = this.stateDir;
    if (!dir) return;
    const snapshot = { offset: this.nextOffset, producers: this.producers.snapshot() };
    this.bytesSinceSnapshot = 0;
    this.lastSnapshotOffset = snapshot.offset;
    this.snapshotWrites = this.snapshotWrites
      .then(() => durable)
      .then(async () => {
        await writeSnapshot(dir, snapshot);
        pruneSnapshots(dir, SNAPSHOTS_KEPT);
      })
      .catch((err: unknown) => {
        this.log.warn(`${this.topic}-${this.partition}: producer snapshot at ${snapshot.offset} not written: ${String(err)}`);
      });
  }

  /**
   * At open: the epoch history from its checkpoint and producer state from the newest snapshot, replaying
   * only the batches after it. A data directory without a checkpoint (older format) or with a damaged one
   * is scanned from the log start once, and the checkpoint written.
   */
  private recoverState(): void {
    const dir = this.stateDir;
    const start = this.store.logStartOffset;
    if (!dir) {
      this.rebuildFromLog(start);
      return;
    }
    const end = this.store.logEndOffset;
    // Snapshots above the log end hold batches a crash took back; a later log may reuse those offsets.
    deleteSnapshotsAbove(dir, end);
    const checkpoint = readEpochCheckpoint(dir, (file, reason) => this.log.warn(`${file}: ${reason}; rebuilding the epoch history from the log`));
    if (!checkpoint) {
      this.rebuildFromLog(start);
      this.checkpointEpochs();
      return;
    }
    this.epochs.load(checkpoint);
    if (this.epochs.dropAbove(end)) this.checkpointEpochs();
    this.loadProducerState(dir);
  }

  /** Producer state from the newest usable snapshot at or below the log end plus the batches after it. */
  private loadProducerState(dir: string): void {
    const start = this.store.logStartOffset;
    const snapshot = loadLatestSnapshot(dir, this.store.logEndOffset, (file, reason) =>
      this.log.warn(`${file}: ${reason}; using an older snapshot or the log instead`),
    );
    let from = start;
    if (snapshot) {
      this.producers.restore(snapshot.producers);
      // Batches below the log start are gone: forget them as a scan from the log start would.
      this.producers.dropBelow(start);
      if (snapshot.offset > start) from = snapshot.offset;
      this.lastSnapshotOffset = snapshot.offset;
    }
    this.rebuildFromLog(from);
  }

  private wake(): void {
    const list = [...this.waiters];
    this.waiters.clear();
    for (const w of list) w();
  }

  /**
   * Replays the stored batch headers from `from` into producer state and the leader epoch history, so
   * idempotence holds across restarts. From the log start only without a snapshot and checkpoint.
   */
  private rebuildFromLog(from: bigint): void {
    let offset = from;
    const end = this.store.logEndOffset;
    let replayed = 0;
    while (offset < end) {
      const batches = this.store.read(offset, REBUILD_READ_BYTES);
      if (batches.length === 0) break;
      for (const stored of batches) {
        const header = readBatchHeader(stored.bytes);
        this.producers.record(header, stored.baseOffset);
        if (this.epochs.assign(header.partitionLeaderEpoch, stored.baseOffset) && this.stateDir && from > this.store.logStartOffset) {
          this.checkpointEpochs();
        }
        offset = stored.lastOffset + 1n;
        replayed++;
      }
    }
    if (this.producers.size > 0 || replayed > 0) {
      this.log.info(
        `${this.topic}-${this.partition}: state of ${this.producers.size} idempotent producers ready after replaying ${replayed} batches from offset ${from}`,
      );
    }
  }
}
