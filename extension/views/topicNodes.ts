// The Topics view's nodes, one class per kind: a topic, one of its partitions, and a message row
// standing in for content (starting, stopped, empty, error).

import * as vscode from 'vscode';
import type { PartitionSummary, TopicSummary } from '../kafka/topicCatalog.js';

export class TopicNode extends vscode.TreeItem {
  readonly kind = 'topic';

  constructor(readonly topic: TopicSummary) {
    super(topic.name, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `topic:${topic.name}`;
    this.contextValue = 'topic';
    this.iconPath = new vscode.ThemeIcon('symbol-event');
    const count = topic.partitions.length;
    this.description = `${count} partition${count === 1 ? '' : 's'}`;
    this.tooltip = `Topic ${topic.name} (${this.description})`;
  }
}

function offsetText(offset: bigint | undefined): string {
  return offset === undefined ? '?' : offset.toString();
}

/** Replicas not in the ISR: they lag the leader or are down. */
export function outOfSyncReplicas(partition: Pick<PartitionSummary, 'replicas' | 'isr'>): number[] {
  return partition.replicas.filter((replica) => !partition.isr.includes(replica));
}

/** Replicas in order, out-of-sync ones marked with `!` and the leader with `*`: `1*,2,3!`. */
export function replicaList(partition: Pick<PartitionSummary, 'replicas' | 'isr' | 'leader'>): string {
  return partition.replicas
    .map((replica) => `${replica}${replica === partition.leader ? '*' : ''}${partition.isr.includes(replica) ? '' : '!'}`)
    .join(',');
}

export class PartitionNode extends vscode.TreeItem {
  readonly kind = 'partition';

  constructor(
    readonly topicName: string,
    readonly partition: PartitionSummary,
  ) {
    super(`Partition ${partition.partition}`, vscode.TreeItemCollapsibleState.None);
    this.id = `partition:${topicName}:${partition.partition}`;
    this.contextValue = 'partition';
    this.iconPath = new vscode.ThemeIcon('list-ordered');
    const leader = partition.leader >= 0 ? `leader ${partition.leader}` : 'no leader';
    const outOfSync = outOfSyncReplicas(partition);
    this.description = `${leader} · replicas ${replicaList(partition)} · offsets ${offsetText(partition.earliestOffset)}–${offsetText(partition.latestOffset)}`;
    if (outOfSync.length > 0 || partition.leader < 0) {
      this.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    }
    this.tooltip = [
      `${topicName} partition ${partition.partition}`,
      `Leader: ${partition.leader >= 0 ? `broker ${partition.leader}` : 'none (offline)'}`,
      `Replicas: ${partition.replicas.join(', ')}`,
      `In-sync replicas: ${partition.isr.join(', ')}`,
      `Out of sync: ${outOfSync.length > 0 ? outOfSync.join(', ') : 'none'}`,
      `Earliest offset: ${offsetText(partition.earliestOffset)}`,
      `Latest offset: ${offsetText(partition.latestOffset)}`,
    ].join('\n');
  }
}

export class MessageNode extends vscode.TreeItem {
  readonly kind = 'message';

  constructor(text: string, icon: string, command?: vscode.Command) {
    super(text, vscode.TreeItemCollapsibleState.None);
    this.id = `message:${text}`;
    this.contextValue = 'message';
    this.iconPath = new vscode.ThemeIcon(icon);
    this.command = command;
  }
}

export type TopicsTreeNode = TopicNode | PartitionNode | MessageNode;
