// The internal `__consumer_offsets` topic from a broker's side: creating it on first use through the
// controller, finding each group's coordinator (the leader of its partition), and exposing the
// partitions this broker leads to the OffsetsTopicStore.

import { findTopic, type MetadataImage } from '../controller/metadataImage.js';
import type { ReplicaManager } from '../log/replicaManager.js';
import { ErrorCode } from '../protocol/errors.js';
import type { ReplicationService } from '../replication/replicationCoordinator.js';
import type { ControllerChannel } from '../server/brokerServices.js';
import { minInsyncReplicasOf } from '../server/handlers/topicConfig.js';
import { partitionForGroup } from './groupPartition.js';
import { offsetsPartitionLog } from './offsetsPartitionLog.js';
import type { OffsetsLog, OffsetsTopicView } from './offsetsTopicStore.js';

export const OFFSETS_TOPIC = '__consumer_offsets';

/**
 * offsets.topic.num.partitions. Kafka uses 50 to spread coordinators over large clusters; a local
 * cluster has a handful of brokers and every partition costs an open sql.js store, so 10 spreads
 * groups over up to 10 brokers at a fifth of the cost.
 */
export const DEFAULT_OFFSETS_TOPIC_PARTITIONS = 10;

/** offsets.topic.replication.factor is 3 in Kafka; a smaller cluster gets one replica per broker. */
const OFFSETS_TOPIC_REPLICATION_FACTOR = 3;

export interface Coordinator {
  errorCode: number;
  nodeId: number;
  host: string;
  port: number;
}

/** Where the group's coordinator is: the leader of its offsets partition, or why there is none. */
export function coordinatorFor(image: MetadataImage, groupId: string): Coordinator {
  const none = (errorCode: number): Coordinator => ({ errorCode, nodeId: -1, host: '', port: -1 });
  const topic = findTopic(image, OFFSETS_TOPIC);
  if (topic === undefined || topic.partitions.length === 0) return none(ErrorCode.COORDINATOR_NOT_AVAILABLE);
  const index = partitionForGroup(groupId, topic.partitions.length);
  const leader = topic.partitions.find((p) => p.partition === index)?.leader ?? -1;
  const broker = image.brokers.find((b) => b.nodeId === leader);
  if (broker === undefined) return none(ErrorCode.COORDINATOR_NOT_AVAILABLE);
  return { errorCode: ErrorCode.NONE, nodeId: broker.nodeId, host: broker.host, port: broker.port };
}

/**
 * Creates the offsets topic if the metadata does not have it yet and waits until this broker has
 * opened its logs. Concurrent callers share one creation.
 */
export class OffsetsTopicCreator {
  private creating: Promise<void> | null = null;

  constructor(
    private readonly controller: ControllerChannel,
    private readonly replicas: ReplicaManager,
    private readonly metadata: () => MetadataImage,
    private readonly partitions: number,
    private readonly log: (line: string) => void,
  ) {}

  ensure(): Promise<void> {
    if (findTopic(this.metadata(), OFFSETS_TOPIC) !== undefined) return Promise.resolve();
    this.creating ??= this.create().finally(() => {
      this.creating = null;
    });
    return this.creating;
  }

  private async create(): Promise<void> {
    const brokers = Math.max(1, this.metadata().brokers.length);
    const { results, epoch } = await this.controller.createTopics(
      [
        {
          name: OFFSETS_TOPIC,
          numPartitions: this.partitions,
          replicationFactor: Math.min(OFFSETS_TOPIC_REPLICATION_FACTOR, brokers),
          configs: { 'cleanup.policy': 'compact' },
        },
      ],
      false,
    );
    const result = results[0];
    if (result !== undefined && result.errorCode !== ErrorCode.NONE && result.errorCode !== ErrorCode.TOPIC_ALREADY_EXISTS) {
      throw new Error(`creating ${OFFSETS_TOPIC} failed: ${result.errorMessage ?? `error ${result.errorCode}`}`);
    }
    if (result?.errorCode === ErrorCode.NONE) this.log(`created ${OFFSETS_TOPIC} with ${this.partitions} partitions`);
    await this.replicas.waitForEpoch(epoch);
  }
}

export interface OffsetsTopicSettings {
  /** offsets.commit.timeout.ms: how long a group write waits for the in-sync replicas. */
  readonly commitTimeoutMs: number;
  /** The ISRs of partitions this broker leads; absent where nothing replicates (some unit tests). */
  readonly replication?: () => ReplicationService | undefined;
}

/** The offsets topic's partitions that this broker leads, as the store sees them. */
export function offsetsTopicView(replicas: ReplicaManager, metadata: () => MetadataImage, nodeId: number, settings: OffsetsTopicSettings): OffsetsTopicView {
  const logs = new WeakMap<object, OffsetsLog>();
  return {
    partitionCount: () => findTopic(metadata(), OFFSETS_TOPIC)?.partitions.length ?? 0,
    leaderLog(partition) {
      const hosted = replicas.partition(OFFSETS_TOPIC, partition);
      // A log still following takes the old leader's batches: loading it now could miss some.
      if (hosted === undefined || hosted.state.leader !== nodeId || !hosted.log.isLeader) return undefined;
      // One adapter per open log, so the store can tell a reopened log from the one it loaded.
      const partitionLog = hosted.log;
      let adapter = logs.get(partitionLog);
      if (adapter === undefined) {
        adapter = offsetsPartitionLog(partitionLog, {
          commitTimeoutMs: settings.commitTimeoutMs,
          leaderEpoch: () => (replicas.partition(OFFSETS_TOPIC, partition)?.state ?? hosted.state).leaderEpoch,
          inSync: () => {
            const leader = settings.replication?.()?.leaderState(OFFSETS_TOPIC, partition);
            if (leader === undefined) return undefined;
            const topic = findTopic(metadata(), OFFSETS_TOPIC);
            return { isr: leader.isr.length, minIsr: minInsyncReplicasOf(topic) };
          },
        });
        logs.set(partitionLog, adapter);
      }
      return adapter;
    },
  };
}
