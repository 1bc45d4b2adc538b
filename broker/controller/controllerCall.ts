// A controller operation as data (the op's name and its arguments), so it can cross the IPC channel
// between a broker and its supervisor, and the one place such a call is applied to the Controller.

import type { ControllerOperations } from './controller.js';

export type ControllerOp = keyof ControllerOperations;

export type ControllerCall = {
  readonly [Op in ControllerOp]: { readonly op: Op; readonly args: Parameters<ControllerOperations[Op]> };
}[ControllerOp];

export type ControllerResult = ReturnType<ControllerOperations[ControllerOp]>;

export function applyControllerCall(controller: ControllerOperations, call: ControllerCall): ControllerResult {
  switch (call.op) {
    case 'createTopics':
      return controller.createTopics(...call.args);
    case 'deleteTopics':
      return controller.deleteTopics(...call.args);
    case 'createPartitions':
      return controller.createPartitions(...call.args);
    case 'alterTopicConfigs':
      return controller.alterTopicConfigs(...call.args);
    case 'alterPartition':
      return controller.alterPartition(...call.args);
  }
}
