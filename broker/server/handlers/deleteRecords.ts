// DeleteRecords: moves each partition's log start offset forward (offset -1 means the high watermark);
// records below it are no longer served and whole segments below it are deleted.

import { DeleteRecordsApi, type DeleteRecordsResponse } from '../../protocol/apis/deleteRecords.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { BrokerServices } from '../brokerServices.js';
import { route, type Route } from '../route.js';

type PartitionResult = DeleteRecordsResponse['topics'][number]['partitions'][number];

const HIGH_WATERMARK = -1n;

async function deleteFrom(services: BrokerServices, topic: string, partitionIndex: number, offset: bigint): Promise<PartitionResult> {
  const fail = (errorCode: number): PartitionResult => ({ partitionIndex, lowWatermark: -1n, errorCode });
  const hosted = services.replicas.partition(topic, partitionIndex);
  if (!hosted) {
    const known = services.metadata().topics.some((t) => t.name === topic && t.partitions.some((p) => p.partition === partitionIndex));
    return fail(known ? ErrorCode.NOT_LEADER_OR_FOLLOWER : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  }
  if (hosted.state.leader !== services.config.nodeId) return fail(ErrorCode.NOT_LEADER_OR_FOLLOWER);
  const { log } = hosted;
  const highWatermark = log.highWatermarkOffset;
  const target = offset === HIGH_WATERMARK ? highWatermark : offset;
  if (target < 0n || target > highWatermark) return fail(ErrorCode.OFFSET_OUT_OF_RANGE);
  try {
    return { partitionIndex, lowWatermark: await log.deleteRecordsBefore(target), errorCode: ErrorCode.NONE };
  } catch (err) {
    services.log.error(`DeleteRecords on ${topic}-${partitionIndex} failed: ${err instanceof Error ? err.message : String(err)}`);
    return fail(ErrorCode.KAFKA_STORAGE_ERROR);
  }
}

export function deleteRecordsRoute(services: BrokerServices): Route {
  return route(DeleteRecordsApi, async (request) => ({
    throttleTimeMs: 0,
    topics: await Promise.all(
      request.topics.map(async (t) => ({
        name: t.name,
        partitions: await Promise.all(t.partitions.map((p) => deleteFrom(services, t.name, p.partitionIndex, p.offset))),
      })),
    ),
  }));
}
