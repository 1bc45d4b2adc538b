// DeleteRecords (key 21), versions 0-2; flexible from 2.
// Request => [topics: name [partitions: partition_index offset]] timeout_ms
// Response => throttle_time_ms [topics: name [partitions: partition_index low_watermark error_code]]
// offset -1 means "up to the high watermark".

import { array, defineApi, f, int16, int32, int64, str, struct, type Infer } from '../schema.js';

export const DeleteRecordsApi = defineApi({
  key: 21,
  name: 'DeleteRecords',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 2,
  request: struct({
    topics: f(array(struct({
      name: f(str),
      partitions: f(array(struct({
        partitionIndex: f(int32),
        offset: f(int64),
      }))),
    }))),
    timeoutMs: f(int32),
  }),
  response: struct({
    throttleTimeMs: f(int32),
    topics: f(array(struct({
      name: f(str),
      partitions: f(array(struct({
        partitionIndex: f(int32),
        lowWatermark: f(int64),
        errorCode: f(int16),
      }))),
    }))),
  }),
});

export type DeleteRecordsRequest = Infer<typeof DeleteRecordsApi.request>;
export type DeleteRecordsResponse = Infer<typeof DeleteRecordsApi.response>;
