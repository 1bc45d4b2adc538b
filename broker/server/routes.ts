// The table of every API this broker serves. ApiVersions reads it back through the dispatcher.

import type { GroupCoordinator } from '../group/groupCoordinator.js';
import type { BrokerServices } from './brokerServices.js';
import { apiVersionsRoute } from './handlers/apiVersions.js';
import { createTopicsRoute } from './handlers/createTopics.js';
import { deleteTopicsRoute } from './handlers/deleteTopics.js';
import { fetchRoute } from './handlers/fetch.js';
import { groupRoutes } from './handlers/groups.js';
import { listOffsetsRoute } from './handlers/listOffsets.js';
import { metadataRoute } from './handlers/metadata.js';
import { produceRoute } from './handlers/produce.js';
import type { Route } from './route.js';

export function buildRoutes(
  services: BrokerServices,
  groups: GroupCoordinator,
  port: () => number,
  supported: () => Array<{ apiKey: number; minVersion: number; maxVersion: number }>,
): Route[] {
  return [
    apiVersionsRoute(supported),
    metadataRoute(services),
    produceRoute(services),
    fetchRoute(services),
    listOffsetsRoute(services),
    createTopicsRoute(services),
    deleteTopicsRoute(services),
    ...groupRoutes(services, groups, port),
  ];
}
