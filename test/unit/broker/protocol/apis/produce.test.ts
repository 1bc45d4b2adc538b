import { ProduceApi } from '../../../../../broker/protocol/apis/produce.js';
import { at, testAllVersions } from '../roundTrip.js';
import { RECORDS } from './sampleValues.js';

testAllVersions(ProduceApi, {
  request: (v) => ({
    transactionalId: at(v, 3, 'tx-1', null),
    acks: -1,
    timeoutMs: 30000,
    topicData: [{ name: 'orders', partitionData: [{ index: 0, records: RECORDS }, { index: 1, records: null }] }],
  }),
  response: (v) => ({
    responses: [{
      name: 'orders',
      partitionResponses: [{
        index: 0,
        errorCode: 6,
        baseOffset: 100n,
        logAppendTimeMs: at(v, 2, 1700000000000n, -1n),
        logStartOffset: at(v, 5, 5n, -1n),
        recordErrors: at(v, 8, [{ batchIndex: 1, batchIndexErrorMessage: 'bad record' }], []),
        errorMessage: at(v, 8, 'failed', null),
        currentLeader: at(v, 10, { leaderId: 2, leaderEpoch: 5 }, { leaderId: -1, leaderEpoch: -1 }),
      }],
    }],
    throttleTimeMs: at(v, 1, 5, 0),
    nodeEndpoints: at(v, 10, [{ nodeId: 2, host: '127.0.0.1', port: 9093, rack: null }], []),
  }),
});
