// The OffsetStore kept only in memory: offsets are lost when the broker stops. For tests and for a
// coordinator without a log; brokers use the `__consumer_offsets` store.

import type { StoredGroup } from './groupMetadataRecords.js';
import type { CommittedOffset, OffsetStore, PartitionOffset } from './offsetStore.js';

export class InMemoryOffsetStore implements OffsetStore {
  /** groupId -> topic -> partition -> offset */
  private readonly groups = new Map<string, Map<string, Map<number, CommittedOffset>>>();
  private readonly metadata = new Map<string, StoredGroup>();

  put(groupId: string, offsets: readonly PartitionOffset[]): Promise<void> {
    let topics = this.groups.get(groupId);
    if (topics === undefined) {
      topics = new Map();
      this.groups.set(groupId, topics);
    }
    for (const { topic, partition, offset, leaderEpoch, metadata, commitTimestampMs } of offsets) {
      let partitions = topics.get(topic);
      if (partitions === undefined) {
        partitions = new Map();
        topics.set(topic, partitions);
      }
      partitions.set(partition, { offset, leaderEpoch, metadata, commitTimestampMs });
    }
    return Promise.resolve();
  }

  get(groupId: string, topic: string, partition: number): CommittedOffset | undefined {
    const committed = this.groups.get(groupId)?.get(topic)?.get(partition);
    return committed === undefined ? undefined : { ...committed };
  }

  list(groupId: string): PartitionOffset[] {
    const topics = this.groups.get(groupId);
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

  deleteOffsets(groupId: string, partitions: readonly { topic: string; partition: number }[]): Promise<void> {
    const topics = this.groups.get(groupId);
    for (const { topic, partition } of partitions) {
      const committed = topics?.get(topic);
      committed?.delete(partition);
      if (committed?.size === 0) topics?.delete(topic);
    }
    if (topics?.size === 0) this.groups.delete(groupId);
    return Promise.resolve();
  }

  delete(groupId: string): Promise<void> {
    this.groups.delete(groupId);
    this.metadata.delete(groupId);
    return Promise.resolve();
  }

  groupIds(): string[] {
    return [...new Set([...this.groups.keys(), ...this.metadata.keys()])];
  }

  putGroup(group: StoredGroup): Promise<void> {
    this.metadata.set(group.groupId, group);
    return Promise.resolve();
  }

  getGroup(groupId: string): StoredGroup | undefined {
    return this.metadata.get(groupId);
  }
}
