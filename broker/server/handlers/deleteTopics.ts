// DeleteTopics: by name (all versions) or by topic id (v6+), handed to the controller.

import { findTopicById } from '../../controller/metadataImage.js';
import { DeleteTopicsApi } from '../../protocol/apis/deleteTopics.js';
import { ErrorCode } from '../../protocol/errors.js';
import { ZERO_UUID } from '../../protocol/schema.js';
import type { BrokerServices } from '../brokerServices.js';
import { route, type Route } from '../route.js';

export function deleteTopicsRoute(services: BrokerServices): Route {
  return route(DeleteTopicsApi, async (request, ctx) => {
    const image = services.metadata();
    const names: string[] = [];
    const unknownIds: string[] = [];
    if (ctx.header.apiVersion >= 6) {
      for (const t of request.topics) {
        if (t.name !== null) names.push(t.name);
        else {
          const byId = findTopicById(image, t.topicId);
          if (byId) names.push(byId.name);
          else unknownIds.push(t.topicId);
        }
      }
    } else {
      names.push(...request.topicNames);
    }
    const { results, epoch } = await services.controller.deleteTopics(names);
    await services.replicas.waitForEpoch(epoch);
    return {
      throttleTimeMs: 0,
      responses: [
        ...results.map((r) => ({ name: r.name, topicId: r.topicId || ZERO_UUID, errorCode: r.errorCode, errorMessage: r.errorMessage })),
        ...unknownIds.map((topicId) => ({
          name: null,
          topicId,
          errorCode: ErrorCode.UNKNOWN_TOPIC_ID,
          errorMessage: 'This server does not host this topic ID.',
        })),
      ],
    };
  });
}
