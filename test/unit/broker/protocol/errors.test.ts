import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ErrorCode, KafkaProtocolError, errorInfo } from '../../../../broker/protocol/errors.js';

test('error codes carry the numbers Kafka clients expect', () => {
  // A sample across the table, checked against Apache Kafka's Errors enum.
  const expected: Record<string, number> = {
    UNKNOWN_SERVER_ERROR: -1, NONE: 0, OFFSET_OUT_OF_RANGE: 1, CORRUPT_MESSAGE: 2, UNKNOWN_TOPIC_OR_PARTITION: 3,
    LEADER_NOT_AVAILABLE: 5, NOT_LEADER_OR_FOLLOWER: 6, REQUEST_TIMED_OUT: 7, MESSAGE_TOO_LARGE: 10,
    COORDINATOR_LOAD_IN_PROGRESS: 14, COORDINATOR_NOT_AVAILABLE: 15, NOT_COORDINATOR: 16, INVALID_TOPIC_EXCEPTION: 17,
    NOT_ENOUGH_REPLICAS: 19, NOT_ENOUGH_REPLICAS_AFTER_APPEND: 20, INVALID_REQUIRED_ACKS: 21, ILLEGAL_GENERATION: 22,
    INCONSISTENT_GROUP_PROTOCOL: 23, INVALID_GROUP_ID: 24, UNKNOWN_MEMBER_ID: 25, INVALID_SESSION_TIMEOUT: 26,
    REBALANCE_IN_PROGRESS: 27, CLUSTER_AUTHORIZATION_FAILED: 31, INVALID_TIMESTAMP: 32, UNSUPPORTED_SASL_MECHANISM: 33,
    ILLEGAL_SASL_STATE: 34, UNSUPPORTED_VERSION: 35, TOPIC_ALREADY_EXISTS: 36, INVALID_PARTITIONS: 37,
    INVALID_REPLICATION_FACTOR: 38, INVALID_REPLICA_ASSIGNMENT: 39, INVALID_CONFIG: 40, NOT_CONTROLLER: 41,
    INVALID_REQUEST: 42, POLICY_VIOLATION: 44, OUT_OF_ORDER_SEQUENCE_NUMBER: 45, DUPLICATE_SEQUENCE_NUMBER: 46,
    INVALID_PRODUCER_EPOCH: 47, KAFKA_STORAGE_ERROR: 56, SASL_AUTHENTICATION_FAILED: 58, UNKNOWN_PRODUCER_ID: 59,
    NON_EMPTY_GROUP: 68, GROUP_ID_NOT_FOUND: 69, FETCH_SESSION_ID_NOT_FOUND: 70, INVALID_FETCH_SESSION_EPOCH: 71,
    TOPIC_DELETION_DISABLED: 73, FENCED_LEADER_EPOCH: 74, UNKNOWN_LEADER_EPOCH: 75, OFFSET_NOT_AVAILABLE: 78,
    MEMBER_ID_REQUIRED: 79, FENCED_INSTANCE_ID: 82, GROUP_SUBSCRIBED_TO_TOPIC: 86, INVALID_RECORD: 87,
    UNSTABLE_OFFSET_COMMIT: 88, PRODUCER_FENCED: 90, UNKNOWN_TOPIC_ID: 100, INCONSISTENT_TOPIC_ID: 103,
    TRANSACTION_ABORTABLE: 120,
  };
  for (const [name, code] of Object.entries(expected)) {
    assert.equal((ErrorCode as Record<string, number>)[name], code, name);
  }
});

test('codes are unique and every code has a description', () => {
  const codes = Object.values(ErrorCode);
  assert.equal(new Set(codes).size, codes.length);
  for (const [name, code] of Object.entries(ErrorCode)) {
    const info = errorInfo(code);
    assert.equal(info.name, name);
    assert.equal(info.code, code);
    assert.ok(info.message.length > 0, name);
  }
});

test('retriable follows Kafka: transient leadership and coordinator errors are, request errors are not', () => {
  for (const code of [ErrorCode.NOT_LEADER_OR_FOLLOWER, ErrorCode.LEADER_NOT_AVAILABLE, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
    ErrorCode.NOT_COORDINATOR, ErrorCode.COORDINATOR_NOT_AVAILABLE, ErrorCode.REQUEST_TIMED_OUT, ErrorCode.NOT_ENOUGH_REPLICAS]) {
    assert.equal(errorInfo(code).retriable, true, errorInfo(code).name);
  }
  for (const code of [ErrorCode.NONE, ErrorCode.UNKNOWN_SERVER_ERROR, ErrorCode.TOPIC_ALREADY_EXISTS, ErrorCode.INVALID_REQUEST,
    ErrorCode.UNSUPPORTED_VERSION, ErrorCode.MESSAGE_TOO_LARGE, ErrorCode.REBALANCE_IN_PROGRESS]) {
    assert.equal(errorInfo(code).retriable, false, errorInfo(code).name);
  }
});

test('unknown codes are described rather than thrown on', () => {
  const info = errorInfo(9999);
  assert.equal(info.retriable, false);
  assert.match(info.name, /9999/);
});

test('KafkaProtocolError carries its code, retriability and a default message', () => {
  const err = new KafkaProtocolError(ErrorCode.NOT_COORDINATOR);
  assert.ok(err instanceof Error);
  assert.equal(err.code, 16);
  assert.equal(err.retriable, true);
  assert.equal(err.errorName, 'NOT_COORDINATOR');
  assert.equal(err.message, errorInfo(16).message);
  assert.equal(new KafkaProtocolError(ErrorCode.INVALID_CONFIG, 'retention.ms must be a number').message, 'retention.ms must be a number');
});
