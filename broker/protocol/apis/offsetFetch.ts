// OffsetFetch (key 9), versions 1-9; flexible from 6. Up to v7 one group per request, from v8 a batch.
// Request => group_id(v0-7) [topics(v0-7): name [partition_indexes]] [groups(v8+): group_id member_id(v9+)
//   member_epoch(v9+) [topics: name [partition_indexes]]] require_stable(v7+)
// Response => throttle_time_ms(v3+) [topics(v0-7): name [partitions: partition_index committed_offset
//   committed_leader_epoch(v5-7) metadata error_code]] error_code(v2-7) [groups(v8+): group_id [topics: name
//   [partitions: partition_index committed_offset committed_leader_epoch metadata error_code]] error_code]
// A null topics list (v2+) asks for every partition the group has committed.

import { array, bool, defineApi, f, int16, int32, int64, narray, nstr, str, struct, type Infer } from '../schema.js';

export const OffsetFetchApi = defineApi({
  key: 9,
  name: 'OffsetFetch',
  minVersion: 1,
  maxVersion: 9,
  flexibleFrom: 6,
  request: struct({
    groupId: f(str, '0-7'),
    topics: f(narray(struct({
      name: f(str),
      partitionIndexes: f(array(int32)),
    })), '0-7'),
    groups: f(array(struct({
      groupId: f(str),
      memberId: f(nstr, '9+'),
      memberEpoch: f(int32, '9+', () => -1),
      topics: f(narray(struct({
        name: f(str),
        partitionIndexes: f(array(int32)),
      }))),
    })), '8+'),
    requireStable: f(bool, '7+'),
  }),
  response: struct({
    throttleTimeMs: f(int32, '3+'),
    topics: f(array(struct({
      name: f(str),
      partitions: f(array(struct({
        partitionIndex: f(int32),
        committedOffset: f(int64),
        committedLeaderEpoch: f(int32, '5-7', () => -1),
        metadata: f(nstr),
        errorCode: f(int16),
      }))),
    })), '0-7'),
    errorCode: f(int16, '2-7'),
    groups: f(array(struct({
      groupId: f(str),
      topics: f(array(struct({
        name: f(str),
        partitions: f(array(struct({
          partitionIndex: f(int32),
          committedOffset: f(int64),
          committedLeaderEpoch: f(int32, '0+', () => -1),
          metadata: f(nstr),
          errorCode: f(int16),
        }))),
      }))),
      errorCode: f(int16),
    })), '8+'),
  }),
});

export type OffsetFetchRequest = Infer<typeof OffsetFetchApi.request>;
export type OffsetFetchResponse = Infer<typeof OffsetFetchApi.response>;
