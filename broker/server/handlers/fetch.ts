// Fetch: serves stored batches below the high watermark, by topic name (v4-12) or topic id (v13+),
// honouring max_bytes and partition_max_bytes while always returning at least one whole batch
// (KIP-74), and long-polling until min_bytes arrive or max_wait expires.
// Fetch sessions (KIP-227) are declined for now by answering session id 0, which the protocol allows:
// clients then keep sending full fetch requests.

import { findTopic, findTopicById, type TopicState } from '../../controller/metadataImage.js';
import type { PartitionLog } from '../../log/partitionLog.js';
import { FetchApi, type FetchRequest, type FetchResponse } from '../../protocol/apis/fetch.js';
import { ErrorCode } from '../../protocol/errors.js';
import { ZERO_UUID } from '../../protocol/schema.js';
import type { BrokerServices } from '../brokerServices.js';
import { route, type Route } from '../route.js';

type TopicResponse = FetchResponse['responses'][number];
type PartitionResponse = TopicResponse['partitions'][number];

function emptyPartition(partitionIndex: number, errorCode: number): PartitionResponse {
  return {
    partitionIndex,
    errorCode,
    highWatermark: -1n,
    lastStableOffset: -1n,
    logStartOffset: -1n,
    divergingEpoch: { epoch: -1, endOffset: -1n },
    currentLeader: { leaderId: -1, leaderEpoch: -1 },
    snapshotId: { endOffset: -1n, epoch: -1 },
    abortedTransactions: null,
    preferredReadReplica: -1,
    // Kafka sends an empty record set, never null: librdkafka rejects a null one.
    records: [],
  };
}

interface Collected {
  readonly responses: TopicResponse[];
  readonly bytes: number;
  readonly logs: PartitionLog[];
  readonly hasError: boolean;
}

function collect(services: BrokerServices, request: FetchRequest, byId: boolean): Collected {
  const image = services.metadata();
  let remaining = request.maxBytes;
  let bytes = 0;
  let hasError = false;
  const logs: PartitionLog[] = [];
  const responses = request.topics.map((t): TopicResponse => {
    const topic: TopicState | undefined = byId ? findTopicById(image, t.topicId) : findTopic(image, t.topic);
    const partitions = t.partitions.map((p): PartitionResponse => {
      if (!topic) {
        hasError = true;
        return emptyPartition(p.partition, byId ? ErrorCode.UNKNOWN_TOPIC_ID : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      }
      const hosted = services.replicas.partition(topic.name, p.partition);
      if (!hosted) {
        hasError = true;
        const exists = topic.partitions.some((s) => s.partition === p.partition);
        return emptyPartition(p.partition, exists ? ErrorCode.NOT_LEADER_OR_FOLLOWER : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      }
      const { log } = hosted;
      logs.push(log);
      const base = {
        ...emptyPartition(p.partition, ErrorCode.NONE),
        highWatermark: log.highWatermarkOffset,
        lastStableOffset: log.highWatermarkOffset,
        logStartOffset: log.logStartOffset,
      };
      if (p.fetchOffset < log.logStartOffset || p.fetchOffset > log.logEndOffset) {
        hasError = true;
        return { ...base, errorCode: ErrorCode.OFFSET_OUT_OF_RANGE };
      }
      // After the response is full, later partitions get no data, but still their offsets.
      if (remaining <= 0 && bytes > 0) return base;
      const batches = log.read(p.fetchOffset, Math.min(p.partitionMaxBytes, Math.max(remaining, 1)));
      if (batches.length === 0) return base;
      const chunks = batches.map((b) => b.bytes);
      const size = chunks.reduce((n, c) => n + c.length, 0);
      bytes += size;
      remaining -= size;
      return { ...base, records: chunks };
    });
    return { topic: topic?.name ?? t.topic, topicId: topic?.topicId ?? t.topicId ?? ZERO_UUID, partitions };
  });
  return { responses, bytes, logs, hasError };
}

export function fetchRoute(services: BrokerServices): Route {
  return route(FetchApi, async (request, ctx) => {
    const byId = ctx.header.apiVersion >= 13;
    const base = { throttleTimeMs: 0, sessionId: 0, nodeEndpoints: [] };
    if (request.sessionId !== 0) {
      return { ...base, errorCode: ErrorCode.FETCH_SESSION_ID_NOT_FOUND, responses: [] };
    }
    const deadline = Date.now() + Math.max(0, request.maxWaitMs);
    let result = collect(services, request, byId);
    while (result.bytes < request.minBytes && !result.hasError && Date.now() < deadline && result.logs.length > 0) {
      await waitForAnyAppend(result.logs, deadline - Date.now());
      result = collect(services, request, byId);
    }
    return { ...base, errorCode: ErrorCode.NONE, responses: result.responses };
  });
}

/** Resolves on the first append to any of `logs`, or after `ms`. */
function waitForAnyAppend(logs: readonly PartitionLog[], ms: number): Promise<void> {
  return new Promise((resolve) => {
    const cancels: Array<() => void> = [];
    const done = (): void => {
      clearTimeout(timer);
      for (const c of cancels) c();
      resolve();
    };
    const timer = setTimeout(done, ms);
    for (const log of logs) cancels.push(log.waitForAppend(done));
  });
}
