// DescribeConfigs: every config of a topic (its overrides and the defaults, with their sources) or of
// this broker (read-only values from its BrokerConfig), with synonyms and documentation when asked.

import { findTopic } from '../../controller/metadataImage.js';
import { CONFIG_TYPE_CODE, ConfigSource, DEFAULT_SEGMENT_BYTES, type ConfigType } from '../../controller/topicConfigs.js';
import { DescribeConfigsApi, type DescribeConfigsResponse } from '../../protocol/apis/describeConfigs.js';
import { ErrorCode } from '../../protocol/errors.js';
import { DEFAULT_BROKER_CONFIG, type BrokerConfig, type BrokerServices } from '../brokerServices.js';
import { route, type Route } from '../route.js';
import { topicConfigsOf } from './topicConfig.js';

export const TOPIC_RESOURCE = 2;
export const BROKER_RESOURCE = 4;

type ResultEntry = DescribeConfigsResponse['results'][number];
type ConfigEntry = ResultEntry['configs'][number];

interface BrokerConfigEntry {
  readonly name: string;
  readonly value: string;
  readonly isDefault: boolean;
  readonly type: ConfigType;
  readonly documentation: string;
}

/** The broker configs this broker reports; all read-only here, as they are fixed when the broker starts. */
export function brokerConfigEntries(config: BrokerConfig): BrokerConfigEntry[] {
  const d = DEFAULT_BROKER_CONFIG;
  const entry = (name: string, value: string | number | boolean, def: string | number | boolean | null, type: ConfigType, documentation: string): BrokerConfigEntry => ({
    name,
    value: String(value),
    isDefault: def !== null && String(def) === String(value),
    type,
    documentation,
  });
  return [
    entry('auto.create.topics.enable', config.autoCreateTopics, d.autoCreateTopics, 'BOOLEAN', 'Create a topic when a Metadata request names one that does not exist.'),
    entry('broker.id', config.nodeId, null, 'INT', 'This broker\'s id in the cluster.'),
    entry('default.replication.factor', 1, 1, 'INT', 'The replication factor of topics created without one.'),
    entry('group.initial.rebalance.delay.ms', config.groupInitialRebalanceDelayMs, d.groupInitialRebalanceDelayMs, 'INT', 'How long a new group waits for more members before its first rebalance.'),
    entry('group.min.session.timeout.ms', config.groupMinSessionTimeoutMs, d.groupMinSessionTimeoutMs, 'INT', 'The shortest session timeout a group member may ask for.'),
    entry('listeners', `PLAINTEXT://${config.host}:${config.port}`, null, 'STRING', 'The address this broker listens on.'),
    entry('log.cleanup.policy', 'delete', 'delete', 'LIST', 'The default cleanup policy of topics.'),
    entry('log.dirs', config.dataDir, null, 'STRING', 'The directory holding this broker\'s partition logs.'),
    entry('log.message.timestamp.type', 'CreateTime', 'CreateTime', 'STRING', 'The default message.timestamp.type of topics.'),
    entry('log.retention.bytes', -1, -1, 'LONG', 'The default retention.bytes of topics.'),
    entry('log.retention.ms', 604800000, 604800000, 'LONG', 'The default retention.ms of topics.'),
    entry('log.roll.ms', 604800000, 604800000, 'LONG', 'The default segment.ms of topics.'),
    entry('log.segment.bytes', DEFAULT_SEGMENT_BYTES, DEFAULT_SEGMENT_BYTES, 'INT', 'The default segment.bytes of topics: 64 MiB here, not Kafka\'s 1 GiB.'),
    entry('message.max.bytes', config.defaultMaxMessageBytes, d.defaultMaxMessageBytes, 'INT', 'The default max.message.bytes of topics: the largest record batch accepted.'),
    entry('min.insync.replicas', 1, 1, 'INT', 'The default min.insync.replicas of topics.'),
    entry('node.id', config.nodeId, null, 'INT', 'This broker\'s id in the cluster.'),
    entry('num.partitions', config.defaultNumPartitions, d.defaultNumPartitions, 'INT', 'The number of partitions of topics created without a count.'),
    entry('offsets.commit.timeout.ms', config.offsetsCommitTimeoutMs, d.offsetsCommitTimeoutMs, 'INT', 'How long an offset commit waits for every in-sync replica of its __consumer_offsets partition.'),
    entry('offsets.topic.num.partitions', config.offsetsTopicNumPartitions, d.offsetsTopicNumPartitions, 'INT', 'The number of partitions of __consumer_offsets, when it is created.'),
    entry('socket.request.max.bytes', config.socketRequestMaxBytes, d.socketRequestMaxBytes, 'INT', 'The largest request frame accepted; larger ones close the connection.'),
  ];
}

function describeTopic(services: BrokerServices, name: string, keys: readonly string[] | null, synonyms: boolean, docs: boolean): ResultEntry {
  const topic = findTopic(services.metadata(), name);
  if (!topic) {
    return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: `The topic '${name}' does not exist.`, resourceType: TOPIC_RESOURCE, resourceName: name, configs: [] };
  }
  const configs: ConfigEntry[] = topicConfigsOf(topic, services.config)
    .filter((c) => keys === null || keys.includes(c.key.name))
    .map((c) => {
      const brokerDefault = { name: c.key.brokerSynonym, value: c.source === ConfigSource.DEFAULT_CONFIG ? c.value : c.key.defaultValue, source: ConfigSource.DEFAULT_CONFIG };
      return {
        name: c.key.name,
        value: c.value,
        readOnly: false,
        configSource: c.source,
        isSensitive: false,
        synonyms: !synonyms ? [] : c.source === ConfigSource.DYNAMIC_TOPIC_CONFIG ? [{ name: c.key.name, value: c.value, source: c.source }, brokerDefault] : [brokerDefault],
        configType: CONFIG_TYPE_CODE[c.key.type],
        documentation: docs ? c.key.documentation : null,
      };
    });
  return { errorCode: ErrorCode.NONE, errorMessage: null, resourceType: TOPIC_RESOURCE, resourceName: name, configs };
}

function describeBroker(services: BrokerServices, name: string, keys: readonly string[] | null, synonyms: boolean, docs: boolean): ResultEntry {
  const self = String(services.config.nodeId);
  if (name !== '' && name !== self) {
    return {
      errorCode: ErrorCode.INVALID_REQUEST,
      errorMessage: `Unexpected broker id, expected ${self} or empty string, but received ${name}`,
      resourceType: BROKER_RESOURCE,
      resourceName: name,
      configs: [],
    };
  }
  const configs: ConfigEntry[] = brokerConfigEntries(services.config)
    .filter((e) => keys === null || keys.includes(e.name))
    .map((e) => {
      const source = e.isDefault ? ConfigSource.DEFAULT_CONFIG : ConfigSource.STATIC_BROKER_CONFIG;
      return {
        name: e.name,
        value: e.value,
        readOnly: true,
        configSource: source,
        isSensitive: false,
        synonyms: synonyms ? [{ name: e.name, value: e.value, source }] : [],
        configType: CONFIG_TYPE_CODE[e.type],
        documentation: docs ? e.documentation : null,
      };
    });
  return { errorCode: ErrorCode.NONE, errorMessage: null, resourceType: BROKER_RESOURCE, resourceName: name, configs };
}

export function describeConfigsRoute(services: BrokerServices): Route {
  return route(DescribeConfigsApi, (request, ctx) => {
    const synonyms = request.includeSynonyms;
    const docs = ctx.header.apiVersion >= 3 && request.includeDocumentation;
    return {
      throttleTimeMs: 0,
      results: request.resources.map((r): ResultEntry => {
        if (r.resourceType === TOPIC_RESOURCE) return describeTopic(services, r.resourceName, r.configurationKeys, synonyms, docs);
        if (r.resourceType === BROKER_RESOURCE) return describeBroker(services, r.resourceName, r.configurationKeys, synonyms, docs);
        return {
          errorCode: ErrorCode.INVALID_REQUEST,
          errorMessage: `Unsupported resource type ${r.resourceType}; this broker describes topics (2) and brokers (4).`,
          resourceType: r.resourceType,
          resourceName: r.resourceName,
          configs: [],
        };
      }),
    };
  });
}
