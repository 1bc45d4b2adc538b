// CreateTopics (key 19), versions 2-7; flexible from 5.
// Request => [topics: name num_partitions replication_factor [assignments: partition_index [broker_ids]]
//   [configs: name value]] timeout_ms validate_only(v1+)
// Response => throttle_time_ms(v2+) [topics: name topic_id(v7+) error_code error_message(v1+)
//   topic_config_error_code(tag 0, v5+) num_partitions(v5+) replication_factor(v5+)
//   [configs(v5+): name value read_only config_source is_sensitive]]
// num_partitions / replication_factor of -1 ask for the broker's defaults.
// Leave tagged fields at their defaults unless a client needs them: @platformatic/kafka 1.35 misreads any
// non-empty tagged-field section (it takes the count for a byte length), and the extension uses it.

import { array, bool, defineApi, f, int16, int32, int8, narray, nstr, str, struct, tagged, uuid, type Infer } from '../schema.js';

export const CreateTopicsApi = defineApi({
  key: 19,
  name: 'CreateTopics',
  minVersion: 2,
  maxVersion: 7,
  flexibleFrom: 5,
  request: struct({
    topics: f(array(struct({
      name: f(str),
      numPartitions: f(int32),
      replicationFactor: f(int16),
      assignments: f(array(struct({
        partitionIndex: f(int32),
        brokerIds: f(array(int32)),
      }))),
      configs: f(array(struct({
        name: f(str),
        value: f(nstr),
      }))),
    }))),
    timeoutMs: f(int32, '0+', () => 60000),
    validateOnly: f(bool, '1+'),
  }),
  response: struct({
    throttleTimeMs: f(int32, '2+'),
    topics: f(array(struct({
      name: f(str),
      topicId: f(uuid, '7+'),
      errorCode: f(int16),
      errorMessage: f(nstr, '1+'),
      topicConfigErrorCode: tagged(int16, 0, '5+'),
      numPartitions: f(int32, '5+', () => -1),
      replicationFactor: f(int16, '5+', () => -1),
      configs: f(narray(struct({
        name: f(str),
        value: f(nstr),
        readOnly: f(bool),
        configSource: f(int8, '5+', () => -1),
        isSensitive: f(bool),
      })), '5+'),
    }))),
  }),
});

export type CreateTopicsRequest = Infer<typeof CreateTopicsApi.request>;
export type CreateTopicsResponse = Infer<typeof CreateTopicsApi.response>;
