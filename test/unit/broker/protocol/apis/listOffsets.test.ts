import { ListOffsetsApi } from '../../../../../broker/protocol/apis/listOffsets.js';
import { at, testAllVersions } from '../roundTrip.js';

testAllVersions(ListOffsetsApi, {
  request: (v) => ({
    replicaId: -1,
    isolationLevel: at(v, 2, 1, 0),
    topics: [{ name: 'orders', partitions: [{ partitionIndex: 1, currentLeaderEpoch: at(v, 4, 6, -1), timestamp: -2n }] }],
  }),
  response: (v) => ({
    throttleTimeMs: at(v, 2, 5, 0),
    topics: [{
      name: 'orders',
      partitions: [{
        partitionIndex: 1,
        errorCode: 74,
        timestamp: at(v, 1, 1700000000000n, -1n),
        offset: at(v, 1, 42n, -1n),
        leaderEpoch: at(v, 4, 6, -1),
      }],
    }],
  }),
});
