// What the Topics view shows, read over the Kafka protocol: each topic's partitions with their
// leader and earliest/latest offsets (Metadata and ListOffsets through the admin client).

import type { Admin } from '@platformatic/kafka';

export interface PartitionSummary {
  readonly partition: number;
  readonly leader: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
  readonly earliestOffset: bigint | undefined;
  readonly latestOffset: bigint | undefined;
}

export interface TopicSummary {
  readonly name: string;
  readonly partitions: readonly PartitionSummary[];
}

/** ListOffsets' special timestamps. */
const LATEST_TIMESTAMP = -1n;
const EARLIEST_TIMESTAMP = -2n;

async function listOffsetsAt(
  admin: Admin,
  topics: readonly TopicSummaryShape[],
  timestamp: bigint,
): Promise<Map<string, bigint>> {
  const offsets = new Map<string, bigint>();
  if (topics.length === 0) {
    return offsets;
  }
  const listed = await admin.listOffsets({
    topics: topics.map((topic) => ({
      name: topic.name,
      partitions: topic.partitionIndexes.map((partitionIndex) => ({ partitionIndex, timestamp })),
    })),
  });
  for (const topic of listed) {
    for (const partition of topic.partitions) {
      offsets.set(`${topic.name}:${partition.partitionIndex}`, partition.offset);
    }
  }
  return offsets;
}

interface TopicSummaryShape {
  readonly name: string;
  readonly partitionIndexes: readonly number[];
}

/** The user topics (internal ones left out), sorted by name, partitions by index. */
export async function describeTopics(admin: Admin): Promise<TopicSummary[]> {
  const names = (await admin.listTopics({ includeInternals: false })).filter((name) => !name.startsWith('__'));
  if (names.length === 0) {
    return [];
  }
  const metadata = await admin.metadata({ topics: names, forceUpdate: true });
  const shapes: TopicSummaryShape[] = [];
  for (const name of names) {
    const topic = metadata.topics.get(name);
    if (topic !== undefined) {
      shapes.push({ name, partitionIndexes: topic.partitions.map((_, index) => index) });
    }
  }
  // Offsets are decoration: a broker failing ListOffsets must not hide the topics themselves.
  const [earliest, latest] = await Promise.all([
    listOffsetsAt(admin, shapes, EARLIEST_TIMESTAMP).catch(() => new Map<string, bigint>()),
    listOffsetsAt(admin, shapes, LATEST_TIMESTAMP).catch(() => new Map<string, bigint>()),
  ]);
  return shapes
    .map((shape) => {
      const topic = metadata.topics.get(shape.name)!;
      return {
        name: shape.name,
        partitions: topic.partitions.map((partition, index) => ({
          partition: index,
          leader: partition.leader,
          replicas: partition.replicas,
          isr: partition.isr,
          earliestOffset: earliest.get(`${shape.name}:${index}`),
          latestOffset: latest.get(`${shape.name}:${index}`),
        })),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The partition indexes of one topic, fresh from the cluster. */
export async function topicPartitions(admin: Admin, topic: string): Promise<number[]> {
  const metadata = await admin.metadata({ topics: [topic], forceUpdate: true });
  const described = metadata.topics.get(topic);
  if (described === undefined) {
    throw new Error(`Topic "${topic}" does not exist.`);
  }
  return described.partitions.map((_, index) => index);
}
