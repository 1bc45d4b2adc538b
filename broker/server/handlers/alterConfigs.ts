// AlterConfigs: replaces a topic's whole set of config overrides (keys left out go back to defaults).

import { AlterConfigsApi } from '../../protocol/apis/alterConfigs.js';
import type { BrokerServices } from '../brokerServices.js';
import { route, type Route } from '../route.js';
import { alterResources } from './topicConfigAlteration.js';

export function alterConfigsRoute(services: BrokerServices): Route {
  return route(AlterConfigsApi, async (request) => {
    const resources = request.resources.map((r) => {
      const replace: Record<string, string | null> = {};
      for (const c of r.configs) replace[c.name] = c.value;
      return { resourceType: r.resourceType, resourceName: r.resourceName, alteration: { topic: r.resourceName, replace } };
    });
    return { throttleTimeMs: 0, responses: await alterResources(services, resources, request.validateOnly) };
  });
}
