import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TopicState } from '../../../../../broker/controller/metadataImage.js';
import { DEFAULT_BROKER_CONFIG, type BrokerConfig } from '../../../../../broker/server/brokerServices.js';
import { maxMessageBytesOf, storeOptionsOf, timestampTypeOf, topicConfigsOf } from '../../../../../broker/server/handlers/topicConfig.js';

const config: BrokerConfig = { ...DEFAULT_BROKER_CONFIG, nodeId: 1, port: 0, dataDir: '/nowhere', defaultMaxMessageBytes: 5000 };

function topic(configs: Record<string, string>): TopicState {
  return { name: 't', topicId: '0'.repeat(32), internal: false, configs, partitions: [] };
}

test('storage settings come from segment.* and flush.* overrides only', () => {
  assert.deepEqual(storeOptionsOf(topic({})), {});
  assert.deepEqual(
    storeOptionsOf(topic({ 'segment.bytes': '1000', 'segment.ms': '60000', 'flush.messages': '1', 'flush.ms': '10', 'retention.ms': '5' })),
    { segmentBytes: 1000, segmentMs: 60000, flushMessages: 1, flushMs: 10 },
  );
  assert.deepEqual(storeOptionsOf(topic({ 'flush.ms': '9999999999' })), { flushMs: 0 }, 'longer than a timer can wait: no timed flush');
  assert.deepEqual(storeOptionsOf(topic({ 'flush.messages': '9223372036854775807' })), {}, 'Long.MAX_VALUE leaves the store default');
});

test('effective values: the override, else the broker\'s own default', () => {
  assert.equal(maxMessageBytesOf(topic({}), config), 5000);
  assert.equal(maxMessageBytesOf(topic({ 'max.message.bytes': '70' }), config), 70);
  assert.equal(timestampTypeOf(topic({ 'message.timestamp.type': 'LogAppendTime' })), 'LogAppendTime');
  const described = new Map(topicConfigsOf(topic({}), config).map((c) => [c.key.name, c.value]));
  assert.equal(described.get('max.message.bytes'), '5000', 'DescribeConfigs shows the broker\'s message.max.bytes as the default');
});
