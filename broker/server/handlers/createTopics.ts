// CreateTopics: handed to the controller (which validates names, counts and configs); answers once
// this broker has applied the new metadata, so a client that produces right after creating a topic finds it.

import { CreateTopicsApi } from '../../protocol/apis/createTopics.js';
import { ErrorCode } from '../../protocol/errors.js';
import { effectiveTopicConfigs, normalizeTopicConfigs } from '../../controller/topicConfigs.js';
import type { BrokerServices } from '../brokerServices.js';
import { route, type Route } from '../route.js';
import { brokerTopicDefaults } from './topicConfig.js';

export function createTopicsRoute(services: BrokerServices): Route {
  return route(CreateTopicsApi, async (request) => {
    const specs = request.topics.map((t) => {
      const configs: Record<string, string> = {};
      for (const c of t.configs) if (c.value !== null) configs[c.name] = c.value;
      // Kafka numbers assigned partitions by partition_index; the controller takes them in that order.
      const assignments = [...t.assignments].sort((a, b) => a.partitionIndex - b.partitionIndex).map((a) => a.brokerIds);
      return { name: t.name, numPartitions: t.numPartitions, replicationFactor: t.replicationFactor, configs, assignments };
    });
    const { results, epoch } = await services.controller.createTopics(specs, request.validateOnly);
    if (!request.validateOnly) await services.replicas.waitForEpoch(epoch);
    // v5+ returns the created topic's effective configs; the controller accepted these, so they normalize.
    const configsOf = (index: number): Array<{ name: string; value: string; readOnly: boolean; configSource: number; isSensitive: boolean }> =>
      effectiveTopicConfigs(normalizeTopicConfigs(specs[index]?.configs ?? {}), brokerTopicDefaults(services.config)).map((c) => ({
        name: c.key.name,
        value: c.value,
        readOnly: false,
        configSource: c.source,
        isSensitive: false,
      }));
    return {
      throttleTimeMs: 0,
      topics: results.map((r, index) => ({
        name: r.name,
        topicId: r.topicId || '0'.repeat(32),
        errorCode: r.errorCode,
        errorMessage: r.errorMessage,
        topicConfigErrorCode: 0,
        numPartitions: r.errorCode === ErrorCode.NONE ? r.numPartitions : -1,
        replicationFactor: r.errorCode === ErrorCode.NONE ? r.replicationFactor : -1,
        configs: r.errorCode === ErrorCode.NONE ? configsOf(index) : null,
      })),
    };
  });
}
