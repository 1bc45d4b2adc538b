// DescribeLogDirs (key 35), versions 0-4; flexible from 2.
// Request => [topics: topic [partitions]]
// Response => throttle_time_ms error_code(v3+) [results: error_code log_dir [topics: name [partitions:
//   partition_index partition_size offset_lag is_future_key]] total_bytes(v4+) usable_bytes(v4+)]
// Null topics asks for every partition on the broker.

import { array, bool, defineApi, f, int16, int32, int64, narray, str, struct, type Infer } from '../schema.js';

export const DescribeLogDirsApi = defineApi({
  key: 35,
  name: 'DescribeLogDirs',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 2,
  request: struct({
    topics: f(narray(struct({
      topic: f(str),
      partitions: f(array(int32)),
    }))),
  }),
  response: struct({
    throttleTimeMs: f(int32),
    errorCode: f(int16, '3+'),
    results: f(array(struct({
      errorCode: f(int16),
      logDir: f(str),
      topics: f(array(struct({
        name: f(str),
        partitions: f(array(struct({
          partitionIndex: f(int32),
          partitionSize: f(int64),
          offsetLag: f(int64),
          isFutureKey: f(bool),
        }))),
      }))),
      totalBytes: f(int64, '4+', () => -1n),
      usableBytes: f(int64, '4+', () => -1n),
    }))),
  }),
});

export type DescribeLogDirsRequest = Infer<typeof DescribeLogDirsApi.request>;
export type DescribeLogDirsResponse = Infer<typeof DescribeLogDirsApi.response>;
