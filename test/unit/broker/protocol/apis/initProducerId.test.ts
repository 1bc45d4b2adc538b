import { InitProducerIdApi } from '../../../../../broker/protocol/apis/initProducerId.js';
import { at, testAllVersions } from '../roundTrip.js';

testAllVersions(InitProducerIdApi, {
  request: (v) => ({ transactionalId: 'tx-1', transactionTimeoutMs: 60000, producerId: at(v, 3, 1000n, -1n), producerEpoch: at(v, 3, 2, -1) }),
  response: () => ({ throttleTimeMs: 5, errorCode: 47, producerId: 1000n, producerEpoch: 3 }),
});
