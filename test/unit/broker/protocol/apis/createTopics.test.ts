import { CreateTopicsApi } from '../../../../../broker/protocol/apis/createTopics.js';
import { ZERO_UUID } from '../../../../../broker/protocol/schema.js';
import { at, testAllVersions } from '../roundTrip.js';
import { TOPIC_ID_A } from './sampleValues.js';

testAllVersions(CreateTopicsApi, {
  request: (v) => ({
    topics: [{
      name: 'orders',
      numPartitions: 3,
      replicationFactor: 2,
      assignments: [{ partitionIndex: 0, brokerIds: [1, 2] }],
      configs: [{ name: 'cleanup.policy', value: 'compact' }, { name: 'retention.ms', value: null }],
    }],
    timeoutMs: 30000,
    validateOnly: at(v, 1, true, false),
  }),
  response: (v) => ({
    throttleTimeMs: at(v, 2, 5, 0),
    topics: [{
      name: 'orders',
      topicId: at(v, 7, TOPIC_ID_A, ZERO_UUID),
      errorCode: 36,
      errorMessage: at(v, 1, 'already exists', null),
      topicConfigErrorCode: at(v, 5, 40, 0),
      numPartitions: at(v, 5, 3, -1),
      replicationFactor: at(v, 5, 2, -1),
      configs: at(v, 5, [{ name: 'cleanup.policy', value: 'compact', readOnly: true, configSource: 5, isSensitive: true }], null),
    }],
  }),
});
