// The OffsetStore kept only in memory: offsets are lost when the broker stops. Used until offsets are
// stored as records of `__consumer_offsets`.

import type { CommittedOffset, OffsetStore, PartitionOffset } from './offsetStore.js';

export class InMemoryOffsetStore implements OffsetStore {
  /** groupId -> topic -> partition -> offset */
  private readonly groups = new Map<string, Map<string, Map<number, CommittedOffset>>>();

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

  delete(groupId: string): Promise<void> {
    this.groups.delete(groupId);
    return Promise.resolve();
  }

  groupIds(): string[] {
    return [...this.groups.keys()];
  }
}
