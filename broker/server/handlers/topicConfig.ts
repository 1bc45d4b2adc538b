// The effective value of a topic config: the topic's own setting, else the broker default.

import type { TopicState } from '../../controller/metadataImage.js';
import type { TimestampType } from '../../log/partitionLog.js';
import type { BrokerConfig } from '../brokerServices.js';

export function timestampTypeOf(topic: TopicState): TimestampType {
  return topic.configs['message.timestamp.type'] === 'LogAppendTime' ? 'LogAppendTime' : 'CreateTime';
}

export function maxMessageBytesOf(topic: TopicState, config: BrokerConfig): number {
  const v = Number(topic.configs['max.message.bytes']);
  return Number.isInteger(v) && v > 0 ? v : config.defaultMaxMessageBytes;
}
