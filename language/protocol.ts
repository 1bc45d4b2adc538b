// The one protocol between the `.kafka` language server and the extension: custom messages and the
// arguments of the commands the server's code lenses run. Each message says which way it flows.
// The server never connects to Kafka; everything it knows about the cluster comes through here.

import { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { HeaderPair, StartPosition } from './schema/propertyValues.js';

export interface PartitionFacts {
  readonly partition: number;
  readonly leader: number;
  /** Decimal strings (64-bit offsets); undefined when the cluster did not say. */
  readonly earliestOffset: string | undefined;
  readonly latestOffset: string | undefined;
}

export interface TopicFacts {
  readonly name: string;
  readonly partitions: readonly PartitionFacts[];
}

export interface ClusterFactsParams {
  /** Also describe this topic's partitions and offsets (for hover). */
  readonly topic?: string;
}

export interface ClusterFacts {
  /** False when no cluster is running or it could not be reached; the other fields are then empty. */
  readonly connected: boolean;
  readonly topics: readonly string[];
  readonly groups: readonly string[];
  /** The brokers' `auto.create.topics.enable`; undefined when unknown. */
  readonly autoCreateTopics: boolean | undefined;
  /** Present when `topic` was asked for and exists. */
  readonly topic?: TopicFacts;
}

/** Server -> client: live facts about the connected cluster (topics, groups, one topic's offsets, auto-create). */
export const clusterFactsRequest = new RequestType<ClusterFactsParams, ClusterFacts, void>('kafkaWorkbench/clusterFacts');

/** Client -> server: the cluster changed (started, stopped, topics created or deleted); cached facts are stale. */
export const clusterChangedNotification = new NotificationType<Record<string, never>>('kafkaWorkbench/clusterChanged');

export interface RunningBlocksParams {
  /** `runningKey`s of the consumers and repeating producers that run now. */
  readonly keys: readonly string[];
}

/** Client -> server: which blocks are running, so lenses offer Stop instead of Start. */
export const runningBlocksNotification = new NotificationType<RunningBlocksParams>('kafkaWorkbench/runningBlocks');

/** What identifies a running block across edits: its document and its name (group id or label). */
export function runningKey(uri: string, kind: 'producer' | 'consumer', name: string): string {
  return `${uri}#${kind}#${name}`;
}

/** Lens commands: the server puts these ids and argument objects in code lenses; the extension runs them. */
export const PRODUCE_COMMAND = 'kafkaWorkbench.kafkaFile.produce';
export const START_CONSUMER_COMMAND = 'kafkaWorkbench.kafkaFile.startConsumer';
export const STOP_BLOCK_COMMAND = 'kafkaWorkbench.kafkaFile.stop';

/** A PRODUCER block as the extension needs it to produce; templates still hold their placeholders. */
export interface ProduceBlockArgs {
  readonly uri: string;
  readonly runningKey: string;
  readonly label: string;
  readonly topic: string;
  readonly keyTemplate: string | undefined;
  readonly headerTemplates: readonly HeaderPair[];
  /** Format texts as written (already validated): `string`, `json`, `string(base64)`... */
  readonly keyFormat: string;
  readonly valueFormat: string;
  /** The value text; undefined with `valueFile` or when the block has no value (null record value). */
  readonly valueTemplate: string | undefined;
  /** Absolute path of `value-file`, resolved against the `.kafka` file. */
  readonly valueFile: string | undefined;
  /** Records per run (`count`). */
  readonly count: number;
  /** How many runs this click asks for (1, or 10 for Produce ×10). */
  readonly times: number;
  /** Repeat every this many milliseconds until stopped (`every`). */
  readonly everyMs: number | undefined;
}

/** A CONSUMER block as the extension needs it to start a consumer in that group. */
export interface StartConsumerArgs {
  readonly uri: string;
  readonly runningKey: string;
  readonly groupId: string;
  readonly topic: string;
  readonly from: StartPosition;
  /** Undefined: all partitions. */
  readonly partitions: readonly number[] | undefined;
  readonly keyFormat: string;
  readonly valueFormat: string;
}

export interface StopBlockArgs {
  readonly runningKey: string;
}
