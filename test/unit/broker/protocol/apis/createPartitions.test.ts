import { CreatePartitionsApi } from '../../../../../broker/protocol/apis/createPartitions.js';
import { testAllVersions } from '../roundTrip.js';

testAllVersions(CreatePartitionsApi, {
  request: () => ({
    topics: [
      { name: 'orders', count: 6, assignments: [{ brokerIds: [1, 2] }, { brokerIds: [2, 3] }] },
      { name: 'payments', count: 2, assignments: null },
    ],
    timeoutMs: 5000,
    validateOnly: true,
  }),
  response: () => ({ throttleTimeMs: 5, results: [{ name: 'orders', errorCode: 37, errorMessage: 'too few' }, { name: 'payments', errorCode: 0, errorMessage: null }] }),
});
