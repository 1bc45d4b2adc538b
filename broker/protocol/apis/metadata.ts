// Metadata (key 3), versions 0-12; flexible from 9.
// Request => [topics: topic_id(v10+) name] allow_auto_topic_creation(v4+)
//   include_cluster_authorized_operations(v8-10) include_topic_authorized_operations(v8+)
// Response => throttle_time_ms(v3+) [brokers: node_id host port rack(v1+)] cluster_id(v2+) controller_id(v1+)
//   [topics: error_code name topic_id(v10+) is_internal(v1+) [partitions: error_code partition_index leader_id
//   leader_epoch(v7+) [replica_nodes] [isr_nodes] [offline_replicas](v5+)] topic_authorized_operations(v8+)]
//   cluster_authorized_operations(v8-10)
// Request topics is null (v1+) for "all topics"; in v0 an empty array means all topics.

import { array, bool, defineApi, f, int16, int32, narray, nstr, str, struct, uuid, type Infer } from '../schema.js';

/** Kafka's "authorized operations were not requested" marker. */
const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;

export const MetadataApi = defineApi({
  key: 3,
  name: 'Metadata',
  minVersion: 0,
  maxVersion: 12,
  flexibleFrom: 9,
  request: struct({
    topics: f(narray(struct({
      topicId: f(uuid, '10+'),
      name: f(nstr),
    }))),
    allowAutoTopicCreation: f(bool, '4+', () => true),
    includeClusterAuthorizedOperations: f(bool, '8-10'),
    includeTopicAuthorizedOperations: f(bool, '8+'),
  }),
  response: struct({
    throttleTimeMs: f(int32, '3+'),
    brokers: f(array(struct({
      nodeId: f(int32),
      host: f(str),
      port: f(int32),
      rack: f(nstr, '1+'),
    }))),
    clusterId: f(nstr, '2+'),
    controllerId: f(int32, '1+', () => -1),
    topics: f(array(struct({
      errorCode: f(int16),
      name: f(nstr),
      topicId: f(uuid, '10+'),
      isInternal: f(bool, '1+'),
      partitions: f(array(struct({
        errorCode: f(int16),
        partitionIndex: f(int32),
        leaderId: f(int32),
        leaderEpoch: f(int32, '7+', () => -1),
        replicaNodes: f(array(int32)),
        isrNodes: f(array(int32)),
        offlineReplicas: f(array(int32), '5+'),
      }))),
      topicAuthorizedOperations: f(int32, '8+', () => AUTHORIZED_OPERATIONS_OMITTED),
    }))),
    clusterAuthorizedOperations: f(int32, '8-10', () => AUTHORIZED_OPERATIONS_OMITTED),
  }),
});

export type MetadataRequest = Infer<typeof MetadataApi.request>;
export type MetadataResponse = Infer<typeof MetadataApi.response>;
