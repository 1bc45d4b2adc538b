// What AlterConfigs and IncrementalAlterConfigs share: topic changes go to the controller in one call,
// broker resources are refused (broker configs are fixed at start), and the answer waits for the new image.

import type { ResourceResult, TopicConfigAlteration } from '../../controller/controller.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { BrokerServices } from '../brokerServices.js';
import { BROKER_RESOURCE, TOPIC_RESOURCE } from './describeConfigs.js';

export interface AlterationOutcome {
  errorCode: number;
  errorMessage: string | null;
  resourceType: number;
  resourceName: string;
}

export async function alterResources(
  services: BrokerServices,
  resources: ReadonlyArray<{ resourceType: number; resourceName: string; alteration: TopicConfigAlteration }>,
  validateOnly: boolean,
): Promise<AlterationOutcome[]> {
  const topicResources = resources.filter((r) => r.resourceType === TOPIC_RESOURCE);
  let results: ResourceResult[] = [];
  if (topicResources.length > 0) {
    const reply = await services.controller.alterTopicConfigs(topicResources.map((r) => r.alteration), validateOnly);
    if (!validateOnly) await services.replicas.waitForEpoch(reply.epoch);
    results = reply.results;
  }
  let next = 0;
  return resources.map((r) => {
    const base = { resourceType: r.resourceType, resourceName: r.resourceName };
    if (r.resourceType === TOPIC_RESOURCE) {
      const result = results[next++];
      return { ...base, errorCode: result?.errorCode ?? ErrorCode.UNKNOWN_SERVER_ERROR, errorMessage: result?.errorMessage ?? null };
    }
    if (r.resourceType === BROKER_RESOURCE) {
      return { ...base, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Broker configs are fixed when the broker starts and cannot be altered.' };
    }
    return { ...base, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unsupported resource type ${r.resourceType}.` };
  });
}
