// IncrementalAlterConfigs: SET, DELETE, APPEND and SUBTRACT single entries of a topic's config overrides.

import { IncrementalAlterConfigsApi } from '../../protocol/apis/incrementalAlterConfigs.js';
import type { BrokerServices } from '../brokerServices.js';
import { route, type Route } from '../route.js';
import { alterResources } from './topicConfigAlteration.js';

export function incrementalAlterConfigsRoute(services: BrokerServices): Route {
  return route(IncrementalAlterConfigsApi, async (request) => {
    const resources = request.resources.map((r) => ({
      resourceType: r.resourceType,
      resourceName: r.resourceName,
      alteration: { topic: r.resourceName, changes: r.configs.map((c) => ({ name: c.name, op: c.configOperation, value: c.value })) },
    }));
    return { throttleTimeMs: 0, responses: await alterResources(services, resources, request.validateOnly) };
  });
}
