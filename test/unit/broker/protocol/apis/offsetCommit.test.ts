import { OffsetCommitApi } from '../../../../../broker/protocol/apis/offsetCommit.js';
import { at, testAllVersions } from '../roundTrip.js';

testAllVersions(OffsetCommitApi, {
  request: (v) => ({
    groupId: 'group-a',
    generationIdOrMemberEpoch: at(v, 1, 4, -1),
    memberId: at(v, 1, 'member-1', ''),
    groupInstanceId: at(v, 7, 'instance-1', null),
    retentionTimeMs: at(v, 2, 86400000n, -1n, 4),
    topics: [{
      name: 'orders',
      partitions: [{ partitionIndex: 1, committedOffset: 42n, committedLeaderEpoch: at(v, 6, 3, -1), committedMetadata: 'meta' }],
    }],
  }),
  response: (v) => ({
    throttleTimeMs: at(v, 3, 5, 0),
    topics: [{ name: 'orders', partitions: [{ partitionIndex: 1, errorCode: 22 }] }],
  }),
});
