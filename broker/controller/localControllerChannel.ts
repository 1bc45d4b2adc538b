// A ControllerChannel for a controller in the same process (tests and single-process embedding):
// calls go straight to the Controller, whose change listeners deliver images to the brokers.

import type { ControllerChannel } from '../server/brokerServices.js';
import type { Controller } from './controller.js';

export function localControllerChannel(controller: Controller): ControllerChannel {
  return {
    createTopics: (specs, validateOnly) => {
      const results = controller.createTopics(specs, validateOnly);
      return Promise.resolve({ results, epoch: controller.image().epoch });
    },
    deleteTopics: (names) => {
      const results = controller.deleteTopics(names);
      return Promise.resolve({ results, epoch: controller.image().epoch });
    },
  };
}
