// The Brokers view's data: the embedded cluster's brokers as its supervisor reports them, refreshed on
// cluster changes, after fault actions, and by a light poll while the view is visible (brokers can die
// on their own).

import * as vscode from 'vscode';
import type { ClusterStatus } from '../../broker/cluster/controlProtocol.js';
import type { ClusterSession } from '../cluster/clusterSession.js';
import { BrokerMessageNode, BrokerNode, type BrokersTreeNode } from './brokerNodes.js';

const POLL_MS = 2000;

export class BrokersTreeProvider implements vscode.TreeDataProvider<BrokersTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<BrokersTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private poll: NodeJS.Timeout | undefined;
  private lastShown = '';

  constructor(
    private readonly session: ClusterSession,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  /** Polls only while someone can see the view; a poll redraws only when the status changed. */
  setVisible(visible: boolean): void {
    if (this.poll !== undefined) {
      clearInterval(this.poll);
      this.poll = undefined;
    }
    if (visible) {
      this.poll = setInterval(() => void this.refreshIfChanged(), POLL_MS);
    }
  }

  getTreeItem(node: BrokersTreeNode): vscode.TreeItem {
    return node;
  }

  async getChildren(node?: BrokersTreeNode): Promise<BrokersTreeNode[]> {
    if (node !== undefined) {
      return [];
    }
    const state = this.session.state;
    if (state.kind !== 'running') {
      return [new BrokerMessageNode(state.kind === 'starting' ? 'Starting the embedded cluster…' : 'The embedded cluster is not running.', 'circle-slash')];
    }
    let status: ClusterStatus | undefined;
    try {
      status = await this.session.cluster.status();
    } catch (error) {
      this.log.warn(`Could not read the brokers' status: ${String(error)}`);
      return [new BrokerMessageNode(`Could not read the brokers' status: ${error instanceof Error ? error.message : String(error)}`, 'error')];
    }
    this.lastShown = JSON.stringify(status?.brokers ?? []);
    return (status?.brokers ?? []).map((broker) => new BrokerNode(broker));
  }

  private async refreshIfChanged(): Promise<void> {
    if (this.session.state.kind !== 'running') {
      return;
    }
    try {
      const status = await this.session.cluster.status();
      if (JSON.stringify(status?.brokers ?? []) !== this.lastShown) {
        this.refresh();
      }
    } catch {
      // The next poll or a session change shows the problem.
    }
  }

  dispose(): void {
    this.setVisible(false);
    this.changed.dispose();
  }
}
