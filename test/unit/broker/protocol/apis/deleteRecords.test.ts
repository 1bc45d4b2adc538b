import { DeleteRecordsApi } from '../../../../../broker/protocol/apis/deleteRecords.js';
import { testAllVersions } from '../roundTrip.js';

testAllVersions(DeleteRecordsApi, {
  request: () => ({ topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, offset: 50n }, { partitionIndex: 1, offset: -1n }] }], timeoutMs: 5000 }),
  response: () => ({ throttleTimeMs: 5, topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, lowWatermark: 50n, errorCode: 1 }] }] }),
});
