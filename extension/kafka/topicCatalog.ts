// What the Topics view shows, read over the Kafka protocol: each topic's partitions with their
// leader, replicas, ISR, earliest/latest offsets and size on disk (Metadata, ListOffsets and
// DescribeLogDirs through the admin client), and a topic's configs (DescribeConfigs).

import type { Admin } from '@platformatic/kafka';

export interface PartitionSummary {
  readonly partition: number;
  readonly leader: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
  readonly earliestOffset: bigint | undefined;
  readonly latestOffset: bigint | undefined;
  /** Bytes of the leader's log (DescribeLogDirs); undefined when the broker did not say. */
  readonly sizeBytes?: bigint | undefined;
}

export interface TopicSummary {
  readonly name: string;
  readonly partitions: readonly PartitionSummary[];
  /** Kafka's own topics (`__consumer_offsets`, …): shown only when the user asks. */
  readonly internal?: boolean;
}

export interface TopicConfigEntry {
  readonly name: string;
  readonly value: string | null;
  /** True when set on the topic itself rather than inherited from a broker or Kafka default. */
  readonly isOverride: boolean;
  readonly readOnly: boolean;
  readonly sensitive: boolean;
}

/** DescribeConfigs' resource type for topics, and its source for a value set on the topic. */
const TOPIC_RESOURCE = 2;
const TOPIC_CONFIG_SOURCE = 1;

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

/** Leader log sizes by `topic:partition`, from every broker's log dirs (the largest replica wins). */
async function partitionSizes(admin: Admin, topics: readonly TopicSummaryShape[]): Promise<Map<string, bigint>> {
  const sizes = new Map<string, bigint>();
  if (topics.length === 0) {
    return sizes;
  }
  const brokers = await admin.describeLogDirs({
    topics: topics.map((topic) => ({ name: topic.name, partitions: [...topic.partitionIndexes] })),
  });
  for (const broker of brokers) {
    for (const result of broker.results) {
      for (const topic of result.topics) {
        for (const partition of topic.partitions) {
          const key = `${topic.name}:${partition.partitionIndex}`;
          const known = sizes.get(key);
          if (known === undefined || partition.partitionSize > known) {
            sizes.set(key, partition.partitionSize);
          }
        }
      }
    }
  }
  return sizes;
}

/** A topic's configs with values set on the topic marked, sorted by name. */
export async function describeTopicConfigs(admin: Admin, topic: string): Promise<TopicConfigEntry[]> {
  const described = await admin.describeConfigs({ resources: [{ resourceType: TOPIC_RESOURCE, resourceName: topic }] });
  const entries = described.find((resource) => resource.resourceName === topic)?.configs ?? [];
  return entries
    .map((entry) => ({
      name: entry.name,
      value: entry.value ?? null,
      isOverride: entry.configSource === TOPIC_CONFIG_SOURCE,
      readOnly: entry.readOnly,
      sensitive: entry.isSensitive,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Every topic, internal ones flagged, sorted by name, partitions by index. */
export async function describeTopics(admin: Admin, options: { includeInternal?: boolean } = {}): Promise<TopicSummary[]> {
  const names = (await admin.listTopics({ includeInternals: options.includeInternal === true })).filter(
    (name) => options.includeInternal === true || !name.startsWith('__'),
  );
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
  const [earliest, latest, sizes] = await Promise.all([
    listOffsetsAt(admin, shapes, EARLIEST_TIMESTAMP).catch(() => new Map<string, bigint>()),
    listOffsetsAt(admin, shapes, LATEST_TIMESTAMP).catch(() => new Map<string, bigint>()),
    partitionSizes(admin, shapes).catch(() => new Map<string, bigint>()),
  ]);
  return shapes
    .map((shape) => {
      const topic = metadata.topics.get(shape.name)!;
      return {
        name: shape.name,
        internal: shape.name.startsWith('__'),
        partitions: topic.partitions.map((partition, index) => ({
          partition: index,
          leader: partition.leader,
          replicas: partition.replicas,
          isr: partition.isr,
          earliestOffset: earliest.get(`${shape.name}:${index}`),
          latestOffset: latest.get(`${shape.name}:${index}`),
          sizeBytes: sizes.get(`${shape.name}:${index}`),
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
