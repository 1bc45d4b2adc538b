// What request handlers share: this broker's identity and limits, its replicas, the channel to the
// controller, and the log. One object, built once per broker by broker.ts.

import type { MetadataImage } from '../controller/metadataImage.js';
import type { ControllerOperations } from '../controller/controller.js';
import type { AlterPartitionRequest } from '../controller/partitionElection.js';
import type { PartitionState } from '../controller/metadataImage.js';
import type { Logger } from '../logger.js';
import type { ReplicaManager } from '../log/replicaManager.js';
import type { ListenerSecurity } from '../security/listenerSecurity.js';
import type { ReplicationService } from '../replication/replicationCoordinator.js';

export interface BrokerConfig {
  readonly nodeId: number;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly dataDir: string;
  /** socket.request.max.bytes: larger frames close the connection unread. */
  readonly socketRequestMaxBytes: number;
  readonly autoCreateTopics: boolean;
  readonly defaultNumPartitions: number;
  readonly defaultMaxMessageBytes: number;
  readonly groupInitialRebalanceDelayMs: number;
  /** group.min.session.timeout.ms: tests lower it to expire members quickly. */
  readonly groupMinSessionTimeoutMs: number;
  /** offsets.topic.num.partitions, used when `__consumer_offsets` is created. */
  readonly offsetsTopicNumPartitions: number;
  /** offsets.commit.timeout.ms: how long a group write waits for the offsets partition's in-sync replicas. */
  readonly offsetsCommitTimeoutMs: number;
  /** broker.heartbeat.interval.ms: how often the broker tells the controller it is alive. */
  readonly heartbeatIntervalMs: number;
  /** broker.session.timeout.ms: the controller fences a broker silent for this long. */
  readonly sessionTimeoutMs: number;
  /** How often the controller moves leadership back to preferred replicas (Kafka: leader.imbalance.check.interval.seconds). */
  readonly leaderImbalanceCheckIntervalMs: number;
  /** replica.lag.time.max.ms: a follower not caught up for this long leaves the ISR. */
  readonly replicaLagTimeMaxMs: number;
  /** replica.fetch.wait.max.ms: how long a follower's fetch waits at its leader for new data. */
  readonly replicaFetchWaitMaxMs: number;
  /** What the listener demands of clients (SASL, TLS); absent means PLAINTEXT. */
  readonly security?: ListenerSecurity;
}

export const DEFAULT_BROKER_CONFIG: Omit<BrokerConfig, 'nodeId' | 'port' | 'dataDir'> = {
  host: '127.0.0.1',
  socketRequestMaxBytes: 100 * 1024 * 1024,
  autoCreateTopics: true,
  defaultNumPartitions: 1,
  defaultMaxMessageBytes: 1048588,
  groupInitialRebalanceDelayMs: 3000,
  groupMinSessionTimeoutMs: 6000,
  // Kafka's default is 50; see DEFAULT_OFFSETS_TOPIC_PARTITIONS for why a local cluster uses 10.
  offsetsTopicNumPartitions: 10,
  offsetsCommitTimeoutMs: 5000,
  heartbeatIntervalMs: 500,
  sessionTimeoutMs: 3000,
  leaderImbalanceCheckIntervalMs: 5000,
  replicaLagTimeMaxMs: 30000,
  replicaFetchWaitMaxMs: 500,
};

/**
 * The broker's line to the controller: each admin operation of the controller, made asynchronous; the
 * results come back with the `epoch` of the image that holds the change, for the broker to wait on.
 */
export type ControllerChannel = {
  readonly [Op in AdminOp]: (
    ...args: Parameters<ControllerOperations[Op]>
  ) => Promise<{ results: ReturnType<ControllerOperations[Op]>; epoch: number }>;
} & {
  /** A leader asks to shrink or expand its ISR; `state` is the partition as the controller now holds it. */
  readonly alterPartition: (req: AlterPartitionRequest) => Promise<AlterPartitionReply>;
};

type AdminOp = Exclude<keyof ControllerOperations, 'alterPartition'>;

export interface AlterPartitionReply {
  readonly errorCode: number;
  readonly state: PartitionState | null;
  /** The metadata image epoch that holds the change. */
  readonly epoch: number;
}

export interface BrokerServices {
  readonly config: BrokerConfig;
  readonly replicas: ReplicaManager;
  readonly controller: ControllerChannel;
  /** Follower tracking and ISR changes; absent where a broker runs without replication (some unit tests). */
  readonly replication?: ReplicationService;
  readonly log: Logger;
  metadata(): MetadataImage;
}
