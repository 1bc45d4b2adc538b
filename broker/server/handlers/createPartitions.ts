// CreatePartitions: grows topics (never shrinks them) through the controller; answers once this
// broker has the new partitions in its metadata and their logs open.

import { CreatePartitionsApi } from '../../protocol/apis/createPartitions.js';
import type { BrokerServices } from '../brokerServices.js';
import { route, type Route } from '../route.js';

export function createPartitionsRoute(services: BrokerServices): Route {
  return route(CreatePartitionsApi, async (request) => {
    const specs = request.topics.map((t) => ({
      name: t.name,
      count: t.count,
      assignments: t.assignments === null ? null : t.assignments.map((a) => a.brokerIds),
    }));
    const { results, epoch } = await services.controller.createPartitions(specs, request.validateOnly);
    if (!request.validateOnly) await services.replicas.waitForEpoch(epoch);
    return { throttleTimeMs: 0, results: results.map((r) => ({ name: r.name, errorCode: r.errorCode, errorMessage: r.errorMessage })) };
  });
}
