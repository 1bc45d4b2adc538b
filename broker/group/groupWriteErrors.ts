// Why a write of the group coordinator to `__consumer_offsets` failed, and what the group APIs answer
// for it: Kafka appends group writes like an acks=all produce and maps the log's errors to coordinator ones.

import { ErrorCode } from '../protocol/errors.js';

/** This broker does not (or no longer) lead the group's offsets partition. */
export class NotCoordinatorError extends Error {}

/** The append failed with `errorCode`, the error an acks=all produce to the partition would get. */
export class OffsetsAppendError extends Error {
  constructor(
    readonly errorCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'OffsetsAppendError';
  }
}

/** OffsetCommit: a batch too large is the committer's fault (INVALID_COMMIT_OFFSET_SIZE). */
export function commitErrorFor(error: unknown): number {
  return coordinatorErrorFor(error, ErrorCode.INVALID_COMMIT_OFFSET_SIZE);
}

/** SyncGroup, OffsetDelete, DeleteGroups: a batch too large is the broker's own problem. */
export function groupWriteErrorFor(error: unknown): number {
  return coordinatorErrorFor(error, ErrorCode.UNKNOWN_SERVER_ERROR);
}

function coordinatorErrorFor(error: unknown, tooLarge: number): number {
  if (error instanceof NotCoordinatorError) return ErrorCode.NOT_COORDINATOR;
  // Anything else thrown is unexpected; the client retries and may find the coordinator healthy again.
  if (!(error instanceof OffsetsAppendError)) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
  switch (error.errorCode) {
    case ErrorCode.UNKNOWN_TOPIC_OR_PARTITION:
    case ErrorCode.NOT_ENOUGH_REPLICAS:
    case ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case ErrorCode.REQUEST_TIMED_OUT:
      return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    case ErrorCode.NOT_LEADER_OR_FOLLOWER:
    case ErrorCode.KAFKA_STORAGE_ERROR:
      return ErrorCode.NOT_COORDINATOR;
    case ErrorCode.MESSAGE_TOO_LARGE:
    case ErrorCode.RECORD_LIST_TOO_LARGE:
    case ErrorCode.INVALID_FETCH_SIZE:
      return tooLarge;
    default:
      return ErrorCode.UNKNOWN_SERVER_ERROR;
  }
}
