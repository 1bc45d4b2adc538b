// OffsetForLeaderEpoch (key 23), versions 0-4; flexible from 4. Followers use it to find where to truncate.
// Request => replica_id(v3+) [topics: topic [partitions: partition current_leader_epoch(v2+) leader_epoch]]
// Response => throttle_time_ms(v2+) [topics: topic [partitions: error_code partition leader_epoch(v1+) end_offset]]
// replica_id -1 is a consumer, -2 (the default) a debugging client; brokers send their own id.

import { array, defineApi, f, int16, int32, int64, str, struct, type Infer } from '../schema.js';

export const OffsetForLeaderEpochApi = defineApi({
  key: 23,
  name: 'OffsetForLeaderEpoch',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 4,
  request: struct({
    replicaId: f(int32, '3+', () => -2),
    topics: f(array(struct({
      topic: f(str),
      partitions: f(array(struct({
        partition: f(int32),
        currentLeaderEpoch: f(int32, '2+', () => -1),
        leaderEpoch: f(int32),
      }))),
    }))),
  }),
  response: struct({
    throttleTimeMs: f(int32, '2+'),
    topics: f(array(struct({
      topic: f(str),
      partitions: f(array(struct({
        errorCode: f(int16),
        partition: f(int32),
        leaderEpoch: f(int32, '1+', () => -1),
        endOffset: f(int64, '0+', () => -1n),
      }))),
    }))),
  }),
});

export type OffsetForLeaderEpochRequest = Infer<typeof OffsetForLeaderEpochApi.request>;
export type OffsetForLeaderEpochResponse = Infer<typeof OffsetForLeaderEpochApi.response>;
