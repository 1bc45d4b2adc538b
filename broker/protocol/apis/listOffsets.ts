// ListOffsets (key 2), versions 1-9; flexible from 6.
// Request => replica_id isolation_level(v2+) [topics: name [partitions: partition_index
//   current_leader_epoch(v4+) timestamp]]
// Response => throttle_time_ms(v2+) [topics: name [partitions: partition_index error_code timestamp offset
//   leader_epoch(v4+)]]
// Timestamp -1 asks for the latest offset, -2 for the earliest, -3 for the max timestamp (v7+).

import { array, defineApi, f, int16, int32, int64, int8, str, struct, type Infer } from '../schema.js';

export const ListOffsetsApi = defineApi({
  key: 2,
  name: 'ListOffsets',
  minVersion: 1,
  maxVersion: 9,
  flexibleFrom: 6,
  request: struct({
    replicaId: f(int32),
    isolationLevel: f(int8, '2+'),
    topics: f(array(struct({
      name: f(str),
      partitions: f(array(struct({
        partitionIndex: f(int32),
        currentLeaderEpoch: f(int32, '4+', () => -1),
        timestamp: f(int64),
      }))),
    }))),
  }),
  response: struct({
    throttleTimeMs: f(int32, '2+'),
    topics: f(array(struct({
      name: f(str),
      partitions: f(array(struct({
        partitionIndex: f(int32),
        errorCode: f(int16),
        timestamp: f(int64, '1+', () => -1n),
        offset: f(int64, '1+', () => -1n),
        leaderEpoch: f(int32, '4+', () => -1),
      }))),
    }))),
  }),
});

export type ListOffsetsRequest = Infer<typeof ListOffsetsApi.request>;
export type ListOffsetsResponse = Infer<typeof ListOffsetsApi.response>;
