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
    this.description = `${leader} · offsets ${offsetText(partition.earliestOffset)}–${offsetText(partition.latestOffset)}`;
    this.tooltip = [
      `${topicName} partition ${partition.partition}`,
      `Leader: broker ${partition.leader}`,
      `Replicas: ${partition.replicas.join(', ')}`,
      `In-sync replicas: ${partition.isr.join(', ')}`,
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
