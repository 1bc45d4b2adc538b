// OffsetCommit (key 8), versions 2-9; flexible from 8.
// Request => group_id generation_id_or_member_epoch member_id group_instance_id(v7+) retention_time_ms(v2-4)
//   [topics: name [partitions: partition_index committed_offset committed_leader_epoch(v6+) committed_metadata]]
// Response => throttle_time_ms(v3+) [topics: name [partitions: partition_index error_code]]

import { array, defineApi, f, int16, int32, int64, nstr, str, struct, type Infer } from '../schema.js';

export const OffsetCommitApi = defineApi({
  key: 8,
  name: 'OffsetCommit',
  minVersion: 2,
  maxVersion: 9,
  flexibleFrom: 8,
  request: struct({
    groupId: f(str),
    generationIdOrMemberEpoch: f(int32, '1+', () => -1),
    memberId: f(str, '1+'),
    groupInstanceId: f(nstr, '7+'),
    retentionTimeMs: f(int64, '2-4', () => -1n),
    topics: f(array(struct({
      name: f(str),
      partitions: f(array(struct({
        partitionIndex: f(int32),
        committedOffset: f(int64),
        committedLeaderEpoch: f(int32, '6+', () => -1),
        committedMetadata: f(nstr),
      }))),
    }))),
  }),
  response: struct({
    throttleTimeMs: f(int32, '3+'),
    topics: f(array(struct({
      name: f(str),
      partitions: f(array(struct({
        partitionIndex: f(int32),
        errorCode: f(int16),
      }))),
    }))),
  }),
});

export type OffsetCommitRequest = Infer<typeof OffsetCommitApi.request>;
export type OffsetCommitResponse = Infer<typeof OffsetCommitApi.response>;
