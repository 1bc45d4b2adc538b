// One `__consumer_offsets` partition this broker leads, as the group store writes and loads it. A write
// is acknowledged like an acks=all produce: only once the high watermark passes it (every in-sync
// replica has it), so a commit answered before a coordinator failover is still there after it.

import { MessageTooLargeError, NotLeaderError, type PartitionLog } from '../log/partitionLog.js';
import { ErrorCode } from '../protocol/errors.js';
import { waitForHighWatermark } from '../replication/highWatermarkWait.js';
import { OffsetsAppendError } from './groupWriteErrors.js';
import type { OffsetsLog } from './offsetsTopicStore.js';

/** Records are small; a commit batch larger than this is refused by the log, as Kafka's 1 MB default. */
const OFFSETS_MAX_MESSAGE_BYTES = 1024 * 1024 + 12;

export interface OffsetsWriteSettings {
  /** offsets.commit.timeout.ms: how long a write waits for the in-sync replicas. */
  readonly commitTimeoutMs: number;
  /** The leader epoch written batches carry: the partition's in the current metadata. */
  leaderEpoch(): number;
  /** The ISR size and min.insync.replicas; undefined where nothing replicates (the HW follows appends). */
  inSync(): { isr: number; minIsr: number } | undefined;
}

export function offsetsPartitionLog(log: PartitionLog, settings: OffsetsWriteSettings): OffsetsLog {
  const failure = (errorCode: number, message: string): OffsetsAppendError =>
    new OffsetsAppendError(errorCode, `${log.topic}-${log.partition}: ${message}`);
  return {
    append: async (batch) => {
      const before = settings.inSync();
      if (before !== undefined && before.isr < before.minIsr) {
        throw failure(ErrorCode.NOT_ENOUGH_REPLICAS, `the ISR has ${before.isr} members, fewer than min.insync.replicas (${before.minIsr})`);
      }
      // The epoch the wait watches: a new one means another leader may have cut this write away.
      const epoch = log.leaderEpoch;
      let lastOffset: bigint;
      try {
        ({ lastOffset } = await log.append(batch, { timestampType: 'CreateTime', maxMessageBytes: OFFSETS_MAX_MESSAGE_BYTES, leaderEpoch: settings.leaderEpoch() }));
      } catch (error) {
        if (error instanceof NotLeaderError) throw failure(ErrorCode.NOT_LEADER_OR_FOLLOWER, error.message);
        if (error instanceof MessageTooLargeError) throw failure(ErrorCode.MESSAGE_TOO_LARGE, error.message);
        throw failure(ErrorCode.KAFKA_STORAGE_ERROR, `the write failed: ${String(error)}`);
      }
      const waited = await waitForHighWatermark(log, lastOffset, epoch, settings.commitTimeoutMs);
      if (waited === 'notLeader') throw failure(ErrorCode.NOT_LEADER_OR_FOLLOWER, 'leadership moved before the in-sync replicas had the write');
      if (waited === 'timeout') throw failure(ErrorCode.REQUEST_TIMED_OUT, `the in-sync replicas did not all take the write within ${settings.commitTimeoutMs} ms`);
      const after = settings.inSync();
      if (after !== undefined && after.isr < after.minIsr) {
        throw failure(ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND, `the ISR shrank to ${after.isr} members, below min.insync.replicas (${after.minIsr})`);
      }
    },
    // A new leader loads to its log end as Kafka does: what the old leader acknowledged may lie above
    // the HW this replica has heard of so far, and its own later writes keep it there.
    read: (offset, maxBytes) => log.readForReplica(offset, maxBytes),
    get logStartOffset() {
      return log.logStartOffset;
    },
    get logEndOffset() {
      return log.durableLogEndOffset;
    },
  };
}
