// The controller: the one owner of cluster metadata. It validates and applies topic changes, places
// replicas across brokers, persists the result and publishes a new MetadataImage to every listener.

import { randomUUID } from 'node:crypto';
import type { BrokerEndpoint } from '../cluster/clusterFiles.js';
import { ErrorCode } from '../protocol/errors.js';
import type { MetadataImage, PartitionState, TopicState } from './metadataImage.js';
import type { MetadataStore } from './metadataStore.js';
import {
  alterIsr, electForLeaderless, electPreferred, fenceReplica, type AlterPartitionRequest, type AlterPartitionResult,
} from './partitionElection.js';
import { applyIncrementalChanges, InvalidConfigError, normalizeTopicConfigs, type ConfigChange } from './topicConfigs.js';
import { checkPartitionCount, checkReplicationFactor, checkTopicName } from './topicRules.js';

export interface CreateTopicSpec {
  readonly name: string;
  /** -1 means the broker default. */
  readonly numPartitions: number;
  /** -1 means the broker default. */
  readonly replicationFactor: number;
  readonly configs: Readonly<Record<string, string>>;
  /** Replicas of each partition (leader first), in partition order; then both counts above must be -1. */
  readonly assignments?: readonly (readonly number[])[];
}

export interface TopicResult {
  readonly name: string;
  readonly topicId: string;
  readonly errorCode: number;
  readonly errorMessage: string | null;
  readonly numPartitions: number;
  readonly replicationFactor: number;
}

export interface DeleteTopicResult {
  readonly name: string;
  readonly topicId: string;
  readonly errorCode: number;
  readonly errorMessage: string | null;
}

export interface CreatePartitionsSpec {
  readonly name: string;
  /** The new total number of partitions. */
  readonly count: number;
  /** Replicas of each new partition, leader first; null lets the controller place them. */
  readonly assignments: readonly (readonly number[])[] | null;
}

/** A topic's config change: `replace` sets the whole override set (AlterConfigs), `changes` edits it (incremental). */
export type TopicConfigAlteration =
  | { readonly topic: string; readonly replace: Readonly<Record<string, string | null>> }
  | { readonly topic: string; readonly changes: readonly ConfigChange[] };

/** The outcome for one named resource (topic) of an admin call that returns nothing else. */
export interface ResourceResult {
  readonly name: string;
  readonly errorCode: number;
  readonly errorMessage: string | null;
}

/** The controller's admin operations: what brokers call, in process or over IPC. */
export interface ControllerOperations {
  createTopics(specs: readonly CreateTopicSpec[], validateOnly: boolean): TopicResult[];
  deleteTopics(names: readonly string[]): DeleteTopicResult[];
  createPartitions(specs: readonly CreatePartitionsSpec[], validateOnly: boolean): ResourceResult[];
  alterTopicConfigs(alterations: readonly TopicConfigAlteration[], validateOnly: boolean): ResourceResult[];
  /** A partition leader's ISR change (Kafka's AlterPartition). */
  alterPartition(req: AlterPartitionRequest): AlterPartitionResult;
}

export interface ControllerDefaults {
  readonly numPartitions: number;
  readonly replicationFactor: number;
}

export function newTopicId(): string {
  return randomUUID().replace(/-/g, '');
}

export class Controller implements ControllerOperations {
  private topics: TopicState[];
  private epoch = 0;
  private readonly listeners = new Set<(image: MetadataImage) => void>();
  /** Every broker id the cluster has: replica assignments may name only these. */
  private readonly registered = new Set<number>();
  /** Live (unfenced) brokers, in node id order. */
  private brokers: readonly BrokerEndpoint[] = [];

  constructor(
    private readonly store: MetadataStore,
    private readonly clusterId: string,
    brokers: readonly BrokerEndpoint[],
    private readonly defaults: ControllerDefaults = { numPartitions: 1, replicationFactor: 1 },
  ) {
    this.topics = [...store.load().topics];
    this.setLive(brokers);
  }

  image(): MetadataImage {
    return {
      clusterId: this.clusterId,
      // The supervisor is the controller; clients are told a live broker, which relays to it.
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

  /** The cluster's brokers at start-up, all live; partitions whose leaders are absent get new ones. */
  setBrokers(brokers: readonly BrokerEndpoint[]): void {
    this.setLive(brokers);
    this.reconcile();
  }

  /** Ids of every broker ever registered with this controller, live or not. */
  registeredBrokers(): readonly number[] {
    return [...this.registered].sort((a, b) => a - b);
  }

  isLive(nodeId: number): boolean {
    return this.brokers.some((b) => b.nodeId === nodeId);
  }

  /** A broker (re)registers: it is live again and leaderless partitions it can lead get it as leader. */
  brokerUp(endpoint: BrokerEndpoint): void {
    this.setLive([...this.brokers.filter((b) => b.nodeId !== endpoint.nodeId), endpoint]);
    this.reconcile();
  }

  /** Fences a broker (missed heartbeats, exit, or a stop): it leaves the live set, its ISRs and its leaderships. */
  fenceBroker(nodeId: number): void {
    if (!this.isLive(nodeId)) return;
    this.setLive(this.brokers.filter((b) => b.nodeId !== nodeId));
    const live = this.liveIds();
    this.commitPartitions((topic, p) => fenceReplica(p, nodeId, live, this.uncleanAllowed(topic)), true);
  }

  /** Moves leadership back to preferred replicas that are live and in sync; returns how many moved. */
  electPreferredLeaders(): number {
    const live = this.liveIds();
    return this.commitPartitions((_topic, p) => electPreferred(p, live), false);
  }

  alterPartition(req: AlterPartitionRequest): AlterPartitionResult {
    const topic = this.topics.find((t) => t.name === req.topic);
    const current = topic?.partitions.find((p) => p.partition === req.partition);
    if (!topic || !current) return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, state: null };
    const result = alterIsr(current, req, this.liveIds());
    if (result.errorCode === ErrorCode.NONE && result.state && result.state !== current) {
      const next = result.state;
      this.commit(this.topics.map((t) => (t === topic ? { ...t, partitions: t.partitions.map((p) => (p === current ? next : p)) } : t)));
    }
    return result;
  }

  private setLive(brokers: readonly BrokerEndpoint[]): void {
    for (const b of brokers) this.registered.add(b.nodeId);
    this.brokers = [...brokers].sort((a, b) => a.nodeId - b.nodeId);
  }

  private liveIds(): ReadonlySet<number> {
    return new Set(this.brokers.map((b) => b.nodeId));
  }

  private uncleanAllowed(topic: TopicState): boolean {
    return topic.configs['unclean.leader.election.enable'] === 'true';
  }

  /** Gives leaderless partitions a leader and fences leaders that are not live (metadata left from a previous run). */
  private reconcile(): void {
    const live = this.liveIds();
    this.commitPartitions((topic, p) => {
      const unclean = this.uncleanAllowed(topic);
      const fenced = p.leader !== -1 && !live.has(p.leader) ? fenceReplica(p, p.leader, live, unclean) : p;
      return electForLeaderless(fenced, live, unclean);
    }, true);
  }

  /** Applies `change` to every partition, persists and publishes when any changed (or when `publishAnyway`). */
  private commitPartitions(change: (topic: TopicState, p: PartitionState) => PartitionState, publishAnyway: boolean): number {
    let changed = 0;
    const topics = this.topics.map((t) => {
      let touched = false;
      const partitions = t.partitions.map((p) => {
        const next = change(t, p);
        if (next !== p) touched = true;
        return next;
      });
      if (!touched) return t;
      changed += partitions.filter((p, i) => p !== t.partitions[i]).length;
      return { ...t, partitions };
    });
    if (changed > 0) this.commit(topics);
    else if (publishAnyway) this.publish();
    return changed;
  }

  createTopics(specs: readonly CreateTopicSpec[], validateOnly: boolean): TopicResult[] {
    const results: TopicResult[] = [];
    const created: TopicState[] = [];
    const seen = new Set<string>();
    for (const spec of specs) {
      const assigned = spec.assignments !== undefined && spec.assignments.length > 0 ? spec.assignments : null;
      const fail = (errorCode: number, errorMessage: string): void => {
        results.push({ name: spec.name, topicId: '', errorCode, errorMessage, numPartitions: -1, replicationFactor: -1 });
      };
      if (assigned && (spec.numPartitions !== -1 || spec.replicationFactor !== -1)) {
        fail(
          ErrorCode.INVALID_REQUEST,
          'Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.',
        );
        continue;
      }
      const numPartitions = assigned ? assigned.length : spec.numPartitions === -1 ? this.defaults.numPartitions : spec.numPartitions;
      const replicationFactor = assigned
        ? (assigned[0]?.length ?? 0)
        : spec.replicationFactor === -1 ? Math.min(this.defaults.replicationFactor, this.brokers.length) : spec.replicationFactor;
      const violation =
        checkTopicName(spec.name) ?? checkPartitionCount(numPartitions) ?? checkReplicationFactor(replicationFactor, this.brokers.length);
      if (violation) {
        fail(violation.errorCode, violation.message);
        continue;
      }
      const assignmentProblem = assigned ? this.checkAssignments(assigned, assigned.length, 0) : null;
      if (assignmentProblem) {
        fail(ErrorCode.INVALID_REPLICA_ASSIGNMENT, assignmentProblem);
        continue;
      }
      let configs: Record<string, string>;
      try {
        configs = normalizeTopicConfigs(spec.configs);
      } catch (err) {
        if (!(err instanceof InvalidConfigError)) throw err;
        fail(ErrorCode.INVALID_CONFIG, err.message);
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
        configs,
        partitions: assigned ? this.assignedPartitions(0, assigned) : this.placeReplicas(0, numPartitions, replicationFactor),
      };
      created.push(topic);
      results.push({ name: topic.name, topicId: topic.topicId, errorCode: ErrorCode.NONE, errorMessage: null, numPartitions, replicationFactor });
    }
    if (!validateOnly && created.length > 0) this.commit([...this.topics, ...created]);
    return results;
  }

  deleteTopics(names: readonly string[]): DeleteTopicResult[] {
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

  createPartitions(specs: readonly CreatePartitionsSpec[], validateOnly: boolean): ResourceResult[] {
    const results: ResourceResult[] = [];
    const changed = new Map<string, TopicState>();
    for (const spec of specs) {
      const fail = (errorCode: number, errorMessage: string): void => {
        results.push({ name: spec.name, errorCode, errorMessage });
      };
      const topic = this.topics.find((t) => t.name === spec.name);
      if (!topic) {
        fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `The topic '${spec.name}' does not exist.`);
        continue;
      }
      if (changed.has(spec.name)) {
        fail(ErrorCode.INVALID_REQUEST, `Topic '${spec.name}' appears more than once in the request.`);
        continue;
      }
      const current = topic.partitions.length;
      if (spec.count < current) {
        fail(ErrorCode.INVALID_PARTITIONS, `Topic currently has ${current} partitions, which is higher than the requested ${spec.count}.`);
        continue;
      }
      if (spec.count === current) {
        fail(ErrorCode.INVALID_PARTITIONS, `Topic already has ${current} partitions.`);
        continue;
      }
      const added = spec.count - current;
      const replicationFactor = topic.partitions[0]?.replicas.length ?? 1;
      let partitions: PartitionState[];
      if (spec.assignments === null) {
        partitions = this.placeReplicas(current, added, Math.min(replicationFactor, this.brokers.length));
      } else {
        const problem = this.checkAssignments(spec.assignments, added, current);
        if (problem) {
          fail(ErrorCode.INVALID_REPLICA_ASSIGNMENT, problem);
          continue;
        }
        partitions = this.assignedPartitions(current, spec.assignments);
      }
      changed.set(spec.name, { ...topic, partitions: [...topic.partitions, ...partitions] });
      results.push({ name: spec.name, errorCode: ErrorCode.NONE, errorMessage: null });
    }
    if (!validateOnly && changed.size > 0) this.commit(this.topics.map((t) => changed.get(t.name) ?? t));
    return results;
  }

  alterTopicConfigs(alterations: readonly TopicConfigAlteration[], validateOnly: boolean): ResourceResult[] {
    const results: ResourceResult[] = [];
    const changed = new Map<string, TopicState>();
    for (const alteration of alterations) {
      const name = alteration.topic;
      const topic = changed.get(name) ?? this.topics.find((t) => t.name === name);
      if (!topic) {
        results.push({ name, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: `The topic '${name}' does not exist.` });
        continue;
      }
      try {
        const configs = 'replace' in alteration ? normalizeTopicConfigs(alteration.replace) : applyIncrementalChanges(topic.configs, alteration.changes);
        changed.set(name, { ...topic, configs });
        results.push({ name, errorCode: ErrorCode.NONE, errorMessage: null });
      } catch (err) {
        if (!(err instanceof InvalidConfigError)) throw err;
        results.push({ name, errorCode: ErrorCode.INVALID_CONFIG, errorMessage: err.message });
      }
    }
    if (!validateOnly && changed.size > 0) this.commit(this.topics.map((t) => changed.get(t.name) ?? t));
    return results;
  }

  private assignedPartitions(firstPartition: number, assignments: readonly (readonly number[])[]): PartitionState[] {
    return assignments.map((replicas, i) => ({
      partition: firstPartition + i,
      leader: replicas[0] ?? -1,
      leaderEpoch: 0,
      partitionEpoch: 0,
      replicas: [...replicas],
      isr: [...replicas],
    }));
  }

  /** Kafka's checks of an explicit assignment for new partitions; null when it is acceptable. */
  private checkAssignments(assignments: readonly (readonly number[])[], added: number, firstPartition: number): string | null {
    if (assignments.length !== added) {
      return `Increasing the number of partitions by ${added} but ${assignments.length} assignments provided.`;
    }
    const known = this.registered;
    const unknown = [...new Set(assignments.flat().filter((id) => !known.has(id)))];
    if (unknown.length > 0) return `Unknown broker(s) in replica assignment: ${unknown.join(', ')}.`;
    for (const [i, replicas] of assignments.entries()) {
      if (replicas.length === 0) return `Replica assignment for partition ${firstPartition + i} is empty.`;
      if (new Set(replicas).size !== replicas.length) {
        return `Duplicate brokers not allowed in replica assignment: ${replicas.join(', ')} for partition id ${firstPartition + i}.`;
      }
    }
    const sizes = new Set(assignments.map((r) => r.length));
    if (sizes.size > 1) return 'Inconsistent replication factor between partitions in the replica assignment.';
    return null;
  }

  /**
   * Balanced placement over the live brokers: each new partition's preferred leader is the broker
   * leading the fewest partitions so far, and its followers those holding the fewest replicas, so
   * leaders and replicas spread evenly across topics and added partitions.
   */
  private placeReplicas(firstPartition: number, numPartitions: number, replicationFactor: number): PartitionState[] {
    const ids = this.brokers.map((b) => b.nodeId);
    const leaders = new Map<number, number>(ids.map((id) => [id, 0]));
    const replicaCounts = new Map<number, number>(ids.map((id) => [id, 0]));
    for (const t of this.topics) {
      for (const p of t.partitions) {
        const preferred = p.replicas[0];
        if (preferred !== undefined && leaders.has(preferred)) leaders.set(preferred, (leaders.get(preferred) ?? 0) + 1);
        for (const r of p.replicas) if (replicaCounts.has(r)) replicaCounts.set(r, (replicaCounts.get(r) ?? 0) + 1);
      }
    }
    const least = (counts: Map<number, number>, candidates: readonly number[]): number =>
      candidates.reduce((best, id) => ((counts.get(id) ?? 0) < (counts.get(best) ?? 0) ? id : best));
    const out: PartitionState[] = [];
    for (let p = firstPartition; p < firstPartition + numPartitions; p++) {
      const replicas: number[] = [];
      if (ids.length > 0) {
        const leader = least(leaders, ids);
        replicas.push(leader);
        // Followers continue round the ring from the leader, so ties break differently per partition.
        const ring = ids.map((_, i) => ids[(ids.indexOf(leader) + 1 + i) % ids.length]).filter((id) => id !== leader);
        while (replicas.length < replicationFactor) {
          const follower = least(replicaCounts, ring.filter((id) => !replicas.includes(id)));
          replicas.push(follower);
        }
        leaders.set(leader, (leaders.get(leader) ?? 0) + 1);
        for (const r of replicas) replicaCounts.set(r, (replicaCounts.get(r) ?? 0) + 1);
      }
      out.push({ partition: p, leader: replicas[0] ?? -1, leaderEpoch: 0, partitionEpoch: 0, replicas, isr: [...replicas] });
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
