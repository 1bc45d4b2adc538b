// Commands of the Brokers view: stop (graceful), kill (SIGKILL) and restart one embedded broker through
// the supervisor's control channel, then refresh what depends on leadership.

import * as vscode from 'vscode';
import type { BrokerAction } from '../../broker/cluster/controlProtocol.js';
import type { ClusterSession } from '../cluster/clusterSession.js';
import { BrokerNode } from './brokerNodes.js';

export interface BrokerCommandServices {
  readonly session: ClusterSession;
  readonly log: vscode.LogOutputChannel;
  /** Called after an action, to redraw the Brokers and Topics views. */
  readonly refresh: () => void;
}

const ACTIONS: readonly { command: string; action: BrokerAction; verb: string }[] = [
  { command: 'kafkaWorkbench.stopBroker', action: 'stopBroker', verb: 'Stopping' },
  { command: 'kafkaWorkbench.killBroker', action: 'killBroker', verb: 'Killing' },
  { command: 'kafkaWorkbench.restartBroker', action: 'restartBroker', verb: 'Restarting' },
];

async function pickBroker(session: ClusterSession): Promise<number | undefined> {
  const status = await session.cluster.status();
  const picked = await vscode.window.showQuickPick(
    (status?.brokers ?? []).map((b) => ({ label: `Broker ${b.nodeId}`, description: `${b.host}:${b.port} · ${b.state}`, nodeId: b.nodeId })),
    { placeHolder: 'Which broker?' },
  );
  return picked?.nodeId;
}

export function registerBrokerCommands(services: BrokerCommandServices): vscode.Disposable[] {
  return ACTIONS.map(({ command, action, verb }) =>
    vscode.commands.registerCommand(command, async (node?: BrokerNode | number) => {
      const nodeId = node instanceof BrokerNode ? node.broker.nodeId : typeof node === 'number' ? node : await pickBroker(services.session);
      if (nodeId === undefined) {
        return;
      }
      try {
        await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `${verb} broker ${nodeId}…` },
          () => services.session.cluster.brokerAction(action, nodeId),
        );
        services.log.info(`${verb} broker ${nodeId}: done.`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        services.log.error(`${verb} broker ${nodeId} failed: ${message}`);
        void vscode.window.showErrorMessage(`Broker ${nodeId}: ${message}`);
      } finally {
        services.refresh();
      }
    }),
  );
}
