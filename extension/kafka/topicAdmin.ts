// The topic changes the explorer makes, over the Kafka protocol: create with partitions, replication
// factor and configs; add partitions; set or reset configs; empty a topic (DeleteRecords up to the
// high watermark of every partition).

import type { Admin } from '@platformatic/kafka';
import { topicPartitions } from './topicCatalog.js';

const TOPIC_RESOURCE = 2;
const SET = 0;
const DELETE = 1;
const LATEST_TIMESTAMP = -1n;

export interface NewTopic {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly configs: ReadonlyMap<string, string>;
}

export async function createTopic(admin: Admin, topic: NewTopic): Promise<void> {
  await admin.createTopics({
    topics: [topic.name],
    partitions: topic.partitions,
    replicas: topic.replicationFactor,
    configs: [...topic.configs].map(([name, value]) => ({ name, value })),
  });
}

/** Grows `topic` to `count` partitions in all (Kafka cannot shrink a topic). */
export async function addPartitions(admin: Admin, topic: string, count: number): Promise<void> {
  await admin.createPartitions({ topics: [{ name: topic, count }] });
}

/** Sets `name` on the topic, or removes the topic's own value (back to the default) when `value` is null. */
export async function setTopicConfig(admin: Admin, topic: string, name: string, value: string | null): Promise<void> {
  await admin.incrementalAlterConfigs({
    resources: [
      {
        resourceType: TOPIC_RESOURCE,
        resourceName: topic,
        configs: [value === null ? { name, configOperation: DELETE } : { name, configOperation: SET, value }],
      },
    ],
  });
}

/** Deletes every record of `topic` below each partition's high watermark; returns how many offsets were removed. */
export async function emptyTopic(admin: Admin, topic: string): Promise<bigint> {
  const listed = await admin.listOffsets({
    topics: [{ name: topic, partitions: await topicPartitions(admin, topic).then((indexes) => indexes.map((partitionIndex) => ({ partitionIndex, timestamp: LATEST_TIMESTAMP }))) }],
  });
  const partitions = listed.find((entry) => entry.name === topic)?.partitions ?? [];
  const before = await admin.listOffsets({
    topics: [{ name: topic, partitions: partitions.map((p) => ({ partitionIndex: p.partitionIndex, timestamp: -2n })) }],
  });
  const earliest = new Map((before.find((entry) => entry.name === topic)?.partitions ?? []).map((p) => [p.partitionIndex, p.offset]));
  await admin.deleteRecords({
    topics: [{ name: topic, partitions: partitions.map((p) => ({ partition: p.partitionIndex, offset: p.offset })) }],
  });
  return partitions.reduce((sum, p) => sum + (p.offset - (earliest.get(p.partitionIndex) ?? p.offset)), 0n);
}

