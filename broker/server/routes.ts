// The table of every API this broker serves. ApiVersions reads it back through the dispatcher.

import type { GroupCoordinator } from '../group/groupCoordinator.js';
import type { BrokerServices } from './brokerServices.js';
import { alterConfigsRoute } from './handlers/alterConfigs.js';
import { apiVersionsRoute } from './handlers/apiVersions.js';
import { createPartitionsRoute } from './handlers/createPartitions.js';
import { deleteGroupsRoute } from './handlers/deleteGroups.js';
import { deleteRecordsRoute } from './handlers/deleteRecords.js';
import { describeClusterRoute } from './handlers/describeCluster.js';
import { describeConfigsRoute } from './handlers/describeConfigs.js';
import { describeGroupsRoute } from './handlers/describeGroups.js';
import { describeLogDirsRoute } from './handlers/describeLogDirs.js';
import { incrementalAlterConfigsRoute } from './handlers/incrementalAlterConfigs.js';
import { listGroupsRoute } from './handlers/listGroups.js';
import { createTopicsRoute } from './handlers/createTopics.js';
import { deleteTopicsRoute } from './handlers/deleteTopics.js';
import { fetchRoute } from './handlers/fetch.js';
import { groupRoutes } from './handlers/groups.js';
import { initProducerIdRoute } from './handlers/initProducerId.js';
import { listOffsetsRoute } from './handlers/listOffsets.js';
import { metadataRoute } from './handlers/metadata.js';
import { offsetForLeaderEpochRoute } from './handlers/offsetForLeaderEpoch.js';
import { produceRoute } from './handlers/produce.js';
import { saslAuthenticateRoute } from './handlers/saslAuthenticate.js';
import { saslHandshakeRoute } from './handlers/saslHandshake.js';
import type { Route } from './route.js';

export function buildRoutes(
  services: BrokerServices,
  groups: GroupCoordinator,
  port: () => number,
  supported: () => Array<{ apiKey: number; minVersion: number; maxVersion: number }>,
): Route[] {
  return [
    apiVersionsRoute(supported),
    saslHandshakeRoute(),
    saslAuthenticateRoute(),
    metadataRoute(services),
    produceRoute(services),
    fetchRoute(services),
    listOffsetsRoute(services),
    initProducerIdRoute(services),
    offsetForLeaderEpochRoute(services),
    createTopicsRoute(services),
    deleteTopicsRoute(services),
    createPartitionsRoute(services),
    deleteRecordsRoute(services),
    describeConfigsRoute(services),
    alterConfigsRoute(services),
    incrementalAlterConfigsRoute(services),
    describeClusterRoute(services),
    describeLogDirsRoute(services),
    describeGroupsRoute(groups),
    listGroupsRoute(groups),
    deleteGroupsRoute(groups),
    ...groupRoutes(services, groups, port),
  ];
}
