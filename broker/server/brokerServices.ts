// What request handlers share: this broker's identity and limits, its replicas, the channel to the
// controller, and the log. One object, built once per broker by broker.ts.

import type { MetadataImage } from '../controller/metadataImage.js';
import type { CreateTopicSpec, TopicResult } from '../controller/controller.js';
import type { Logger } from '../logger.js';
import type { ReplicaManager } from '../log/replicaManager.js';

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
}

export const DEFAULT_BROKER_CONFIG: Omit<BrokerConfig, 'nodeId' | 'port' | 'dataDir'> = {
  host: '127.0.0.1',
  socketRequestMaxBytes: 100 * 1024 * 1024,
  autoCreateTopics: true,
  defaultNumPartitions: 1,
  defaultMaxMessageBytes: 1048588,
  groupInitialRebalanceDelayMs: 3000,
};

/** The broker's line to the controller: admin changes go there; the new image comes back with `epoch`. */
export interface ControllerChannel {
  createTopics(specs: readonly CreateTopicSpec[], validateOnly: boolean): Promise<{ results: TopicResult[]; epoch: number }>;
  deleteTopics(names: readonly string[]): Promise<{
    results: Array<{ name: string; topicId: string; errorCode: number; errorMessage: string | null }>;
    epoch: number;
  }>;
}

export interface BrokerServices {
  readonly config: BrokerConfig;
  readonly replicas: ReplicaManager;
  readonly controller: ControllerChannel;
  readonly log: Logger;
  metadata(): MetadataImage;
}
