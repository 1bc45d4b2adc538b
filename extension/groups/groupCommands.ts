// The Consumer Groups view's actions: delete a group, reset its offsets. Both refuse a group with
// active members (Kafka would refuse too) and ask for a confirmation that names what will change.

import * as vscode from 'vscode';
import type { ClusterSession } from '../cluster/clusterSession.js';
import { kafkaErrorText } from '../kafka/kafkaErrorText.js';
import { isActive, stateLabel, type GroupView } from './groupCatalog.js';
import { GroupNode } from './groupNodes.js';
import type { GroupsTreeProvider } from './groupsTreeProvider.js';
import { applyReset, describeReset, parseResetTime, planReset, type ResetTarget } from './offsetReset.js';

export interface GroupCommandServices {
  readonly session: ClusterSession;
  readonly groups: GroupsTreeProvider;
  readonly log: vscode.LogOutputChannel;
}

async function pickGroup(services: GroupCommandServices, argument: unknown, placeHolder: string): Promise<GroupView | undefined> {
  if (argument instanceof GroupNode) return argument.group;
  await services.groups.refresh();
  const groups = services.groups.groups();
  if (typeof argument === 'string') return groups.find((g) => g.groupId === argument);
  if (groups.length === 0) {
    void vscode.window.showInformationMessage('There are no consumer groups.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    groups.map((g) => ({ label: g.groupId, description: `${stateLabel(g.state)} · lag ${g.totalLag.toString()}`, group: g })),
    { placeHolder },
  );
  return picked?.group;
}

/** Kafka refuses both actions while members are in the group; say so before asking anything. */
function refuseActive(group: GroupView, action: string): boolean {
  if (!isActive(group)) return false;
  const members = group.members.length;
  void vscode.window.showErrorMessage(
    `Cannot ${action} consumer group "${group.groupId}": it is ${stateLabel(group.state)} with ${members} active member${members === 1 ? '' : 's'}. ` +
      'Stop its consumers first; Kafka only allows this for an Empty group.',
  );
  return true;
}

export async function deleteGroup(services: GroupCommandServices, argument?: unknown): Promise<void> {
  const clients = services.session.clients();
  const group = await pickGroup(services, argument, 'Consumer group to delete');
  if (group === undefined || clients === undefined || refuseActive(group, 'delete')) return;
  const count = group.partitions.length;
  const confirm = 'Delete Group';
  const answer = await vscode.window.showWarningMessage(
    `Delete consumer group "${group.groupId}"?`,
    { modal: true, detail: `Its committed offsets for ${count} partition${count === 1 ? '' : 's'} are deleted with it. This cannot be undone.` },
    confirm,
  );
  if (answer !== confirm) return;
  try {
    await clients.admin().deleteGroups({ groups: [group.groupId] });
    services.log.info(`Deleted consumer group ${group.groupId}.`);
    void vscode.window.showInformationMessage(`Deleted consumer group "${group.groupId}".`);
  } catch (error) {
    const text = kafkaErrorText(error);
    services.log.error(`Deleting consumer group ${group.groupId} failed: ${text}`);
    void vscode.window.showErrorMessage(`Could not delete consumer group "${group.groupId}": ${text}`);
  }
  await services.groups.refresh();
}

async function pickTarget(): Promise<ResetTarget | undefined> {
  const choice = await vscode.window.showQuickPick(
    [
      { label: 'Earliest', description: 'the first offset still in each partition', target: 'earliest' as const },
      { label: 'Latest', description: 'the end of each partition: skip everything not yet read', target: 'latest' as const },
      { label: 'A point in time…', description: 'the first record at or after a time', target: 'timestamp' as const },
      { label: 'A specific offset…', description: 'the same offset in every chosen partition', target: 'offset' as const },
    ],
    { placeHolder: 'Reset offsets to' },
  );
  if (choice === undefined) return undefined;
  if (choice.target === 'earliest' || choice.target === 'latest') return { kind: choice.target };
  if (choice.target === 'timestamp') {
    const text = await vscode.window.showInputBox({
      title: 'Reset offsets to a point in time',
      prompt: 'A date and time (2024-05-01T12:00:00Z) or milliseconds since the epoch',
      value: new Date(Date.now() - 3_600_000).toISOString(),
      validateInput: (value) => (parseResetTime(value) === null ? 'Not a date and time' : undefined),
    });
    const timestampMs = text === undefined ? null : parseResetTime(text);
    return timestampMs === null ? undefined : { kind: 'timestamp', timestampMs };
  }
  const text = await vscode.window.showInputBox({
    title: 'Reset offsets to a specific offset',
    prompt: 'An offset (kept within each partition\'s earliest and end offsets)',
    validateInput: (value) => (/^\d+$/.test(value.trim()) ? undefined : 'A whole number of 0 or more'),
  });
  return text === undefined ? undefined : { kind: 'offset', offset: BigInt(text.trim()) };
}

export async function resetOffsets(services: GroupCommandServices, argument?: unknown): Promise<void> {
  const clients = services.session.clients();
  const group = await pickGroup(services, argument, 'Consumer group whose offsets to reset');
  if (group === undefined || clients === undefined || refuseActive(group, 'reset the offsets of')) return;
  if (group.partitions.length === 0) {
    void vscode.window.showInformationMessage(`Consumer group "${group.groupId}" has no committed offsets to reset.`);
    return;
  }
  const target = await pickTarget();
  if (target === undefined) return;
  const picked = await vscode.window.showQuickPick(
    group.partitions.map((p) => ({ label: `${p.topic}-${p.partition}`, description: `committed ${p.committed.toString()}`, picked: true, partition: p })),
    { canPickMany: true, placeHolder: 'Partitions to reset (all are selected)' },
  );
  if (picked === undefined || picked.length === 0) return;
  try {
    const admin = clients.admin();
    const plan = await planReset(admin, picked.map((p) => ({ topic: p.partition.topic, partition: p.partition.partition, offset: p.partition.committed })), target);
    const confirm = 'Reset Offsets';
    const [message, ...detail] = describeReset(group.groupId, plan).split('\n\n');
    const answer = await vscode.window.showWarningMessage(message ?? '', { modal: true, detail: detail.join('\n\n') }, confirm);
    if (answer !== confirm) return;
    await applyReset(admin, group.groupId, plan);
    services.log.info(`Reset offsets of consumer group ${group.groupId}: ${plan.map((p) => `${p.topic}-${p.partition}=${p.to.toString()}`).join(', ')}`);
    void vscode.window.showInformationMessage(`Reset the offsets of ${plan.length} partition(s) of consumer group "${group.groupId}".`);
  } catch (error) {
    const text = kafkaErrorText(error);
    services.log.error(`Resetting offsets of consumer group ${group.groupId} failed: ${text}`);
    void vscode.window.showErrorMessage(`Could not reset the offsets of consumer group "${group.groupId}": ${text}`);
  }
  await services.groups.refresh();
}
