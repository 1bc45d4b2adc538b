// The Topics view's commands: create (name, partitions, replication factor, configs, checked as the
// user types), delete and empty (each confirmed by name), add partitions, edit configs, copy the
// name, filter and sort. Long operations show progress; the view refreshes after every change.

import * as vscode from 'vscode';
import type { CommandServices } from '../commands.js';
import { kafkaErrorText } from '../kafka/kafkaErrorText.js';
import { addPartitions, createTopic, emptyTopic, setTopicConfig } from '../kafka/topicAdmin.js';
import { describeTopicConfigs, type TopicConfigEntry } from '../kafka/topicCatalog.js';
import { PartitionNode, TopicConfigNode, TopicConfigsNode, TopicNode } from '../views/topicNodes.js';
import { configsProblem, newPartitionCountProblem, parseConfigs, replicationFactorProblem } from './topicConfigInput.js';
import { parsePartitionCount, partitionCountProblem, topicNameProblem } from './topicInputValidation.js';

type TopicCommand = (services: CommandServices, ...args: unknown[]) => unknown;

/** The topic a command was invoked on: a tree node, a name, or one the user picks. */
export async function pickTopic(services: CommandServices, argument: unknown, placeHolder: string): Promise<string | undefined> {
  if (argument instanceof TopicNode) {
    return argument.topic.name;
  }
  if (argument instanceof PartitionNode || argument instanceof TopicConfigsNode || argument instanceof TopicConfigNode) {
    return argument.topicName;
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
  return vscode.window.showQuickPick(names, { placeHolder, title: placeHolder });
}

/** Runs `work` under a progress notification; reports failure with the broker's message; refreshes the view. */
async function withProgress<T>(services: CommandServices, title: string, failure: string, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, work);
  } catch (error) {
    const text = kafkaErrorText(error);
    services.log.error(`${failure}: ${text}`);
    void vscode.window.showErrorMessage(`${failure}: ${text}`);
    return undefined;
  } finally {
    services.topics.refresh();
  }
}

function clientsOrWarn(services: CommandServices): ReturnType<CommandServices['session']['clients']> {
  const clients = services.session.clients();
  if (clients === undefined) {
    void vscode.window.showWarningMessage('The Kafka cluster is not running.');
  }
  return clients;
}

async function createTopicCommand(services: CommandServices): Promise<void> {
  const clients = clientsOrWarn(services);
  if (clients === undefined) {
    return;
  }
  const brokers = await clients
    .admin()
    .metadata({ topics: [] })
    .then((metadata) => metadata.brokers.size)
    .catch(() => undefined);
  const name = await vscode.window.showInputBox({
    title: 'Create Topic (1/4)',
    prompt: 'Topic name',
    placeHolder: 'orders',
    validateInput: (text) => topicNameProblem(text),
  });
  if (name === undefined) {
    return;
  }
  const partitionsText = await vscode.window.showInputBox({
    title: `Create Topic "${name}" (2/4)`,
    prompt: 'Number of partitions',
    value: '1',
    validateInput: (text) => partitionCountProblem(text),
  });
  if (partitionsText === undefined) {
    return;
  }
  const replicationText = await vscode.window.showInputBox({
    title: `Create Topic "${name}" (3/4)`,
    prompt: `Replication factor${brokers === undefined ? '' : ` (the cluster has ${brokers} broker${brokers === 1 ? '' : 's'})`}`,
    value: '1',
    validateInput: (text) => replicationFactorProblem(text, brokers),
  });
  if (replicationText === undefined) {
    return;
  }
  const configsText = await vscode.window.showInputBox({
    title: `Create Topic "${name}" (4/4)`,
    prompt: 'Configs as name=value, comma-separated (optional)',
    placeHolder: 'cleanup.policy=compact, retention.ms=604800000',
    validateInput: (text) => configsProblem(text),
  });
  if (configsText === undefined) {
    return;
  }
  const parsed = parseConfigs(configsText);
  const partitions = parsePartitionCount(partitionsText);
  const created = await withProgress(services, `Creating topic "${name}"…`, `Could not create topic "${name}"`, async () => {
    await createTopic(clients.admin(), {
      name,
      partitions,
      replicationFactor: Number(replicationText.trim()),
      configs: parsed.ok ? parsed.configs : new Map(),
    });
    return true;
  });
  if (created === true) {
    services.log.info(`Created topic ${name} with ${partitions} partition(s), replication factor ${replicationText.trim()}.`);
    void vscode.window.showInformationMessage(`Created topic "${name}".`);
  }
}

async function deleteTopicCommand(services: CommandServices, argument: unknown): Promise<void> {
  const clients = clientsOrWarn(services);
  const name = await pickTopic(services, argument, 'Topic to delete');
  if (name === undefined || clients === undefined) {
    return;
  }
  const confirmation = await vscode.window.showWarningMessage(
    `Delete topic "${name}" and all its records?`,
    { modal: true, detail: 'This cannot be undone.' },
    'Delete',
  );
  if (confirmation !== 'Delete') {
    return;
  }
  const deleted = await withProgress(services, `Deleting topic "${name}"…`, `Could not delete topic "${name}"`, async () => {
    await clients.admin().deleteTopics({ topics: [name] });
    return true;
  });
  if (deleted === true) {
    services.log.info(`Deleted topic ${name}.`);
    void vscode.window.showInformationMessage(`Deleted topic "${name}".`);
  }
}

async function addPartitionsCommand(services: CommandServices, argument: unknown): Promise<void> {
  const clients = clientsOrWarn(services);
  const name = await pickTopic(services, argument, 'Topic to add partitions to');
  if (name === undefined || clients === undefined) {
    return;
  }
  const metadata = await clients.admin().metadata({ topics: [name], forceUpdate: true });
  const current = metadata.topics.get(name)?.partitions.length ?? 0;
  const totalText = await vscode.window.showInputBox({
    title: `Add Partitions to "${name}"`,
    prompt: `New total number of partitions (now ${current}). Keys may map to other partitions afterwards.`,
    value: String(current + 1),
    validateInput: (text) => newPartitionCountProblem(text, current),
  });
  if (totalText === undefined) {
    return;
  }
  const total = Number(totalText.trim());
  const done = await withProgress(services, `Adding partitions to "${name}"…`, `Could not add partitions to "${name}"`, async () => {
    await addPartitions(clients.admin(), name, total);
    return true;
  });
  if (done === true) {
    services.log.info(`Topic ${name} now has ${total} partitions.`);
    void vscode.window.showInformationMessage(`Topic "${name}" now has ${total} partitions.`);
  }
}

async function editConfigCommand(services: CommandServices, argument: unknown): Promise<void> {
  const clients = clientsOrWarn(services);
  const topic = await pickTopic(services, argument, 'Topic whose configs to edit');
  if (topic === undefined || clients === undefined) {
    return;
  }
  let config: TopicConfigEntry | undefined = argument instanceof TopicConfigNode ? argument.config : undefined;
  if (config === undefined) {
    const configs = await describeTopicConfigs(clients.admin(), topic);
    const picked = await vscode.window.showQuickPick(
      configs
        .filter((entry) => !entry.readOnly)
        .map((entry) => ({ label: entry.name, description: `${entry.isOverride ? '● ' : ''}${entry.sensitive ? '(hidden)' : (entry.value ?? 'null')}`, entry })),
      { title: `Edit a config of "${topic}"`, placeHolder: 'Config to change (● set on this topic)', matchOnDescription: true },
    );
    config = picked?.entry;
  }
  if (config === undefined) {
    return;
  }
  if (config.readOnly) {
    void vscode.window.showWarningMessage(`${config.name} is read-only.`);
    return;
  }
  const RESET = 'Reset to default';
  if (config.isOverride) {
    const choice = await vscode.window.showQuickPick(['Set a new value', RESET], { title: `${topic}: ${config.name}` });
    if (choice === undefined) {
      return;
    }
    if (choice === RESET) {
      const name = config.name;
      await withProgress(services, `Resetting ${name}…`, `Could not reset ${name} of "${topic}"`, () => setTopicConfig(clients.admin(), topic, name, null));
      return;
    }
  }
  const value = await vscode.window.showInputBox({
    title: `${topic}: ${config.name}`,
    prompt: `New value of ${config.name}`,
    value: config.sensitive ? '' : (config.value ?? ''),
    validateInput: (text) => (text.trim() === '' ? 'Enter a value (or choose "Reset to default" for a value set on the topic).' : undefined),
  });
  if (value === undefined) {
    return;
  }
  const name = config.name;
  const changed = await withProgress(services, `Setting ${name}…`, `Could not set ${name} of "${topic}"`, async () => {
    await setTopicConfig(clients.admin(), topic, name, value.trim());
    return true;
  });
  if (changed === true) {
    services.log.info(`Set ${name}=${value.trim()} on topic ${topic}.`);
  }
}

async function emptyTopicCommand(services: CommandServices, argument: unknown): Promise<void> {
  const clients = clientsOrWarn(services);
  const name = await pickTopic(services, argument, 'Topic to empty');
  if (name === undefined || clients === undefined) {
    return;
  }
  const button = `Empty "${name}"`;
  const confirmation = await vscode.window.showWarningMessage(
    `Delete every record of topic "${name}"?`,
    { modal: true, detail: `All records of "${name}" up to now are deleted (DeleteRecords to each partition's high watermark). The topic and its configs stay. This cannot be undone.` },
    button,
  );
  if (confirmation !== button) {
    return;
  }
  const removed = await withProgress(services, `Emptying topic "${name}"…`, `Could not empty topic "${name}"`, () => emptyTopic(clients.admin(), name));
  if (removed !== undefined) {
    services.log.info(`Emptied topic ${name}: ${removed} record offset(s) deleted.`);
    void vscode.window.showInformationMessage(`Emptied topic "${name}" (${removed} records deleted).`);
  }
}

async function copyTopicNameCommand(services: CommandServices, argument: unknown): Promise<void> {
  const name = await pickTopic(services, argument, 'Topic name to copy');
  if (name !== undefined) {
    await vscode.env.clipboard.writeText(name);
    void vscode.window.setStatusBarMessage(`Copied "${name}"`, 3000);
  }
}

async function filterTopicsCommand(services: CommandServices): Promise<void> {
  const before = services.topics.filter;
  // The view follows as the user types; Escape puts the old filter back.
  const filter = await vscode.window.showInputBox({
    title: 'Filter Topics',
    prompt: 'Part of a topic name, or a pattern with * and ? (empty: show all)',
    value: before,
    validateInput: (text) => {
      services.topics.setFilter(text);
      return undefined;
    },
  });
  services.topics.setFilter(filter ?? before);
}

async function sortTopicsCommand(services: CommandServices): Promise<void> {
  const choice = await vscode.window.showQuickPick(
    [
      { label: 'Name', sort: 'name' as const, picked: services.topics.sort === 'name' },
      { label: 'Partition count', sort: 'partitions' as const, picked: services.topics.sort === 'partitions' },
    ],
    { title: 'Sort Topics by' },
  );
  if (choice !== undefined) {
    services.topics.setSort(choice.sort);
  }
}

export const TOPIC_COMMANDS: Readonly<Record<string, TopicCommand>> = {
  'kafkaWorkbench.createTopic': createTopicCommand,
  'kafkaWorkbench.deleteTopic': deleteTopicCommand,
  // Bound to the Delete key in the Topics view: acts on the selected (non-internal) topic only.
  'kafkaWorkbench.deleteSelectedTopic': async (services) => {
    const selected = services.topics.selectedTopic();
    if (selected !== undefined && selected.topic.internal !== true) {
      await deleteTopicCommand(services, selected);
    }
  },
  'kafkaWorkbench.addPartitions': addPartitionsCommand,
  'kafkaWorkbench.editTopicConfig': editConfigCommand,
  'kafkaWorkbench.emptyTopic': emptyTopicCommand,
  'kafkaWorkbench.copyTopicName': copyTopicNameCommand,
  'kafkaWorkbench.filterTopics': filterTopicsCommand,
  'kafkaWorkbench.clearTopicFilter': (services) => services.topics.setFilter(''),
  'kafkaWorkbench.sortTopics': sortTopicsCommand,
};
