// Produce: validates acks, appends each partition's batches on its leader and answers per partition.
// With acks=0 nothing is sent back; acks=1 waits for the leader's journal; acks=-1 checks
// min.insync.replicas first, then waits until the high watermark (every ISR member) passes the append.
// Every partition's batches reach log.append before the handler's first await: the connection relies
// on it to start the next pipelined request while this one waits for its acks (see connection.ts).

import { findTopic } from '../../controller/metadataImage.js';
import { InvalidProducerEpochError, MessageTooLargeError, NotLeaderError, OutOfOrderSequenceError } from '../../log/partitionLog.js';
import { ProduceApi, type ProduceResponse } from '../../protocol/apis/produce.js';
import { ErrorCode } from '../../protocol/errors.js';
import { upConvertMessageSet, UnsupportedLegacyCompressionError } from '../../records/legacyMessageSet.js';
import { CorruptBatchError } from '../../records/recordBatch.js';
import { waitForHighWatermark } from '../../replication/highWatermarkWait.js';
import type { BrokerServices } from '../brokerServices.js';
import { route, type Route } from '../route.js';
import { maxMessageBytesOf, minInsyncReplicasOf, timestampTypeOf } from './topicConfig.js';

type PartitionResponse = ProduceResponse['responses'][number]['partitionResponses'][number];

function partitionError(index: number, errorCode: number, errorMessage: string | null = null): PartitionResponse {
  return {
    index,
    errorCode,
    baseOffset: -1n,
    logAppendTimeMs: -1n,
    logStartOffset: -1n,
    recordErrors: [],
    errorMessage,
    currentLeader: { leaderId: -1, leaderEpoch: -1 },
  };
}

export function produceRoute(services: BrokerServices): Route {
  return route(ProduceApi, async (request, ctx) => {
    const validAcks = request.acks === 0 || request.acks === 1 || request.acks === -1;
    const image = services.metadata();
    const responses = await Promise.all(
      request.topicData.map(async (topicData) => {
        const topic = findTopic(image, topicData.name);
        const partitionResponses = await Promise.all(
          topicData.partitionData.map(async (pd): Promise<PartitionResponse> => {
            if (!validAcks) return partitionError(pd.index, ErrorCode.INVALID_REQUIRED_ACKS);
            if (!topic || !topic.partitions.some((p) => p.partition === pd.index)) {
              return partitionError(pd.index, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
            }
            const hosted = services.replicas.partition(topicData.name, pd.index);
            if (!hosted || hosted.state.leader !== services.config.nodeId) {
              return partitionError(pd.index, ErrorCode.NOT_LEADER_OR_FOLLOWER);
            }
            if (pd.records === null || !Buffer.isBuffer(pd.records)) {
              return partitionError(pd.index, ErrorCode.CORRUPT_MESSAGE, 'The request has no record batches.');
            }
            // Without replication (an in-process broker in tests) the log's own HW follows its appends.
            const leader = services.replication?.leaderState(topicData.name, pd.index);
            if (services.replication && !leader) return partitionError(pd.index, ErrorCode.NOT_LEADER_OR_FOLLOWER);
            const minIsr = minInsyncReplicasOf(topic);
            if (request.acks === -1 && leader && leader.isr.length < minIsr) {
              return partitionError(
                pd.index,
                ErrorCode.NOT_ENOUGH_REPLICAS,
                `The ISR [${leader.isr.join(',')}] has fewer than min.insync.replicas (${minIsr}) members.`,
              );
            }
            const leaderEpoch = hosted.log.leaderEpoch;
            try {
              // v0-2 carry legacy message sets: stored as one RecordBatch v2, as Kafka does with log format v2.
              const records = ctx.header.apiVersion < 3 ? upConvertMessageSet(pd.records) : pd.records;
              const result = await hosted.log.append(records, {
                timestampType: timestampTypeOf(topic),
                maxMessageBytes: maxMessageBytesOf(topic, services.config),
                leaderEpoch: hosted.state.leaderEpoch,
                // The request frame is this request's alone (FrameReader hands out fresh bytes).
                ownsRecords: true,
              });
              if (request.acks === -1 && leader) {
                const waited = await waitForHighWatermark(hosted.log, result.lastOffset, leaderEpoch, request.timeoutMs);
                if (waited === 'notLeader') return partitionError(pd.index, ErrorCode.NOT_LEADER_OR_FOLLOWER);
                if (waited === 'timeout') {
                  return partitionError(pd.index, ErrorCode.REQUEST_TIMED_OUT, 'The in-sync replicas did not all take the write in time.');
                }
                if (leader.isr.length < minIsr) return partitionError(pd.index, ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND);
              }
              return {
                ...partitionError(pd.index, ErrorCode.NONE),
                baseOffset: result.baseOffset,
                logAppendTimeMs: result.logAppendTime,
                logStartOffset: hosted.log.logStartOffset,
              };
            } catch (err) {
              if (err instanceof NotLeaderError) return partitionError(pd.index, ErrorCode.NOT_LEADER_OR_FOLLOWER);
              if (err instanceof CorruptBatchError) return partitionError(pd.index, ErrorCode.CORRUPT_MESSAGE, err.message);
              if (err instanceof UnsupportedLegacyCompressionError) {
                return partitionError(pd.index, ErrorCode.UNSUPPORTED_COMPRESSION_TYPE, err.message);
              }
              if (err instanceof MessageTooLargeError) return partitionError(pd.index, ErrorCode.MESSAGE_TOO_LARGE, err.message);
              if (err instanceof OutOfOrderSequenceError) {
                return partitionError(pd.index, ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, err.message);
              }
              if (err instanceof InvalidProducerEpochError) return partitionError(pd.index, ErrorCode.INVALID_PRODUCER_EPOCH, err.message);
              services.log.error(`produce to ${topicData.name}-${pd.index} failed: ${String(err)}`);
              return partitionError(pd.index, ErrorCode.KAFKA_STORAGE_ERROR, 'The broker could not store the records.');
            }
          }),
        );
        return { name: topicData.name, partitionResponses };
      }),
    );
    if (request.acks === 0) return null;
    return { responses, throttleTimeMs: 0, nodeEndpoints: [] };
  });
}
