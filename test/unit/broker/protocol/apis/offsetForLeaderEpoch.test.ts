import { OffsetForLeaderEpochApi } from '../../../../../broker/protocol/apis/offsetForLeaderEpoch.js';
import { at, testAllVersions } from '../roundTrip.js';

testAllVersions(OffsetForLeaderEpochApi, {
  request: (v) => ({
    replicaId: at(v, 3, 1, -2),
    topics: [{ topic: 'orders', partitions: [{ partition: 0, currentLeaderEpoch: at(v, 2, 5, -1), leaderEpoch: 4 }] }],
  }),
  response: (v) => ({
    throttleTimeMs: at(v, 2, 5, 0),
    topics: [{ topic: 'orders', partitions: [{ errorCode: 75, partition: 0, leaderEpoch: at(v, 1, 4, -1), endOffset: 100n }] }],
  }),
});
