// Where committed offsets live, in domain words. The coordinator reads from the store's in-memory view
// and awaits writes, so a durable store (records of `__consumer_offsets`) can replace the in-memory one.

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
  /** Drops all offsets of the group (DeleteGroups). */
  delete(groupId: string): Promise<void>;
  /** Groups that have at least one committed offset. */
  groupIds(): string[];
}
