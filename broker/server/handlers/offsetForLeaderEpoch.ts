// OffsetForLeaderEpoch: where a leader epoch ends in this leader's log, from the epochs stamped on its
// batches (the leader epoch history), so a follower or a consumer can detect and cut a diverged log.

import { findTopic } from '../../controller/metadataImage.js';
import { OffsetForLeaderEpochApi } from '../../protocol/apis/offsetForLeaderEpoch.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { BrokerServices } from '../brokerServices.js';
import { route, type Route } from '../route.js';

export function offsetForLeaderEpochRoute(services: BrokerServices): Route {
  return route(OffsetForLeaderEpochApi, (request) => {
    const image = services.metadata();
    return {
      throttleTimeMs: 0,
      topics: request.topics.map((t) => ({
        topic: t.topic,
        partitions: t.partitions.map((p) => {
          const none = { partition: p.partition, errorCode: ErrorCode.NONE, leaderEpoch: -1, endOffset: -1n };
          const topic = findTopic(image, t.topic);
          if (!topic || !topic.partitions.some((s) => s.partition === p.partition)) {
            return { ...none, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
          }
          const hosted = services.replicas.partition(t.topic, p.partition);
          if (!hosted || hosted.state.leader !== services.config.nodeId) return { ...none, errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER };
          const current = hosted.state.leaderEpoch;
          if (p.currentLeaderEpoch >= 0 && p.currentLeaderEpoch < current) return { ...none, errorCode: ErrorCode.FENCED_LEADER_EPOCH };
          if (p.currentLeaderEpoch > current) return { ...none, errorCode: ErrorCode.UNKNOWN_LEADER_EPOCH };
          const { epoch, endOffset } = hosted.log.leaderEpochs.endOffsetFor(p.leaderEpoch, current, hosted.log.logEndOffset);
          return { ...none, leaderEpoch: epoch, endOffset };
        }),
      })),
    };
  });
}
