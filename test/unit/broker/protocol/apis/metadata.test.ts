import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MetadataApi } from '../../../../../broker/protocol/apis/metadata.js';
import { ZERO_UUID } from '../../../../../broker/protocol/schema.js';
import { at, encodeBody, roundTrip, testAllVersions } from '../roundTrip.js';
import { OPS_OMITTED, TOPIC_ID_A, TOPIC_ID_B } from './sampleValues.js';

testAllVersions(MetadataApi, {
  request: (v) => ({
    topics: [
      { topicId: at(v, 10, TOPIC_ID_A, ZERO_UUID), name: 'orders' },
      { topicId: at(v, 10, TOPIC_ID_B, ZERO_UUID), name: 'payments' },
    ],
    allowAutoTopicCreation: at(v, 4, false, true),
    includeClusterAuthorizedOperations: at(v, 8, true, false, 10),
    includeTopicAuthorizedOperations: at(v, 8, true, false),
  }),
  response: (v) => ({
    throttleTimeMs: at(v, 3, 25, 0),
    brokers: [
      { nodeId: 1, host: '127.0.0.1', port: 9092, rack: at(v, 1, 'rack-a', null) },
      { nodeId: 2, host: 'localhost', port: 9093, rack: null },
    ],
    clusterId: at(v, 2, 'cluster-1', null),
    controllerId: at(v, 1, 2, -1),
    topics: [{
      errorCode: 3,
      name: 'orders',
      topicId: at(v, 10, TOPIC_ID_A, ZERO_UUID),
      isInternal: at(v, 1, true, false),
      partitions: [{
        errorCode: 6,
        partitionIndex: 4,
        leaderId: 2,
        leaderEpoch: at(v, 7, 9, -1),
        replicaNodes: [1, 2, 3],
        isrNodes: [2, 3],
        offlineReplicas: at(v, 5, [1], []),
      }],
      topicAuthorizedOperations: at(v, 8, 0x1f, OPS_OMITTED),
    }],
    clusterAuthorizedOperations: at(v, 8, 0x0f, OPS_OMITTED, 10),
  }),
});

test('Metadata v1+ request: null topics means all topics', () => {
  for (let v = 1; v <= 12; v++) {
    const { decoded } = roundTrip(MetadataApi, v, { ...MetadataApi.request.empty(), topics: null });
    assert.equal(decoded.topics, null);
  }
});

test('Metadata request v4+ defaults allowAutoTopicCreation to true when a version lacks it', () => {
  assert.equal(MetadataApi.request.empty().allowAutoTopicCreation, true);
});

test('Metadata v0 request bytes match the classic layout', () => {
  const bytes = encodeBody(MetadataApi, 0, 'request', {
    ...MetadataApi.request.empty(),
    topics: [{ topicId: ZERO_UUID, name: 'ab' }],
  });
  // int32 array length 1, int16 string length 2, "ab"
  assert.equal(bytes.toString('hex'), '00000001' + '0002' + '6162');
});

test('Metadata v9 request bytes use compact arrays, compact strings and tag buffers', () => {
  const bytes = encodeBody(MetadataApi, 9, 'request', {
    topics: [{ topicId: ZERO_UUID, name: 'ab' }],
    allowAutoTopicCreation: true,
    includeClusterAuthorizedOperations: false,
    includeTopicAuthorizedOperations: true,
  });
  assert.equal(
    bytes.toString('hex'),
    '02' + // compact array: 1 topic (length + 1)
      '03' + '6162' + // compact string "ab" (length + 1)
      '00' + // topic's tag buffer: no tagged fields
      '01' + // allow_auto_topic_creation
      '00' + // include_cluster_authorized_operations
      '01' + // include_topic_authorized_operations
      '00', // request's tag buffer
  );
});

test('Metadata v10 request bytes carry the topic id before a nullable compact name', () => {
  const bytes = encodeBody(MetadataApi, 10, 'request', {
    topics: [{ topicId: TOPIC_ID_A, name: null }],
    allowAutoTopicCreation: false,
    includeClusterAuthorizedOperations: false,
    includeTopicAuthorizedOperations: false,
  });
  assert.equal(bytes.toString('hex'), '02' + TOPIC_ID_A + '00' + '00' + '000000' + '00');
});

test('Metadata v9 null topics is a single zero byte', () => {
  const bytes = encodeBody(MetadataApi, 9, 'request', { ...MetadataApi.request.empty(), topics: null });
  assert.equal(bytes.toString('hex'), '00' + '01' + '00' + '00' + '00');
});
