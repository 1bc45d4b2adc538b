// Kafka's rules for topic names, partition counts and replication factors, with Kafka's messages.

import { ErrorCode } from '../protocol/errors.js';

export interface RuleViolation {
  readonly errorCode: number;
  readonly message: string;
}

const MAX_NAME_LENGTH = 249;
const LEGAL = /^[a-zA-Z0-9._-]+$/;

export function checkTopicName(name: string): RuleViolation | null {
  if (name.length === 0) return { errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, message: 'Topic name is illegal, it can\'t be empty' };
  if (name === '.' || name === '..') return { errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, message: 'Topic name cannot be "." or ".."' };
  if (name.length > MAX_NAME_LENGTH) {
    return { errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, message: `Topic name is illegal, it can't be longer than ${MAX_NAME_LENGTH} characters, topic name: ${name}` };
  }
  if (!LEGAL.test(name)) {
    return {
      errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION,
      message: `Topic name "${name}" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`,
    };
  }
  return null;
}

export function checkPartitionCount(count: number): RuleViolation | null {
  if (!Number.isInteger(count) || count < 1) {
    return { errorCode: ErrorCode.INVALID_PARTITIONS, message: 'Number of partitions must be larger than 0.' };
  }
  return null;
}

export function checkReplicationFactor(factor: number, liveBrokers: number): RuleViolation | null {
  if (!Number.isInteger(factor) || factor < 1) {
    return { errorCode: ErrorCode.INVALID_REPLICATION_FACTOR, message: 'Replication factor must be larger than 0.' };
  }
  if (factor > liveBrokers) {
    return {
      errorCode: ErrorCode.INVALID_REPLICATION_FACTOR,
      message: `Replication factor: ${factor} larger than available brokers: ${liveBrokers}.`,
    };
  }
  return null;
}
