// The Topics view's nodes, one class per kind: a topic, one of its partitions, its configs folder and
// one config, and a message row standing in for content (starting, stopped, empty, error).

import * as vscode from 'vscode';
import type { PartitionSummary, TopicConfigEntry, TopicSummary } from '../kafka/topicCatalog.js';
import { formatBytes } from '../topics/topicListing.js';

export class TopicNode extends vscode.TreeItem {
  readonly kind = 'topic';

  constructor(readonly topic: TopicSummary) {
    super(topic.name, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `topic:${topic.name}`;
    this.contextValue = topic.internal === true ? 'topic-internal' : 'topic';
    this.iconPath = new vscode.ThemeIcon(topic.internal === true ? 'lock' : 'symbol-event');
    const count = topic.partitions.length;
    const size = topic.partitions.reduce((sum, p) => sum + (p.sizeBytes ?? 0n), 0n);
    this.description = `${count} partition${count === 1 ? '' : 's'} · ${formatBytes(size)}${topic.internal === true ? ' · internal' : ''}`;
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
    this.description = `${leader} · replicas ${replicaList(partition)} · ISR ${partition.isr.join(',')} · offsets ${offsetText(partition.earliestOffset)}–${offsetText(partition.latestOffset)} · ${formatBytes(partition.sizeBytes)}`;
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
      `Size: ${formatBytes(partition.sizeBytes)}`,
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

/** The "Configs" folder under a topic; its children are read when it is expanded. */
export class TopicConfigsNode extends vscode.TreeItem {
  readonly kind = 'configs';

  constructor(readonly topicName: string) {
    super('Configs', vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `configs:${topicName}`;
    this.contextValue = 'topicConfigs';
    this.iconPath = new vscode.ThemeIcon('settings-gear');
    this.tooltip = 'Topic configs; values set on this topic (not defaults) are marked ●';
  }
}

export class TopicConfigNode extends vscode.TreeItem {
  readonly kind = 'config';

  constructor(
    readonly topicName: string,
    readonly config: TopicConfigEntry,
  ) {
    super(config.name, vscode.TreeItemCollapsibleState.None);
    this.id = `config:${topicName}:${config.name}`;
    this.contextValue = config.readOnly ? 'topicConfig-readonly' : config.isOverride ? 'topicConfig-override' : 'topicConfig';
    const value = config.sensitive ? '(hidden)' : (config.value ?? 'null');
    this.description = config.isOverride ? `● ${value}` : value;
    this.iconPath = new vscode.ThemeIcon(config.isOverride ? 'circle-filled' : 'circle-outline');
    this.tooltip = `${config.name} = ${value}\n${config.isOverride ? 'Set on this topic (non-default)' : 'Default (inherited)'}${config.readOnly ? '\nRead-only' : ''}`;
  }
}

export type TopicsTreeNode = TopicNode | PartitionNode | TopicConfigsNode | TopicConfigNode | MessageNode;
