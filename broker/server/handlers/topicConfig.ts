// The effective value of a topic config: the topic's own setting, else the broker default. Handlers
// and the replica manager read these from the current topic state at use time, so altered configs apply.

import type { TopicState } from '../../controller/metadataImage.js';
import { effectiveTopicConfigs, type EffectiveConfig } from '../../controller/topicConfigs.js';
import type { TimestampType } from '../../log/partitionLog.js';
import type { StoreOptions } from '../../storage/partitionStore.js';
import type { BrokerConfig } from '../brokerServices.js';

export function timestampTypeOf(topic: TopicState): TimestampType {
  return topic.configs['message.timestamp.type'] === 'LogAppendTime' ? 'LogAppendTime' : 'CreateTime';
}

export function maxMessageBytesOf(topic: TopicState, config: BrokerConfig): number {
  const v = Number(topic.configs['max.message.bytes']);
  return Number.isInteger(v) && v > 0 ? v : config.defaultMaxMessageBytes;
}

/** min.insync.replicas: Kafka's default is 1, which also serves a topic created without the setting. */
export function minInsyncReplicasOf(topic: TopicState | undefined): number {
  const n = Number(topic?.configs['min.insync.replicas']);
  return Number.isInteger(n) && n > 0 ? n : 1;
}

/** Topic defaults this broker sets from its own configuration (Kafka's broker-level synonyms). */
export function brokerTopicDefaults(config: BrokerConfig): Record<string, string> {
  return { 'max.message.bytes': String(config.defaultMaxMessageBytes) };
}

/** Every known topic config with its effective value and source, for DescribeConfigs and CreateTopics v5+. */
export function topicConfigsOf(topic: TopicState, config: BrokerConfig): EffectiveConfig[] {
  return effectiveTopicConfigs(topic.configs, brokerTopicDefaults(config));
}

/** A long config as a JS number for timers and sizes; Long.MAX_VALUE-like values become undefined (no limit). */
function numberOrUndefined(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** The storage settings a partition of `topic` opens with (segment.bytes, segment.ms, flush.*). */
export function storeOptionsOf(topic: TopicState): StoreOptions {
  const segmentBytes = numberOrUndefined(topic.configs['segment.bytes']);
  const segmentMs = numberOrUndefined(topic.configs['segment.ms']);
  const flushMessages = numberOrUndefined(topic.configs['flush.messages']);
  // Timers cannot wait longer than 2^31-1 ms; a longer flush.ms means "not by time", which 0 says to the store.
  const flushMsSetting = numberOrUndefined(topic.configs['flush.ms']);
  const flushMs = flushMsSetting !== undefined && flushMsSetting > 2147483647 ? 0 : flushMsSetting;
  return {
    ...(segmentBytes !== undefined ? { segmentBytes } : {}),
    ...(segmentMs !== undefined ? { segmentMs } : {}),
    ...(flushMessages !== undefined ? { flushMessages } : {}),
    ...(flushMs !== undefined ? { flushMs } : {}),
  };
}
