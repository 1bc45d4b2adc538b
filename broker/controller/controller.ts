// The controller: the one owner of cluster metadata. It validates and applies topic changes, places
// replicas across brokers, persists the result and publishes a new MetadataImage to every listener.

import { randomUUID } from 'node:crypto';
import type { BrokerEndpoint } from '../cluster/clusterFiles.js';
import { ErrorCode } from '../protocol/errors.js';
import type { MetadataImage, PartitionState, TopicState } from './metadataImage.js';
import type { MetadataStore } from './metadataStore.js';
import { checkPartitionCount, checkReplicationFactor, checkTopicName } from './topicRules.js';

export interface CreateTopicSpec {
  readonly name: string;
  /** -1 means the broker default. */
  readonly numPartitions: number;
  /** -1 means the broker default. */
  readonly replicationFactor: number;
  readonly configs: Readonly<Record<string, string>>;
}

export interface TopicResult {
  readonly name: string;
  readonly topicId: string;
  readonly errorCode: number;
  readonly errorMessage: string | null;
  readonly numPartitions: number;
  readonly replicationFactor: number;
}

export interface ControllerDefaults {
  readonly numPartitions: number;
  readonly replicationFactor: number;
}

export function newTopicId(): string {
  return randomUUID().replace(/-/g, '');
}

export class Controller {
  private topics: TopicState[];
  private epoch = 0;
  private readonly listeners = new Set<(image: MetadataImage) => void>();

  constructor(
    private readonly store: MetadataStore,
    private readonly clusterId: string,
    private brokers: readonly BrokerEndpoint[],
    private readonly defaults: ControllerDefaults = { numPartitions: 1, replicationFactor: 1 },
  ) {
    this.topics = [...store.load().topics];
  }

  image(): MetadataImage {
    return {
      clusterId: this.clusterId,
      controllerId: this.brokers[0]?.nodeId ?? -1,
      epoch: this.epoch,
      brokers: this.brokers,
      topics: this.topics,
    };
  }

  onChange(listener: (image: MetadataImage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setBrokers(brokers: readonly BrokerEndpoint[]): void {
    this.brokers = brokers;
    this.publish();
  }

  createTopics(specs: readonly CreateTopicSpec[], validateOnly: boolean): TopicResult[] {
    const results: TopicResult[] = [];
    const created: TopicState[] = [];
    const seen = new Set<string>();
    for (const spec of specs) {
      const numPartitions = spec.numPartitions === -1 ? this.defaults.numPartitions : spec.numPartitions;
      const replicationFactor = spec.replicationFactor === -1 ? Math.min(this.defaults.replicationFactor, this.brokers.length) : spec.replicationFactor;
      const fail = (errorCode: number, errorMessage: string): void => {
        results.push({ name: spec.name, topicId: '', errorCode, errorMessage, numPartitions: -1, replicationFactor: -1 });
      };
      const violation =
        checkTopicName(spec.name) ?? checkPartitionCount(numPartitions) ?? checkReplicationFactor(replicationFactor, this.brokers.length);
      if (violation) {
        fail(violation.errorCode, violation.message);
        continue;
      }
      if (seen.has(spec.name)) {
        fail(ErrorCode.INVALID_REQUEST, `Topic '${spec.name}' appears more than once in the request.`);
        continue;
      }
      seen.add(spec.name);
      if (this.topics.some((t) => t.name === spec.name)) {
        fail(ErrorCode.TOPIC_ALREADY_EXISTS, `Topic '${spec.name}' already exists.`);
        continue;
      }
      const topic: TopicState = {
        name: spec.name,
        topicId: newTopicId(),
        internal: spec.name.startsWith('__'),
        configs: { ...spec.configs },
        partitions: this.placeReplicas(numPartitions, replicationFactor),
      };
      created.push(topic);
      results.push({ name: topic.name, topicId: topic.topicId, errorCode: ErrorCode.NONE, errorMessage: null, numPartitions, replicationFactor });
    }
    if (!validateOnly && created.length > 0) this.commit([...this.topics, ...created]);
    return results;
  }

  deleteTopics(names: readonly string[]): Array<{ name: string; topicId: string; errorCode: number; errorMessage: string | null }> {
    const remove = new Set<string>();
    const results = names.map((name) => {
      const topic = this.topics.find((t) => t.name === name);
      if (!topic) {
        return { name, topicId: '', errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: 'This server does not host this topic-partition.' };
      }
      remove.add(name);
      return { name, topicId: topic.topicId, errorCode: ErrorCode.NONE, errorMessage: null };
    });
    if (remove.size > 0) this.commit(this.topics.filter((t) => !remove.has(t.name)));
    return results;
  }

  /** Round-robin placement starting at a rotating broker, so leaders spread across the cluster. */
  private placeReplicas(numPartitions: number, replicationFactor: number): PartitionState[] {
    const ids = this.brokers.map((b) => b.nodeId).sort((a, b) => a - b);
    const start = ids.length > 0 ? Math.floor(Math.random() * ids.length) : 0;
    const out: PartitionState[] = [];
    for (let p = 0; p < numPartitions; p++) {
      const replicas: number[] = [];
      for (let r = 0; r < replicationFactor; r++) replicas.push(ids[(start + p + r) % ids.length]);
      out.push({ partition: p, leader: replicas[0] ?? -1, leaderEpoch: 0, replicas, isr: [...replicas] });
    }
    return out;
  }

  private commit(topics: TopicState[]): void {
    this.store.saveTopics(topics);
    this.topics = topics;
    this.publish();
  }

  private publish(): void {
    this.epoch++;
    const image = this.image();
    for (const l of this.listeners) l(image);
  }
}
