// OffsetDelete (key 47), version 0; never flexible.
// Request => group_id [topics: name [partitions: partition_index]]
// Response => error_code throttle_time_ms [topics: name [partitions: partition_index error_code]]

import { array, defineApi, f, int16, int32, str, struct, type Infer } from '../schema.js';

export const OffsetDeleteApi = defineApi({
  key: 47,
  name: 'OffsetDelete',
  minVersion: 0,
  maxVersion: 0,
  // No version of this API is flexible.
  flexibleFrom: Number.POSITIVE_INFINITY,
  request: struct({
    groupId: f(str),
    topics: f(array(struct({
      name: f(str),
      partitions: f(array(struct({
        partitionIndex: f(int32),
      }))),
    }))),
  }),
  response: struct({
    errorCode: f(int16),
    throttleTimeMs: f(int32),
    topics: f(array(struct({
      name: f(str),
      partitions: f(array(struct({
        partitionIndex: f(int32),
        errorCode: f(int16),
      }))),
    }))),
  }),
});

export type OffsetDeleteRequest = Infer<typeof OffsetDeleteApi.request>;
export type OffsetDeleteResponse = Infer<typeof OffsetDeleteApi.response>;
