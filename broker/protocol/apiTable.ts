// The table of every Kafka API this broker can decode and encode, keyed by API key. ApiVersions
// answers are derived from it, so what is advertised is exactly what has a schema.

import type { ApiSchema } from './schema.js';
import { AlterConfigsApi } from './apis/alterConfigs.js';
import { ApiVersionsApi } from './apis/apiVersions.js';
import { CreatePartitionsApi } from './apis/createPartitions.js';
import { CreateTopicsApi } from './apis/createTopics.js';
import { DeleteGroupsApi } from './apis/deleteGroups.js';
import { DeleteRecordsApi } from './apis/deleteRecords.js';
import { DeleteTopicsApi } from './apis/deleteTopics.js';
import { DescribeClusterApi } from './apis/describeCluster.js';
import { DescribeConfigsApi } from './apis/describeConfigs.js';
import { DescribeGroupsApi } from './apis/describeGroups.js';
import { DescribeLogDirsApi } from './apis/describeLogDirs.js';
import { FetchApi } from './apis/fetch.js';
import { FindCoordinatorApi } from './apis/findCoordinator.js';
import { HeartbeatApi } from './apis/heartbeat.js';
import { IncrementalAlterConfigsApi } from './apis/incrementalAlterConfigs.js';
import { InitProducerIdApi } from './apis/initProducerId.js';
import { JoinGroupApi } from './apis/joinGroup.js';
import { LeaveGroupApi } from './apis/leaveGroup.js';
import { ListGroupsApi } from './apis/listGroups.js';
import { ListOffsetsApi } from './apis/listOffsets.js';
import { MetadataApi } from './apis/metadata.js';
import { OffsetCommitApi } from './apis/offsetCommit.js';
import { OffsetDeleteApi } from './apis/offsetDelete.js';
import { OffsetFetchApi } from './apis/offsetFetch.js';
import { OffsetForLeaderEpochApi } from './apis/offsetForLeaderEpoch.js';
import { ProduceApi } from './apis/produce.js';
import { SaslAuthenticateApi } from './apis/saslAuthenticate.js';
import { SaslHandshakeApi } from './apis/saslHandshake.js';
import { SyncGroupApi } from './apis/syncGroup.js';

// The table forgets each API's message types; handlers use the typed XxxApi constants directly.
export type AnyApiSchema = ApiSchema<unknown, unknown>;

/** Every API with a schema, in API-key order. */
export const ALL_APIS: readonly AnyApiSchema[] = ([
  ProduceApi,
  FetchApi,
  ListOffsetsApi,
  MetadataApi,
  OffsetCommitApi,
  OffsetFetchApi,
  FindCoordinatorApi,
  JoinGroupApi,
  HeartbeatApi,
  LeaveGroupApi,
  SyncGroupApi,
  DescribeGroupsApi,
  ListGroupsApi,
  SaslHandshakeApi,
  ApiVersionsApi,
  CreateTopicsApi,
  DeleteTopicsApi,
  DeleteRecordsApi,
  InitProducerIdApi,
  OffsetForLeaderEpochApi,
  DescribeConfigsApi,
  AlterConfigsApi,
  DescribeLogDirsApi,
  SaslAuthenticateApi,
  CreatePartitionsApi,
  DeleteGroupsApi,
  IncrementalAlterConfigsApi,
  DescribeClusterApi,
  OffsetDeleteApi,
] as readonly AnyApiSchema[]).slice().sort((a, b) => a.key - b.key);

const BY_KEY = new Map<number, AnyApiSchema>(ALL_APIS.map((api) => [api.key, api]));

export function apiByKey(key: number): AnyApiSchema | undefined {
  return BY_KEY.get(key);
}
