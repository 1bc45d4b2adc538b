// Metadata: brokers, controller, and topics with leaders, replicas and ISR. Unknown topics are created
// when the client allows it and auto.create.topics.enable is on, as in Kafka.

import { findTopic, findTopicById, type MetadataImage, type TopicState } from '../../controller/metadataImage.js';
import { checkTopicName } from '../../controller/topicRules.js';
import { MetadataApi, type MetadataResponse } from '../../protocol/apis/metadata.js';
import { ErrorCode } from '../../protocol/errors.js';
import { ZERO_UUID } from '../../protocol/schema.js';
import type { BrokerServices } from '../brokerServices.js';
import { route, type Route } from '../route.js';

type TopicEntry = MetadataResponse['topics'][number];

function describeTopic(topic: TopicState, image: MetadataImage): TopicEntry {
  const live = new Set(image.brokers.map((b) => b.nodeId));
  return {
    ...MetadataApi.response.empty().topics[0],
    errorCode: ErrorCode.NONE,
    name: topic.name,
    topicId: topic.topicId,
    isInternal: topic.internal,
    partitions: topic.partitions.map((p) => ({
      errorCode: live.has(p.leader) ? ErrorCode.NONE : ErrorCode.LEADER_NOT_AVAILABLE,
      partitionIndex: p.partition,
      leaderId: live.has(p.leader) ? p.leader : -1,
      leaderEpoch: p.leaderEpoch,
      replicaNodes: [...p.replicas],
      isrNodes: [...p.isr],
      offlineReplicas: p.replicas.filter((r) => !live.has(r)),
    })),
    topicAuthorizedOperations: -2147483648,
  };
}

function errorTopic(name: string | null, topicId: string, errorCode: number): TopicEntry {
  return { errorCode, name, topicId, isInternal: false, partitions: [], topicAuthorizedOperations: -2147483648 };
}

export function metadataRoute(services: BrokerServices): Route {
  return route(MetadataApi, async (request, ctx) => {
    const version = ctx.header.apiVersion;
    let image = services.metadata();
    const allTopics = request.topics === null || (version === 0 && request.topics.length === 0);
    const topics: TopicEntry[] = [];
    if (allTopics) {
      for (const t of image.topics) topics.push(describeTopic(t, image));
    } else {
      const missing = (request.topics ?? [])
        .map((t) => t.name)
        .filter((name): name is string => name !== null && !findTopic(image, name) && checkTopicName(name) === null);
      if (missing.length > 0 && request.allowAutoTopicCreation && services.config.autoCreateTopics) {
        const unique = [...new Set(missing)];
        const { epoch } = await services.controller.createTopics(
          unique.map((name) => ({ name, numPartitions: -1, replicationFactor: -1, configs: {} })),
          false,
        );
        await services.replicas.waitForEpoch(epoch);
        image = services.metadata();
      }
      for (const t of request.topics ?? []) {
        if (t.name === null) {
          const byId = findTopicById(image, t.topicId);
          topics.push(byId ? describeTopic(byId, image) : errorTopic(null, t.topicId, ErrorCode.UNKNOWN_TOPIC_ID));
          continue;
        }
        const found = findTopic(image, t.name);
        if (found) topics.push(describeTopic(found, image));
        else if (checkTopicName(t.name)) topics.push(errorTopic(t.name, ZERO_UUID, ErrorCode.INVALID_TOPIC_EXCEPTION));
        else topics.push(errorTopic(t.name, ZERO_UUID, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION));
      }
    }
    return {
      throttleTimeMs: 0,
      brokers: image.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: null })),
      clusterId: image.clusterId,
      controllerId: image.controllerId,
      topics,
      clusterAuthorizedOperations: -2147483648,
    };
  });
}
