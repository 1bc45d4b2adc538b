// Fetch: serves stored batches below the high watermark, by topic name (v4-12) or topic id (v13+),
// honouring max_bytes and partition_max_bytes while always returning at least one whole batch
// (KIP-74), long-polling until min_bytes arrive or max_wait expires, and keeping fetch sessions
// (KIP-227) so incremental requests and answers carry only the partitions that changed.
// Without transactions, read_committed and read_uncommitted see the same records (LSO = HW).

import { findTopic, findTopicById, type MetadataImage, type TopicState } from '../../controller/metadataImage.js';
import { FetchSessionCache, partitionKey, type FetchContext, type FetchSession } from '../../log/fetchSessions.js';
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

/** One partition to read: from the request, or from the session for an incremental fetch. */
interface Target {
  /** Topic name before v13, topic id from v13: how the client names it. */
  readonly topicKey: string;
  readonly partition: number;
  readonly fetchOffset: bigint;
  readonly partitionMaxBytes: number;
  /** Sent by followers (sessionless): the epoch they follow and the epoch of their last batch. */
  readonly currentLeaderEpoch?: number;
  readonly lastFetchedEpoch?: number;
}

interface Read {
  readonly target: Target;
  readonly topic: TopicState | undefined;
  readonly response: PartitionResponse;
  readonly bytes: number;
}

interface Collected {
  readonly reads: Read[];
  readonly bytes: number;
  readonly logs: PartitionLog[];
  readonly hasError: boolean;
}

function resolveTopic(image: MetadataImage, topicKey: string, byId: boolean): TopicState | undefined {
  return byId ? findTopicById(image, topicKey) : findTopic(image, topicKey);
}

/**
 * A follower's fetch is checked against this leader's epoch; a follower whose last fetched epoch ends
 * before its fetch offset here has diverged, and is told where (Fetch v12+ diverging epoch).
 */
function checkReplicaFetch(log: PartitionLog, leaderEpoch: number, target: Target): PartitionResponse | null {
  const asked = target.currentLeaderEpoch ?? -1;
  if (asked >= 0 && asked < leaderEpoch) return emptyPartition(target.partition, ErrorCode.FENCED_LEADER_EPOCH);
  if (asked > leaderEpoch) return emptyPartition(target.partition, ErrorCode.UNKNOWN_LEADER_EPOCH);
  const lastFetched = target.lastFetchedEpoch ?? -1;
  if (lastFetched < 0 || target.fetchOffset === 0n) return null;
  const end = log.leaderEpochs.endOffsetFor(lastFetched, leaderEpoch, log.durableLogEndOffset);
  if (end.endOffset >= 0n && end.epoch >= lastFetched && end.endOffset >= target.fetchOffset) return null;
  // No epoch this old here: everything the follower has of it is unknown to this log, up to where our history starts.
  const divergingEpoch =
    end.endOffset >= 0n ? end : { epoch: lastFetched, endOffset: log.leaderEpochs.entries[0]?.startOffset ?? log.logStartOffset };
  return {
    ...emptyPartition(target.partition, ErrorCode.NONE),
    highWatermark: log.highWatermarkOffset,
    lastStableOffset: log.highWatermarkOffset,
    logStartOffset: log.logStartOffset,
    divergingEpoch: { epoch: divergingEpoch.epoch, endOffset: divergingEpoch.endOffset },
  };
}

function collect(services: BrokerServices, targets: readonly Target[], maxBytes: number, byId: boolean, replicaId = -1): Collected {
  const image = services.metadata();
  let bytes = 0;
  let hasError = false;
  const logs: PartitionLog[] = [];
  const reads = targets.map((target): Read => {
    const topic = resolveTopic(image, target.topicKey, byId);
    const fail = (code: number): Read => {
      hasError = true;
      return { target, topic, response: emptyPartition(target.partition, code), bytes: 0 };
    };
    if (!topic) return fail(byId ? ErrorCode.UNKNOWN_TOPIC_ID : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    const hosted = services.replicas.partition(topic.name, target.partition);
    if (!hosted) {
      const exists = topic.partitions.some((s) => s.partition === target.partition);
      return fail(exists ? ErrorCode.NOT_LEADER_OR_FOLLOWER : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    }
    const { log } = hosted;
    const isLeaderHere = hosted.state.leader === services.config.nodeId && log.isLeader;
    if (!isLeaderHere) return fail(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    if (replicaId >= 0) {
      const refused = checkReplicaFetch(log, hosted.state.leaderEpoch, target);
      if (refused) {
        hasError = true;
        return { target, topic, response: refused, bytes: 0 };
      }
      services.replication?.onFollowerFetch(topic.name, target.partition, replicaId, target.fetchOffset);
    }
    logs.push(log);
    const base = {
      ...emptyPartition(target.partition, ErrorCode.NONE),
      highWatermark: log.highWatermarkOffset,
      lastStableOffset: log.highWatermarkOffset,
      logStartOffset: log.logStartOffset,
    };
    const end = replicaId >= 0 ? log.durableLogEndOffset : log.logEndOffset;
    if (target.fetchOffset < log.logStartOffset || target.fetchOffset > end) {
      hasError = true;
      return { target, topic, response: { ...base, errorCode: ErrorCode.OFFSET_OUT_OF_RANGE }, bytes: 0 };
    }
    const limit = Math.min(target.partitionMaxBytes, maxBytes - bytes);
    // KIP-74: the first partition with data returns at least one whole batch, whatever the limits;
    // after it, only batches that fit both the partition's and the response's remaining budget.
    const firstWithData = bytes === 0;
    if (limit <= 0 && !firstWithData) return { target, topic, response: base, bytes: 0 };
    const chunks: Buffer[] = [];
    let size = 0;
    const available = replicaId >= 0 ? log.readForReplica(target.fetchOffset, Math.max(limit, 1)) : log.read(target.fetchOffset, Math.max(limit, 1));
    for (const batch of available) {
      const fits = size + batch.bytes.length <= limit;
      if (!fits && !(firstWithData && chunks.length === 0)) break;
      chunks.push(batch.bytes);
      size += batch.bytes.length;
    }
    bytes += size;
    return { target, topic, response: chunks.length > 0 ? { ...base, records: chunks } : base, bytes: size };
  });
  return { reads, bytes, logs, hasError };
}

/** Groups partition answers by topic, in the order the partitions were read. */
function byTopic(reads: readonly Read[], byId: boolean): TopicResponse[] {
  const out: TopicResponse[] = [];
  for (const r of reads) {
    const last = out[out.length - 1];
    const name = r.topic?.name ?? (byId ? '' : r.target.topicKey);
    const topicId = r.topic?.topicId ?? (byId ? r.target.topicKey : ZERO_UUID);
    if (last && (byId ? last.topicId === topicId : last.topic === name)) last.partitions.push(r.response);
    else out.push({ topic: name, topicId, partitions: [r.response] });
  }
  return out;
}

function requestTargets(request: FetchRequest, byId: boolean): Target[] {
  return request.topics.flatMap((t) =>
    t.partitions.map((p) => ({
      topicKey: byId ? t.topicId : t.topic,
      partition: p.partition,
      fetchOffset: p.fetchOffset,
      partitionMaxBytes: p.partitionMaxBytes,
      currentLeaderEpoch: p.currentLeaderEpoch,
      lastFetchedEpoch: p.lastFetchedEpoch,
    })),
  );
}

/** Applies an incremental request to its session and returns every partition the session now holds. */
function incrementalTargets(session: FetchSession, request: FetchRequest, byId: boolean): Target[] {
  for (const t of request.topics) {
    for (const p of t.partitions) session.upsert(byId ? t.topicId : t.topic, p.partition, p.fetchOffset, p.partitionMaxBytes);
  }
  for (const t of request.forgottenTopicsData) {
    for (const partition of t.partitions) session.forget(byId ? t.topicId : t.topic, partition);
  }
  return [...session.partitions.values()];
}

/** An incremental answer leaves out partitions with no records, no error and nothing new to report. */
function changedSinceLastSent(session: FetchSession, read: Read): boolean {
  const cached = session.partitions.get(partitionKey(read.target.topicKey, read.target.partition));
  const r = read.response;
  if (!cached) return true;
  return read.bytes > 0 || r.errorCode !== ErrorCode.NONE || r.highWatermark !== cached.sentHighWatermark || r.logStartOffset !== cached.sentLogStartOffset;
}

function rememberSent(session: FetchSession, reads: readonly Read[]): void {
  for (const read of reads) {
    const cached = session.partitions.get(partitionKey(read.target.topicKey, read.target.partition));
    if (!cached) continue;
    cached.sentHighWatermark = read.response.highWatermark;
    cached.sentLogStartOffset = read.response.logStartOffset;
  }
}

export function fetchRoute(services: BrokerServices, sessions = new FetchSessionCache()): Route {
  return route(FetchApi, async (request, ctx) => {
    const version = ctx.header.apiVersion;
    const byId = version >= 13;
    const base = { throttleTimeMs: 0, nodeEndpoints: [] };
    const requestPartitions = request.topics.reduce((n, t) => n + t.partitions.length, 0);
    const context: FetchContext = version >= 7 ? sessions.open(request.sessionId, request.sessionEpoch, requestPartitions) : { kind: 'sessionless' };
    if (context.kind === 'error') {
      services.log.info(`fetch from ${ctx.clientHost}: ${context.message}`);
      return { ...base, errorCode: context.errorCode, sessionId: 0, responses: [] };
    }
    const session = context.kind === 'sessionless' ? null : context.session;
    let targets: Target[];
    if (context.kind === 'incremental') {
      targets = incrementalTargets(context.session, request, byId);
    } else {
      targets = requestTargets(request, byId);
      if (session) for (const t of targets) session.upsert(t.topicKey, t.partition, t.fetchOffset, t.partitionMaxBytes);
    }
    const incremental = context.kind === 'incremental';
    const answer = (c: Collected): Read[] => (incremental && session ? c.reads.filter((r) => changedSinceLastSent(session, r)) : c.reads);

    const replicaId = version <= 14 ? request.replicaId : request.replicaState.replicaId;
    const deadline = Date.now() + Math.max(0, request.maxWaitMs);
    let result = collect(services, targets, request.maxBytes, byId, replicaId);
    let reads = answer(result);
    while (result.bytes < request.minBytes && !result.hasError && Date.now() < deadline && result.logs.length > 0) {
      await waitForAnyAppend(result.logs, deadline - Date.now());
      result = collect(services, targets, request.maxBytes, byId, replicaId);
      reads = answer(result);
    }
    if (session) {
      rememberSent(session, reads);
      if (incremental) session.advanceEpoch();
    }
    return { ...base, errorCode: ErrorCode.NONE, sessionId: session?.id ?? 0, responses: byTopic(reads, byId) };
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
