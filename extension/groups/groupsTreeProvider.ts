// The Consumer Groups view's data. While the view is visible it polls the cluster every few seconds
// (one listing, one describe, one offset fetch and one ListOffsets per poll) and redraws only when
// what it shows changed; hidden, it does not poll at all.

import * as vscode from 'vscode';
import type { ClusterSession } from '../cluster/clusterSession.js';
import { kafkaErrorText } from '../kafka/kafkaErrorText.js';
import { describeGroupViews, type GroupView } from './groupCatalog.js';
import { GroupMessageNode, GroupNode, GroupSectionNode, MemberNode, OffsetNode, type GroupsTreeNode } from './groupNodes.js';

export const GROUPS_POLL_MS = 5_000;

type Snapshot = { kind: 'groups'; groups: GroupView[] } | { kind: 'error'; message: string } | { kind: 'none' };

export class GroupsTreeProvider implements vscode.TreeDataProvider<GroupsTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<GroupsTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private snapshot: Snapshot = { kind: 'none' };
  private fingerprint = '';
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;

  constructor(
    private readonly session: ClusterSession,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Starts or stops the poll with the view's visibility. */
  setVisible(visible: boolean): void {
    if (visible && this.timer === undefined) {
      void this.refresh();
      this.timer = setInterval(() => void this.poll(), GROUPS_POLL_MS);
    } else if (!visible && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /** Reads the groups now and redraws (the Refresh button, and after an action). */
  async refresh(): Promise<void> {
    this.fingerprint = '';
    await this.poll();
  }

  /** The last groups read, for commands that need a group by id. */
  groups(): GroupView[] {
    return this.snapshot.kind === 'groups' ? this.snapshot.groups : [];
  }

  getTreeItem(node: GroupsTreeNode): vscode.TreeItem {
    return node;
  }

  getChildren(node?: GroupsTreeNode): GroupsTreeNode[] {
    if (node instanceof GroupNode) return [new GroupSectionNode(node.group, 'members'), new GroupSectionNode(node.group, 'offsets')];
    if (node instanceof GroupSectionNode) {
      return node.section === 'members'
        ? node.group.members.map((m) => new MemberNode(node.group.groupId, m))
        : node.group.partitions.map((p) => new OffsetNode(node.group.groupId, p));
    }
    if (node !== undefined) return [];
    if (this.session.state.kind !== 'running') return [new GroupMessageNode('The cluster is not running.', 'circle-slash')];
    switch (this.snapshot.kind) {
      case 'none':
        return [new GroupMessageNode('Loading consumer groups…', 'sync~spin')];
      case 'error':
        return [new GroupMessageNode(`Could not list consumer groups: ${this.snapshot.message}`, 'error')];
      case 'groups':
        if (this.snapshot.groups.length === 0) return [new GroupMessageNode('No consumer groups yet.', 'info')];
        return this.snapshot.groups.map((g) => new GroupNode(g));
    }
  }

  private poll(): Promise<void> {
    // One poll at a time: a slow cluster must not pile requests up.
    this.polling ??= this.read().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  private async read(): Promise<void> {
    const clients = this.session.clients();
    let next: Snapshot;
    if (clients === undefined) {
      next = { kind: 'none' };
    } else {
      try {
        next = { kind: 'groups', groups: await describeGroupViews(clients.admin()) };
      } catch (error) {
        const message = kafkaErrorText(error);
        if (this.snapshot.kind !== 'error' || this.snapshot.message !== message) this.log.error(`Listing consumer groups failed: ${message}`);
        next = { kind: 'error', message };
      }
    }
    const fingerprint = JSON.stringify(next, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
    this.snapshot = next;
    if (fingerprint !== this.fingerprint) {
      this.fingerprint = fingerprint;
      this.changed.fire(undefined);
    }
  }

  dispose(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.changed.dispose();
  }
}
