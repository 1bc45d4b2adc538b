// CreatePartitions (key 37), versions 0-3; flexible from 2.
// Request => [topics: name count [assignments: [broker_ids]]] timeout_ms validate_only
// Response => throttle_time_ms [results: name error_code error_message]
// count is the new total number of partitions; null assignments let the controller place the replicas.

import { array, bool, defineApi, f, int16, int32, narray, nstr, str, struct, type Infer } from '../schema.js';

export const CreatePartitionsApi = defineApi({
  key: 37,
  name: 'CreatePartitions',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: 2,
  request: struct({
    topics: f(array(struct({
      name: f(str),
      count: f(int32),
      assignments: f(narray(struct({
        brokerIds: f(array(int32)),
      }))),
    }))),
    timeoutMs: f(int32),
    validateOnly: f(bool),
  }),
  response: struct({
    throttleTimeMs: f(int32),
    results: f(array(struct({
      name: f(str),
      errorCode: f(int16),
      errorMessage: f(nstr),
    }))),
  }),
});

export type CreatePartitionsRequest = Infer<typeof CreatePartitionsApi.request>;
export type CreatePartitionsResponse = Infer<typeof CreatePartitionsApi.response>;
