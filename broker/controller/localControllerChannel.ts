// A ControllerChannel for a controller in the same process (tests and single-process embedding):
// calls go straight to the Controller, whose change listeners deliver images to the brokers.

import type { ControllerChannel } from '../server/brokerServices.js';
import type { Controller } from './controller.js';

export function localControllerChannel(controller: Controller): ControllerChannel {
  const answer = <T>(results: T): Promise<{ results: T; epoch: number }> => Promise.resolve({ results, epoch: controller.image().epoch });
  return {
    createTopics: (specs, validateOnly) => answer(controller.createTopics(specs, validateOnly)),
    deleteTopics: (names) => answer(controller.deleteTopics(names)),
    createPartitions: (specs, validateOnly) => answer(controller.createPartitions(specs, validateOnly)),
    alterTopicConfigs: (alterations, validateOnly) => answer(controller.alterTopicConfigs(alterations, validateOnly)),
    alterPartition: (req) => Promise.resolve({ ...controller.alterPartition(req), epoch: controller.image().epoch }),
  };
}
