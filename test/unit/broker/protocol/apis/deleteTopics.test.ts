import { DeleteTopicsApi } from '../../../../../broker/protocol/apis/deleteTopics.js';
import { ZERO_UUID } from '../../../../../broker/protocol/schema.js';
import { at, testAllVersions } from '../roundTrip.js';
import { TOPIC_ID_A } from './sampleValues.js';

testAllVersions(DeleteTopicsApi, {
  request: (v) => ({
    topics: at(v, 6, [{ name: 'orders', topicId: TOPIC_ID_A }, { name: null, topicId: TOPIC_ID_A }], []),
    topicNames: at(v, 0, ['orders', 'payments'], [], 5),
    timeoutMs: 5000,
  }),
  response: (v) => ({
    throttleTimeMs: at(v, 1, 5, 0),
    responses: [{ name: 'orders', topicId: at(v, 6, TOPIC_ID_A, ZERO_UUID), errorCode: 3, errorMessage: at(v, 5, 'no such topic', null) }],
  }),
});
