import { OffsetFetchApi } from '../../../../../broker/protocol/apis/offsetFetch.js';
import { at, testAllVersions } from '../roundTrip.js';

testAllVersions(OffsetFetchApi, {
  request: (v) => ({
    groupId: at(v, 0, 'group-a', '', 7),
    topics: at(v, 0, [{ name: 'orders', partitionIndexes: [0, 1] }], null, 7),
    groups: at(v, 8, [
      { groupId: 'group-a', memberId: at(v, 9, 'member-1', null), memberEpoch: at(v, 9, 3, -1), topics: [{ name: 'orders', partitionIndexes: [0, 1] }] },
      { groupId: 'group-b', memberId: null, memberEpoch: at(v, 9, 7, -1), topics: null },
    ], []),
    requireStable: at(v, 7, true, false),
  }),
  response: (v) => ({
    throttleTimeMs: at(v, 3, 5, 0),
    topics: at(v, 0, [{
      name: 'orders',
      partitions: [{ partitionIndex: 0, committedOffset: 42n, committedLeaderEpoch: at(v, 5, 3, -1, 7), metadata: 'meta', errorCode: 3 }],
    }], [], 7),
    errorCode: at(v, 2, 16, 0, 7),
    groups: at(v, 8, [{
      groupId: 'group-a',
      topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, committedOffset: 42n, committedLeaderEpoch: 3, metadata: null, errorCode: 3 }] }],
      errorCode: 16,
    }], []),
  }),
});
