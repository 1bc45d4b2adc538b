// The Topics view's data: topics of the running cluster (filtered, sorted, internal ones only when
// the setting asks), their partitions and configs, refreshed through one debounced event and lightly
// every few seconds while the view is visible; a message row explains why there is nothing to show.

import * as vscode from 'vscode';
import type { ClusterSession } from '../cluster/clusterSession.js';
import { kafkaErrorText } from '../kafka/kafkaErrorText.js';
import { describeTopicConfigs, describeTopics, type TopicSummary } from '../kafka/topicCatalog.js';
import { listTopics, type TopicSort } from '../topics/topicListing.js';
import { MessageNode, PartitionNode, TopicConfigNode, TopicConfigsNode, TopicNode, type TopicsTreeNode } from './topicNodes.js';

const REFRESH_DEBOUNCE_MS = 150;
const PERIODIC_REFRESH_MS = 10_000;

export class TopicsTreeProvider implements vscode.TreeDataProvider<TopicsTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TopicsTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private populatedLogged = false;
  private debounce: NodeJS.Timeout | undefined;
  private periodic: NodeJS.Timeout | undefined;
  private visibility: vscode.Disposable | undefined;
  private readonly settingsWatch: vscode.Disposable;
  private view: vscode.TreeView<TopicsTreeNode> | undefined;
  private filterText = '';
  private sortBy: TopicSort = 'name';
  /** The topics last listed (before filtering), for commands that need partition counts. */
  private lastTopics: readonly TopicSummary[] = [];

  constructor(
    private readonly session: ClusterSession,
    private readonly log: vscode.LogOutputChannel,
    /** performance.now() when activate() began; the first time topics are listed is logged against it. */
    private readonly activationStartedAt?: number,
  ) {
    this.settingsWatch = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('kafkaWorkbench.showInternalTopics')) {
        this.refresh();
      }
    });
  }

  /** Asks the view to re-read; calls close together become one refresh. */
  refresh(): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      this.changed.fire(undefined);
    }, REFRESH_DEBOUNCE_MS);
  }

  /** Refreshes every few seconds while `view` is visible, and at once when it becomes visible. */
  watchVisibility(view: vscode.TreeView<TopicsTreeNode>): void {
    this.view = view;
    const update = (visible: boolean): void => {
      clearInterval(this.periodic);
      this.periodic = undefined;
      if (visible) {
        this.periodic = setInterval(() => {
          if (this.session.state.kind === 'running') {
            this.refresh();
          }
        }, PERIODIC_REFRESH_MS);
      }
    };
    this.visibility?.dispose();
    this.visibility = view.onDidChangeVisibility((event) => {
      update(event.visible);
      if (event.visible) {
        this.refresh();
      }
    });
    update(view.visible);
  }

  get filter(): string {
    return this.filterText;
  }

  setFilter(filter: string): void {
    this.filterText = filter;
    void vscode.commands.executeCommand('setContext', 'kafkaWorkbench.topicsFiltered', filter.trim() !== '');
    this.refresh();
  }

  get sort(): TopicSort {
    return this.sortBy;
  }

  setSort(sort: TopicSort): void {
    this.sortBy = sort;
    this.refresh();
  }

  /** The topic selected in the view (keybindings pass no argument to their command). */
  selectedTopic(): TopicNode | undefined {
    const selected = this.view?.selection[0];
    return selected instanceof TopicNode ? selected : undefined;
  }

  /** The topic as last listed, if it was. */
  knownTopic(name: string): TopicSummary | undefined {
    return this.lastTopics.find((topic) => topic.name === name);
  }

  getTreeItem(node: TopicsTreeNode): vscode.TreeItem {
    return node;
  }

  async getChildren(node?: TopicsTreeNode): Promise<TopicsTreeNode[]> {
    if (node instanceof TopicNode) {
      return [new TopicConfigsNode(node.topic.name), ...node.topic.partitions.map((partition) => new PartitionNode(node.topic.name, partition))];
    }
    if (node instanceof TopicConfigsNode) {
      return this.configChildren(node.topicName);
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
      const showInternal = vscode.workspace.getConfiguration('kafkaWorkbench').get<boolean>('showInternalTopics', false);
      const all = await describeTopics(clients.admin(), { includeInternal: showInternal });
      this.lastTopics = all;
      const topics = listTopics(all, { filter: this.filterText, sort: this.sortBy, showInternal });
      if (topics.length === 0 && all.length > 0) {
        return [
          new MessageNode(`No topic matches "${this.filterText}". Click to clear the filter.`, 'filter', {
            command: 'kafkaWorkbench.clearTopicFilter',
            title: 'Clear Topic Filter',
          }),
        ];
      }
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

  private async configChildren(topic: string): Promise<TopicsTreeNode[]> {
    const clients = this.session.clients();
    if (clients === undefined) {
      return [];
    }
    try {
      const configs = await describeTopicConfigs(clients.admin(), topic);
      // Values set on the topic first: they are what makes this topic different.
      const ordered = [...configs.filter((c) => c.isOverride), ...configs.filter((c) => !c.isOverride)];
      return ordered.map((config) => new TopicConfigNode(topic, config));
    } catch (error) {
      return [new MessageNode(`Could not read configs: ${kafkaErrorText(error)}`, 'error')];
    }
  }

  dispose(): void {
    clearTimeout(this.debounce);
    clearInterval(this.periodic);
    this.visibility?.dispose();
    this.settingsWatch.dispose();
    this.changed.dispose();
  }
}
