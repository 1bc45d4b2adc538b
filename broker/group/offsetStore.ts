// Where committed offsets and group metadata live, in domain words. The coordinator reads from the
// store's in-memory view and awaits writes, so a durable store (records of `__consumer_offsets`) and
// the in-memory one are interchangeable.

import type { StoredGroup } from './groupMetadataRecords.js';

export interface CommittedOffset {
  offset: bigint;
  /** -1 when the committer did not know the leader epoch. */
  leaderEpoch: number;
  /** Kafka keeps "no metadata" as the empty string. */
  metadata: string;
  commitTimestampMs: number;
}

export interface PartitionOffset extends CommittedOffset {
  topic: string;
  partition: number;
}

export interface OffsetStore {
  /** Stores (or overwrites) the given partitions' offsets for the group; resolves once durable. */
  put(groupId: string, offsets: readonly PartitionOffset[]): Promise<void>;
  get(groupId: string, topic: string, partition: number): CommittedOffset | undefined;
  /** Every committed partition of the group, ordered by topic then partition. */
  list(groupId: string): PartitionOffset[];
  /** Drops the given partitions' offsets of the group (OffsetDelete). */
  deleteOffsets(groupId: string, partitions: readonly { topic: string; partition: number }[]): Promise<void>;
  /** Drops all offsets and the metadata of the group (DeleteGroups). */
  delete(groupId: string): Promise<void>;
  /** Groups that have at least one committed offset or stored metadata. */
  groupIds(): string[];
  /** Records the group as of its latest completed rebalance; resolves once durable. */
  putGroup(group: StoredGroup): Promise<void>;
  getGroup(groupId: string): StoredGroup | undefined;
}
