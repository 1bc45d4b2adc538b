// The cluster metadata every broker serves: brokers, topics with their ids and configs, and each
// partition's leader, replicas, ISR and leader epoch. The controller owns it; brokers get copies.

import type { BrokerEndpoint } from '../cluster/clusterFiles.js';

export interface PartitionState {
  readonly partition: number;
  readonly leader: number;
  readonly leaderEpoch: number;
  /** Bumped by the controller on every leader or ISR change; AlterPartition must name the current one. */
  readonly partitionEpoch: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
}

export interface TopicState {
  readonly name: string;
  /** 32 hex digits, as Kafka's UUID topic ids on the wire. */
  readonly topicId: string;
  readonly internal: boolean;
  readonly configs: Readonly<Record<string, string>>;
  readonly partitions: readonly PartitionState[];
}

export interface MetadataImage {
  readonly clusterId: string;
  readonly controllerId: number;
  /** Increases with every change, so brokers can ignore stale copies. */
  readonly epoch: number;
  /** Live (registered, unfenced) brokers only: a replica not listed here is offline. */
  readonly brokers: readonly BrokerEndpoint[];
  readonly topics: readonly TopicState[];
}

export function findTopic(image: MetadataImage, name: string): TopicState | undefined {
  return image.topics.find((t) => t.name === name);
}

export function findTopicById(image: MetadataImage, topicId: string): TopicState | undefined {
  return image.topics.find((t) => t.topicId === topicId);
}
