// The Topics view's data: topics of the running cluster and their partitions, refreshed through one
// event; a message row explains why there is nothing to show.

import * as vscode from 'vscode';
import type { ClusterSession } from '../cluster/clusterSession.js';
import { kafkaErrorText } from '../kafka/kafkaErrorText.js';
import { describeTopics } from '../kafka/topicCatalog.js';
import { MessageNode, PartitionNode, TopicNode, type TopicsTreeNode } from './topicNodes.js';

export class TopicsTreeProvider implements vscode.TreeDataProvider<TopicsTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TopicsTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private populatedLogged = false;

  constructor(
    private readonly session: ClusterSession,
    private readonly log: vscode.LogOutputChannel,
    /** performance.now() when activate() began; the first time topics are listed is logged against it. */
    private readonly activationStartedAt?: number,
  ) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: TopicsTreeNode): vscode.TreeItem {
    return node;
  }

  async getChildren(node?: TopicsTreeNode): Promise<TopicsTreeNode[]> {
    if (node instanceof TopicNode) {
      return node.topic.partitions.map((partition) => new PartitionNode(node.topic.name, partition));
    }
    if (node !== undefined) {
      return [];
    }
    const state = this.session.state;
    switch (state.kind) {
      case 'starting':
        return [new MessageNode('Starting the embedded cluster…', 'sync~spin')];
      case 'stopped':
        return [
          new MessageNode('The embedded cluster is stopped. Click to start it.', 'circle-slash', {
            command: 'kafkaWorkbench.startCluster',
            title: 'Start Embedded Cluster',
          }),
        ];
      case 'error':
        return [
          new MessageNode(`Cluster error: ${state.message}`, 'error', {
            command: 'kafkaWorkbench.showLog',
            title: 'Show Log',
          }),
        ];
      case 'running':
        break;
    }
    const clients = this.session.clients();
    if (clients === undefined) {
      return [];
    }
    try {
      const topics = await describeTopics(clients.admin());
      if (topics.length === 0) {
        return [
          new MessageNode('No topics yet. Click to create one.', 'info', {
            command: 'kafkaWorkbench.createTopic',
            title: 'Create Topic',
          }),
        ];
      }
      if (!this.populatedLogged && this.activationStartedAt !== undefined) {
        this.populatedLogged = true;
        this.log.info(`Topics view populated in ${(performance.now() - this.activationStartedAt).toFixed(1)} ms after activation`);
      }
      return topics.map((topic) => new TopicNode(topic));
    } catch (error) {
      const text = kafkaErrorText(error);
      this.log.error(`Listing topics failed: ${text}`);
      return [new MessageNode(`Could not list topics: ${text}`, 'error')];
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
