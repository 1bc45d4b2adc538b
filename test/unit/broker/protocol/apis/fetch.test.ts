import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FetchApi } from '../../../../../broker/protocol/apis/fetch.js';
import { ZERO_UUID } from '../../../../../broker/protocol/schema.js';
import { at, encodeBody, roundTrip, testAllVersions } from '../roundTrip.js';
import { DIRECTORY_ID, RECORDS, TOPIC_ID_A, TOPIC_ID_B } from './sampleValues.js';

testAllVersions(FetchApi, {
  request: (v) => ({
    clusterId: at(v, 12, 'cluster-1', null),
    replicaId: at(v, 0, 3, -1, 14),
    replicaState: at(v, 15, { replicaId: 3, replicaEpoch: 77n }, { replicaId: -1, replicaEpoch: -1n }),
    maxWaitMs: 500,
    minBytes: 1,
    maxBytes: at(v, 3, 1048576, 0x7fffffff),
    isolationLevel: at(v, 4, 1, 0),
    sessionId: at(v, 7, 42, 0),
    sessionEpoch: at(v, 7, 5, -1),
    topics: [{
      topic: at(v, 0, 'orders', '', 12),
      topicId: at(v, 13, TOPIC_ID_A, ZERO_UUID),
      partitions: [{
        partition: 2,
        currentLeaderEpoch: at(v, 9, 4, -1),
        fetchOffset: 1000n,
        lastFetchedEpoch: at(v, 12, 3, -1),
        logStartOffset: at(v, 5, 10n, -1n),
        partitionMaxBytes: 65536,
        replicaDirectoryId: at(v, 17, DIRECTORY_ID, ZERO_UUID),
      }],
    }],
    forgottenTopicsData: at(v, 7, [{
      topic: at(v, 7, 'old-topic', '', 12),
      topicId: at(v, 13, TOPIC_ID_B, ZERO_UUID),
      partitions: [0, 1],
    }], []),
    rackId: at(v, 11, 'rack-a', ''),
  }),
  response: (v) => ({
    throttleTimeMs: at(v, 1, 10, 0),
    errorCode: at(v, 7, 71, 0),
    sessionId: at(v, 7, 42, 0),
    responses: [{
      topic: at(v, 0, 'orders', '', 12),
      topicId: at(v, 13, TOPIC_ID_A, ZERO_UUID),
      partitions: [{
        partitionIndex: 2,
        errorCode: 1,
        highWatermark: 500n,
        lastStableOffset: at(v, 4, 490n, -1n),
        logStartOffset: at(v, 5, 7n, -1n),
        divergingEpoch: at(v, 12, { epoch: 3, endOffset: 450n }, { epoch: -1, endOffset: -1n }),
        currentLeader: at(v, 12, { leaderId: 2, leaderEpoch: 5 }, { leaderId: -1, leaderEpoch: -1 }),
        snapshotId: at(v, 12, { endOffset: 400n, epoch: 2 }, { endOffset: -1n, epoch: -1 }),
        abortedTransactions: at(v, 4, [{ producerId: 9n, firstOffset: 100n }], null),
        preferredReadReplica: at(v, 11, 3, -1),
        records: RECORDS,
      }],
    }],
    nodeEndpoints: at(v, 16, [{ nodeId: 2, host: '127.0.0.1', port: 9093, rack: 'rack-b' }], []),
  }),
});

function partition(records: Buffer | readonly Buffer[] | null): FetchResponsePartition {
  return {
    partitionIndex: 0,
    errorCode: 0,
    highWatermark: 10n,
    lastStableOffset: 10n,
    logStartOffset: 0n,
    divergingEpoch: { epoch: -1, endOffset: -1n },
    currentLeader: { leaderId: -1, leaderEpoch: -1 },
    snapshotId: { endOffset: -1n, epoch: -1 },
    abortedTransactions: null,
    preferredReadReplica: -1,
    records,
  };
}
type FetchResponsePartition = ReturnType<typeof FetchApi.response.empty>['responses'][number]['partitions'][number];

test('Fetch response records given as a list of stored batches encode like one concatenated buffer', () => {
  const batches = [Buffer.alloc(700, 1), Buffer.from('small'), Buffer.alloc(600, 2)];
  for (const v of [4, 11, 12, 17]) {
    const asList = { ...FetchApi.response.empty(), responses: [{ topic: 'orders', topicId: TOPIC_ID_A, partitions: [partition(batches)] }] };
    const asOne = { ...asList, responses: [{ ...asList.responses[0], partitions: [partition(Buffer.concat(batches))] }] };
    assert.deepEqual(encodeBody(FetchApi, v, 'response', asList), encodeBody(FetchApi, v, 'response', asOne));
    const { decoded } = roundTrip(FetchApi, v, asList, 'response');
    assert.deepEqual(decoded.responses[0]?.partitions[0]?.records, Buffer.concat(batches));
  }
});

test('Fetch v12 response writes only the tagged fields that differ from their defaults', () => {
  const p = { ...partition(null), currentLeader: { leaderId: 1, leaderEpoch: 2 } };
  const bytes = encodeBody(FetchApi, 12, 'response', {
    ...FetchApi.response.empty(),
    responses: [{ topic: 't', topicId: ZERO_UUID, partitions: [p] }],
  });
  // ... aborted_transactions null (00), preferred_read_replica -1, records null (00), then the tag buffer:
  // one field, tag 1, 9 bytes: leader id 1, leader epoch 2 and the struct's own (empty) tag buffer; then the
  // topic's and the response's tag buffers.
  assert.ok(bytes.toString('hex').endsWith('00' + 'ffffffff' + '00' + '01' + '01' + '09' + '00000001' + '00000002' + '00' + '00' + '00'));
});

test('Fetch v12 request with a cluster id puts tag 0 in the top-level tag buffer', () => {
  const empty = FetchApi.request.empty();
  const bytes = encodeBody(FetchApi, 12, 'request', { ...empty, clusterId: 'c' });
  // the top-level tag buffer ends the message: 1 field, tag 0, 2 bytes: compact string "c"
  assert.ok(bytes.toString('hex').endsWith('01' + '00' + '02' + '02' + '63'));
  const { decoded } = roundTrip(FetchApi, 12, { ...empty, clusterId: 'c' });
  assert.equal(decoded.clusterId, 'c');
});
