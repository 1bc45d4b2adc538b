// The group APIs, translated between wire messages and the GroupCoordinator's typed calls. Each
// group belongs to the broker leading its `__consumer_offsets` partition; others answer NOT_COORDINATOR.

import type { GroupCoordinator } from '../../group/groupCoordinator.js';
import { coordinatorFor, OffsetsTopicCreator } from '../../group/offsetsTopic.js';
import type { FetchedOffset, TopicPartition } from '../../group/groupTypes.js';
import { FindCoordinatorApi } from '../../protocol/apis/findCoordinator.js';
import { HeartbeatApi } from '../../protocol/apis/heartbeat.js';
import { JoinGroupApi } from '../../protocol/apis/joinGroup.js';
import { LeaveGroupApi } from '../../protocol/apis/leaveGroup.js';
import { OffsetCommitApi } from '../../protocol/apis/offsetCommit.js';
import { OffsetFetchApi } from '../../protocol/apis/offsetFetch.js';
import { SyncGroupApi } from '../../protocol/apis/syncGroup.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { BrokerServices } from '../brokerServices.js';
import { route, type Route } from '../route.js';
import { offsetDeleteRoute } from './offsetDelete.js';

const GROUP_KEY_TYPE = 0;

type CoordinatorAnswer = { key: string; nodeId: number; host: string; port: number; errorCode: number; errorMessage: string | null };

/**
 * The coordinator of a group is the leader of its `__consumer_offsets` partition; the topic is created
 * on the first FindCoordinator, as Kafka does.
 */
function findCoordinatorRoute(services: BrokerServices): Route {
  const offsetsTopic = new OffsetsTopicCreator(
    services.controller,
    services.replicas,
    () => services.metadata(),
    services.config.offsetsTopicNumPartitions,
    (line) => services.log.info(line),
  );
  return route(FindCoordinatorApi, async (request, ctx) => {
    const keys = ctx.header.apiVersion >= 4 ? request.coordinatorKeys : [request.key];
    let topicReady = true;
    if (request.keyType === GROUP_KEY_TYPE) {
      try {
        await offsetsTopic.ensure();
      } catch (error) {
        services.log.error(String(error));
        topicReady = false;
      }
    }
    const answer = (key: string): CoordinatorAnswer => {
      if (request.keyType !== GROUP_KEY_TYPE) {
        return { key, nodeId: -1, host: '', port: -1, errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, errorMessage: 'Transactions are not supported by this broker.' };
      }
      const found = topicReady ? coordinatorFor(services.metadata(), key) : { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, nodeId: -1, host: '', port: -1 };
      const errorMessage = found.errorCode === ErrorCode.NONE ? null : 'The coordinator is not available.';
      return { key, ...found, errorMessage };
    };
    const answers = keys.map(answer);
    if (ctx.header.apiVersion >= 4) return { ...FindCoordinatorApi.response.empty(), coordinators: answers };
    const one = answers[0];
    return { ...FindCoordinatorApi.response.empty(), errorCode: one.errorCode, errorMessage: one.errorMessage, nodeId: one.nodeId, host: one.host, port: one.port };
  });
}

function joinGroupRoute(groups: GroupCoordinator): Route {
  return route(JoinGroupApi, async (request, ctx) => {
    const result = await groups.joinGroup({
      groupId: request.groupId,
      memberId: request.memberId,
      groupInstanceId: request.groupInstanceId,
      clientId: ctx.header.clientId ?? '',
      clientHost: ctx.clientHost,
      sessionTimeoutMs: request.sessionTimeoutMs,
      rebalanceTimeoutMs: ctx.header.apiVersion >= 1 ? request.rebalanceTimeoutMs : request.sessionTimeoutMs,
      protocolType: request.protocolType,
      protocols: request.protocols.map((p) => ({ name: p.name, metadata: Buffer.from(p.metadata) })),
      requireKnownMemberId: ctx.header.apiVersion >= 4,
      reason: request.reason,
    });
    return {
      throttleTimeMs: 0,
      errorCode: result.errorCode,
      generationId: result.generationId,
      protocolType: result.protocolType,
      // Before v7 the protocol name is not nullable on the wire.
      protocolName: ctx.header.apiVersion >= 7 ? result.protocolName : (result.protocolName ?? ''),
      leader: result.leader,
      skipAssignment: result.skipAssignment,
      memberId: result.memberId,
      members: result.members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, metadata: m.metadata })),
    };
  });
}

function syncGroupRoute(groups: GroupCoordinator): Route {
  return route(SyncGroupApi, async (request) => {
    const result = await groups.syncGroup({
      groupId: request.groupId,
      generationId: request.generationId,
      memberId: request.memberId,
      groupInstanceId: request.groupInstanceId,
      protocolType: request.protocolType,
      protocolName: request.protocolName,
      assignments: request.assignments.map((a) => ({ memberId: a.memberId, assignment: Buffer.from(a.assignment) })),
    });
    return { throttleTimeMs: 0, ...result };
  });
}

function heartbeatRoute(groups: GroupCoordinator): Route {
  return route(HeartbeatApi, (request) => ({
    throttleTimeMs: 0,
    errorCode: groups.heartbeat({
      groupId: request.groupId,
      generationId: request.generationId,
      memberId: request.memberId,
      groupInstanceId: request.groupInstanceId,
    }),
  }));
}

function leaveGroupRoute(groups: GroupCoordinator): Route {
  return route(LeaveGroupApi, (request, ctx) => {
    const members =
      ctx.header.apiVersion >= 3 ? request.members : [{ memberId: request.memberId, groupInstanceId: null, reason: null }];
    const result = groups.leaveGroup({ groupId: request.groupId, members });
    if (ctx.header.apiVersion < 3) {
      // v0-2 carry one member and report its error at the top level.
      return { throttleTimeMs: 0, errorCode: result.errorCode || (result.members[0]?.errorCode ?? ErrorCode.NONE), members: [] };
    }
    return { throttleTimeMs: 0, ...result };
  });
}

function offsetCommitRoute(groups: GroupCoordinator): Route {
  return route(OffsetCommitApi, async (request) => {
    const errors = await groups.commitOffsets({
      groupId: request.groupId,
      generationId: request.generationIdOrMemberEpoch,
      memberId: request.memberId,
      groupInstanceId: request.groupInstanceId,
      offsets: request.topics.flatMap((t) =>
        t.partitions.map((p) => ({
          topic: t.name,
          partition: p.partitionIndex,
          offset: p.committedOffset,
          leaderEpoch: p.committedLeaderEpoch,
          metadata: p.committedMetadata,
        })),
      ),
    });
    const byTopic = new Map<string, Array<{ partitionIndex: number; errorCode: number }>>();
    for (const e of errors) {
      const list = byTopic.get(e.topic) ?? [];
      list.push({ partitionIndex: e.partition, errorCode: e.errorCode });
      byTopic.set(e.topic, list);
    }
    return { throttleTimeMs: 0, topics: [...byTopic].map(([name, partitions]) => ({ name, partitions })) };
  });
}

type WireTopics = Array<{ name: string; partitions: Array<{ partitionIndex: number; committedOffset: bigint; committedLeaderEpoch: number; metadata: string | null; errorCode: number }> }>;

function groupByTopic(offsets: readonly FetchedOffset[]): WireTopics {
  const byTopic = new Map<string, WireTopics[number]['partitions']>();
  for (const o of offsets) {
    const list = byTopic.get(o.topic) ?? [];
    list.push({ partitionIndex: o.partition, committedOffset: o.offset, committedLeaderEpoch: o.leaderEpoch, metadata: o.metadata, errorCode: o.errorCode });
    byTopic.set(o.topic, list);
  }
  return [...byTopic].map(([name, partitions]) => ({ name, partitions }));
}

function wantedPartitions(topics: Array<{ name: string; partitionIndexes: number[] }> | null): TopicPartition[] | null {
  return topics === null ? null : topics.flatMap((t) => t.partitionIndexes.map((partition) => ({ topic: t.name, partition })));
}

function offsetFetchRoute(groups: GroupCoordinator): Route {
  return route(OffsetFetchApi, async (request, ctx) => {
    if (ctx.header.apiVersion >= 8) {
      const results = await Promise.all(
        request.groups.map(async (g) => {
          const r = await groups.fetchOffsets({ groupId: g.groupId, partitions: wantedPartitions(g.topics), requireStable: request.requireStable });
          return { groupId: g.groupId, topics: groupByTopic(r.offsets), errorCode: r.errorCode };
        }),
      );
      return { ...OffsetFetchApi.response.empty(), groups: results };
    }
    const r = await groups.fetchOffsets({ groupId: request.groupId, partitions: wantedPartitions(request.topics), requireStable: request.requireStable });
    return { ...OffsetFetchApi.response.empty(), topics: groupByTopic(r.offsets), errorCode: r.errorCode };
  });
}

export function groupRoutes(services: BrokerServices, groups: GroupCoordinator, _port: () => number): Route[] {
  return [
    findCoordinatorRoute(services),
    joinGroupRoute(groups),
    syncGroupRoute(groups),
    heartbeatRoute(groups),
    leaveGroupRoute(groups),
    offsetCommitRoute(groups),
    offsetFetchRoute(groups),
    offsetDeleteRoute(groups),
  ];
}
