// The OffsetStore backed by `__consumer_offsets`: every commit, deletion and group snapshot is a record
// appended to the group's partition, and enters the in-memory view only once replicated; the view is
// rebuilt by replaying a partition from its log start when this broker becomes its leader.

import { ErrorCode } from '../protocol/errors.js';
import { encodeBatch, decodeRecords, type RecordToEncode } from '../records/records.js';
import {
  decodeGroupValue,
  decodeKey,
  decodeOffsetValue,
  encodeGroupKey,
  encodeGroupValue,
  encodeOffsetKey,
  encodeOffsetValue,
  type StoredGroup,
} from './groupMetadataRecords.js';
import { partitionForGroup } from './groupPartition.js';
import { NotCoordinatorError } from './groupWriteErrors.js';
import type { CommittedOffset, OffsetStore, PartitionOffset } from './offsetStore.js';

/** One partition of the offsets topic as this store needs it. */
export interface OffsetsLog {
  /**
   * Appends one record batch; resolves once every in-sync replica has it (the high watermark passed
   * it), rejects with an OffsetsAppendError (or another error) when that cannot be known.
   */
  append(batch: Buffer): Promise<void>;
  /** Stored batches from `offset` up to the log end, at least one when there is any. */
  read(offset: bigint, maxBytes: number): Array<{ lastOffset: bigint; bytes: Buffer }>;
  readonly logStartOffset: bigint;
  readonly logEndOffset: bigint;
}

/** The offsets topic as seen from this broker. */
export interface OffsetsTopicView {
  /** 0 while the topic does not exist. */
  partitionCount(): number;
  /** The partition's log if this broker leads it and has it open. */
  leaderLog(partition: number): OffsetsLog | undefined;
}

interface CachedGroup {
  /** topic -> partition -> offset */
  offsets: Map<string, Map<number, CommittedOffset>>;
  metadata: StoredGroup | undefined;
}

const LOAD_READ_BYTES = 4 * 1024 * 1024;

export class OffsetsTopicStore implements OffsetStore {
  private readonly groups = new Map<string, CachedGroup>();
  /** Partitions whose records are in `groups`, with the log they were loaded from. */
  private readonly loaded = new Map<number, OffsetsLog>();

  constructor(
    private readonly view: OffsetsTopicView,
    private readonly log: (line: string) => void = () => {},
  ) {}

  /**
   * Loads the partitions this broker now leads and forgets those it no longer leads. Returns the
   * partitions it forgot, so the coordinator can unload their groups.
   */
  refresh(): number[] {
    const count = this.view.partitionCount();
    const dropped: number[] = [];
    for (const [partition, partitionLog] of [...this.loaded]) {
      if (partition >= count || this.view.leaderLog(partition) !== partitionLog) {
        this.unload(partition, count);
        dropped.push(partition);
      }
    }
    for (let partition = 0; partition < count; partition++) {
      if (this.loaded.has(partition)) continue;
      const partitionLog = this.view.leaderLog(partition);
      if (partitionLog !== undefined) this.load(partition, partitionLog);
    }
    return dropped;
  }

  /** NONE when this broker coordinates the group, else the error Kafka gives (NOT_COORDINATOR...). */
  ownership(groupId: string): number {
    const count = this.view.partitionCount();
    if (count === 0) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    const partition = partitionForGroup(groupId, count);
    if (this.loaded.has(partition)) return ErrorCode.NONE;
    return this.view.leaderLog(partition) === undefined ? ErrorCode.NOT_COORDINATOR : ErrorCode.COORDINATOR_LOAD_IN_PROGRESS;
  }

  // ---------------------------------------------------------------- OffsetStore

  async put(groupId: string, offsets: readonly PartitionOffset[]): Promise<void> {
    await this.append(
      groupId,
      offsets.map((o) => ({ key: encodeOffsetKey(groupId, o.topic, o.partition), value: encodeOffsetValue(o), timestamp: o.commitTimestampMs })),
    );
    for (const o of offsets) this.setOffset(groupId, o.topic, o.partition, o);
  }

  get(groupId: string, topic: string, partition: number): CommittedOffset | undefined {
    const committed = this.groups.get(groupId)?.offsets.get(topic)?.get(partition);
    return committed === undefined ? undefined : { ...committed };
  }

  list(groupId: string): PartitionOffset[] {
    const topics = this.groups.get(groupId)?.offsets;
    if (topics === undefined) return [];
    const result: PartitionOffset[] = [];
    for (const topic of [...topics.keys()].sort()) {
      const partitions = topics.get(topic)!;
      for (const partition of [...partitions.keys()].sort((a, b) => a - b)) {
        result.push({ topic, partition, ...partitions.get(partition)! });
      }
    }
    return result;
  }

  async deleteOffsets(groupId: string, partitions: readonly { topic: string; partition: number }[]): Promise<void> {
    const present = partitions.filter((p) => this.get(groupId, p.topic, p.partition) !== undefined);
    if (present.length === 0) return;
    await this.append(
      groupId,
      present.map((p) => ({ key: encodeOffsetKey(groupId, p.topic, p.partition), value: null })),
    );
    for (const p of present) this.setOffset(groupId, p.topic, p.partition, undefined);
  }

  async delete(groupId: string): Promise<void> {
    const cached = this.groups.get(groupId);
    if (cached === undefined) return;
    const tombstones: RecordToEncode[] = this.list(groupId).map((o) => ({ key: encodeOffsetKey(groupId, o.topic, o.partition), value: null }));
    if (cached.metadata !== undefined) tombstones.push({ key: encodeGroupKey(groupId), value: null });
    if (tombstones.length > 0) await this.append(groupId, tombstones);
    this.groups.delete(groupId);
  }

  groupIds(): string[] {
    return [...this.groups.keys()];
  }

  async putGroup(group: StoredGroup): Promise<void> {
    await this.append(group.groupId, [{ key: encodeGroupKey(group.groupId), value: encodeGroupValue(group), timestamp: group.stateTimestampMs }]);
    this.cached(group.groupId).metadata = group;
  }

  getGroup(groupId: string): StoredGroup | undefined {
    return this.groups.get(groupId)?.metadata;
  }

  // ---------------------------------------------------------------- internals

  private async append(groupId: string, records: RecordToEncode[]): Promise<void> {
    const count = this.view.partitionCount();
    const partition = count === 0 ? -1 : partitionForGroup(groupId, count);
    const partitionLog = this.loaded.get(partition);
    if (partitionLog === undefined) throw new NotCoordinatorError(`this broker does not coordinate group ${groupId}`);
    await partitionLog.append(encodeBatch({ records }));
    // Unloaded while the replicas caught up: the group's view now lives with another coordinator.
    if (this.loaded.get(partition) !== partitionLog) throw new NotCoordinatorError(`this broker stopped coordinating group ${groupId}`);
  }

  private cached(groupId: string): CachedGroup {
    let cached = this.groups.get(groupId);
    if (cached === undefined) {
      cached = { offsets: new Map(), metadata: undefined };
      this.groups.set(groupId, cached);
    }
    return cached;
  }

  private setOffset(groupId: string, topic: string, partition: number, offset: CommittedOffset | undefined): void {
    if (offset === undefined) {
      const cached = this.groups.get(groupId);
      const partitions = cached?.offsets.get(topic);
      partitions?.delete(partition);
      if (partitions?.size === 0) cached?.offsets.delete(topic);
      if (cached !== undefined && cached.offsets.size === 0 && cached.metadata === undefined) this.groups.delete(groupId);
      return;
    }
    const topics = this.cached(groupId).offsets;
    let partitions = topics.get(topic);
    if (partitions === undefined) {
      partitions = new Map();
      topics.set(topic, partitions);
    }
    partitions.set(partition, { offset: offset.offset, leaderEpoch: offset.leaderEpoch, metadata: offset.metadata, commitTimestampMs: offset.commitTimestampMs });
  }

  /** Replays the partition from its log start: later records win, tombstones remove. */
  private load(partition: number, partitionLog: OffsetsLog): void {
    let offset = partitionLog.logStartOffset;
    let records = 0;
    while (offset < partitionLog.logEndOffset) {
      const batches = partitionLog.read(offset, LOAD_READ_BYTES);
      if (batches.length === 0) break;
      for (const batch of batches) {
        for (const record of decodeRecords(batch.bytes)) {
          if (record.key === null) continue;
          this.applyRecord(record.key, record.value);
          records++;
        }
        offset = batch.lastOffset + 1n;
      }
    }
    this.loaded.set(partition, partitionLog);
    if (records > 0) this.log(`loaded ${records} records of __consumer_offsets-${partition}`);
  }

  private applyRecord(keyBytes: Buffer, value: Buffer | null): void {
    let key;
    try {
      key = decodeKey(keyBytes);
    } catch (error) {
      this.log(`skipping an unreadable __consumer_offsets key: ${String(error)}`);
      return;
    }
    if (key === null) return;
    if (key.kind === 'offset') {
      this.setOffset(key.groupId, key.topic, key.partition, value === null ? undefined : decodeOffsetValue(value));
      return;
    }
    if (value === null) {
      const cached = this.groups.get(key.groupId);
      if (cached === undefined) return;
      cached.metadata = undefined;
      if (cached.offsets.size === 0) this.groups.delete(key.groupId);
      return;
    }
    this.cached(key.groupId).metadata = decodeGroupValue(key.groupId, value);
  }

  private unload(partition: number, count: number): void {
    this.loaded.delete(partition);
    for (const groupId of [...this.groups.keys()]) {
      if (count === 0 || partitionForGroup(groupId, count) === partition) this.groups.delete(groupId);
    }
  }
}
