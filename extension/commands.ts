// Every command the extension contributes, as a table of id -> handler over the composition root's
// services; package.json declares the same ids.

import * as vscode from 'vscode';
import type { ClusterSession } from './cluster/clusterSession.js';
import { deleteGroup, resetOffsets } from './groups/groupCommands.js';
import type { GroupsTreeProvider } from './groups/groupsTreeProvider.js';
import type { ProduceTailPanels } from './panels/produceTailPanels.js';
import { TOPIC_COMMANDS } from './topics/topicCommands.js';
import { TopicNode } from './views/topicNodes.js';
import type { TopicsTreeProvider } from './views/topicsTreeProvider.js';

export interface CommandServices {
  readonly session: ClusterSession;
  readonly topics: TopicsTreeProvider;
  readonly groups: GroupsTreeProvider;
  readonly panels: ProduceTailPanels;
  readonly log: vscode.LogOutputChannel;
  /** Starts or attaches to the embedded cluster. */
  startCluster(): Promise<void>;
}

type CommandHandler = (services: CommandServices, ...args: unknown[]) => unknown;

async function pickTopicName(services: CommandServices, argument: unknown, placeHolder: string): Promise<string | undefined> {
  if (argument instanceof TopicNode) {
    return argument.topic.name;
  }
  if (typeof argument === 'string') {
    return argument;
  }
  const clients = services.session.clients();
  if (clients === undefined) {
    void vscode.window.showWarningMessage('The Kafka cluster is not running.');
    return undefined;
  }
  const names = (await clients.admin().listTopics()).filter((name) => !name.startsWith('__')).sort();
  return vscode.window.showQuickPick(names, { placeHolder });
}

async function openProduceTail(services: CommandServices, argument: unknown): Promise<void> {
  const name = await pickTopicName(services, argument, 'Topic to produce to and tail');
  if (name !== undefined) {
    services.panels.show(name);
  }
}

async function copyBootstrapServers(services: CommandServices): Promise<void> {
  const state = services.session.state;
  if (state.kind !== 'running') {
    void vscode.window.showWarningMessage('The Kafka cluster is not running.');
    return;
  }
  await vscode.env.clipboard.writeText(state.bootstrapServers);
  void vscode.window.showInformationMessage(`Copied bootstrap servers: ${state.bootstrapServers}`);
}

export const COMMANDS: Readonly<Record<string, CommandHandler>> = {
  'kafkaWorkbench.refreshTopics': (services) => services.topics.refresh(),
  'kafkaWorkbench.refreshGroups': (services) => services.groups.refresh(),
  'kafkaWorkbench.deleteGroup': deleteGroup,
  'kafkaWorkbench.resetGroupOffsets': resetOffsets,
  ...TOPIC_COMMANDS,
  'kafkaWorkbench.openProduceTail': openProduceTail,
  'kafkaWorkbench.copyBootstrapServers': copyBootstrapServers,
  'kafkaWorkbench.startCluster': (services) => services.startCluster(),
  'kafkaWorkbench.showLog': (services) => services.log.show(),
};

export function registerCommands(services: CommandServices): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, handler]) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => handler(services, ...args)),
  );
}
