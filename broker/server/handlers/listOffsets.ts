// ListOffsets: earliest (-2), latest (-1), max timestamp (-3), or the first offset whose timestamp is
// at or after the one asked for.

import { findTopic } from '../../controller/metadataImage.js';
import { ListOffsetsApi } from '../../protocol/apis/listOffsets.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { BrokerServices } from '../brokerServices.js';
import { route, type Route } from '../route.js';

const LATEST = -1n;
const EARLIEST = -2n;
const MAX_TIMESTAMP = -3n;

export function listOffsetsRoute(services: BrokerServices): Route {
  return route(ListOffsetsApi, (request) => {
    const image = services.metadata();
    return {
      throttleTimeMs: 0,
      topics: request.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => {
          const none = { partitionIndex: p.partitionIndex, errorCode: ErrorCode.NONE, timestamp: -1n, offset: -1n, leaderEpoch: -1 };
          const topic = findTopic(image, t.name);
          const hosted = services.replicas.partition(t.name, p.partitionIndex);
          if (!topic || !topic.partitions.some((s) => s.partition === p.partitionIndex)) {
            return { ...none, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
          }
          if (!hosted || hosted.state.leader !== services.config.nodeId) return { ...none, errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER };
          const { log } = hosted;
          const leaderEpoch = hosted.state.leaderEpoch;
          if (p.timestamp === LATEST) return { ...none, offset: log.highWatermarkOffset, leaderEpoch };
          if (p.timestamp === EARLIEST) return { ...none, offset: log.logStartOffset, leaderEpoch };
          // The offset and timestamp of the first record carrying the largest timestamp (KIP-734).
          const found = p.timestamp === MAX_TIMESTAMP ? log.maxTimestampRecord() : log.recordAtOrAfterTime(p.timestamp);
          return found === null ? none : { ...none, offset: found.offset, timestamp: found.timestamp, leaderEpoch };
        }),
      })),
    };
  });
}
