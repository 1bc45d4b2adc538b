// The Clusters view: the embedded cluster always first, then each external connection with the
// result of its last check (topic count, or the error in place); the active one is marked.

import * as vscode from 'vscode';
import type { ClusterSession } from '../cluster/clusterSession.js';
import type { ConnectionStore } from './connectionStore.js';
import type { ProbeResult } from './connectionProbe.js';
import { directorySize } from '../cluster/clusterData.js';
import { formatBytes } from '../topics/topicListing.js';

/** What the view shows about the embedded cluster besides its state. */
export interface EmbeddedClusterInfo {
  readonly dataDir: string;
  /** e.g. "SASL_SSL · PLAIN as alice"; empty for PLAINTEXT; a settings problem in words. */
  securityText(): string;
}

export class ClusterNode extends vscode.TreeItem {
  constructor(
    readonly connectionId: string | null,
    label: string,
    description: string,
    active: boolean,
    problem: string | null,
  ) {
    super(label, problem || connectionId === null ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    this.description = `${active ? '● active · ' : ''}${description}`;
    this.contextValue = connectionId ? 'kafkaWorkbench.externalCluster' : 'kafkaWorkbench.embeddedCluster';
    this.iconPath = new vscode.ThemeIcon(problem ? 'error' : connectionId ? 'plug' : 'server-environment');
    this.tooltip = problem ?? description;
    // A new id when a problem appears, so VS Code opens the node to show it instead of keeping it folded.
    this.id = `cluster:${connectionId ?? 'embedded'}${problem ? ':problem' : ''}`;
    this.command = { command: 'kafkaWorkbench.useCluster', title: 'Use This Cluster', arguments: [this] };
  }
}

export class ClusterProblemNode extends vscode.TreeItem {
  constructor(parentId: string, message: string) {
    super(message, vscode.TreeItemCollapsibleState.None);
    this.id = `cluster-problem:${parentId}`;
    this.iconPath = new vscode.ThemeIcon('warning');
    this.tooltip = message;
    this.contextValue = 'kafkaWorkbench.clusterProblem';
  }
}

/** The embedded cluster's data directory and its size; Reset Embedded Cluster hangs off it. */
export class EmbeddedDataNode extends vscode.TreeItem {
  constructor(dataDir: string, bytes: number) {
    super(`Data: ${formatBytes(bytes)}`, vscode.TreeItemCollapsibleState.None);
    this.id = 'cluster-embedded-data';
    this.description = dataDir;
    this.tooltip = `${formatBytes(bytes)} in ${dataDir}`;
    this.iconPath = new vscode.ThemeIcon('database');
    this.contextValue = 'kafkaWorkbench.embeddedData';
  }
}

/** Opens the file the supervisor and brokers log to. */
export class EmbeddedLogNode extends vscode.TreeItem {
  constructor() {
    super('Log', vscode.TreeItemCollapsibleState.None);
    this.id = 'cluster-embedded-log';
    this.iconPath = new vscode.ThemeIcon('output');
    this.contextValue = 'kafkaWorkbench.embeddedLog';
    this.command = { command: 'kafkaWorkbench.openClusterLog', title: 'Open Embedded Cluster Log' };
  }
}

type Node = ClusterNode | ClusterProblemNode | EmbeddedDataNode | EmbeddedLogNode;

export class ClustersTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Last check per connection id, shown in place. */
  readonly results = new Map<string, ProbeResult>();

  constructor(
    private readonly session: ClusterSession,
    private readonly store: ConnectionStore,
    private readonly embedded: EmbeddedClusterInfo,
  ) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return node;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node instanceof ClusterNode && node.connectionId === null) {
      const embedded = this.session.cluster.state;
      const problem = embedded.kind === 'error' ? [new ClusterProblemNode('embedded', embedded.message)] : [];
      return [...problem, new EmbeddedDataNode(this.embedded.dataDir, await directorySize(this.embedded.dataDir)), new EmbeddedLogNode()];
    }
    if (node instanceof ClusterNode) {
      const problem = node.connectionId ? this.results.get(node.connectionId) : undefined;
      return problem && !problem.ok ? [new ClusterProblemNode(node.connectionId ?? 'embedded', problem.message)] : [];
    }
    if (node) return [];
    const active = this.session.external?.id ?? null;
    const embedded = this.session.cluster.state;
    const embeddedText = [embedded.kind === 'running' ? embedded.bootstrapServers : embedded.kind, this.embedded.securityText()].filter(Boolean).join(' · ');
    // Nothing running and nothing else to reach: the empty view shows its welcome with a start button.
    if ((embedded.kind === 'stopped' || embedded.kind === 'error') && active === null && this.store.list().length === 0) return [];
    const nodes: Node[] = [new ClusterNode(null, 'Embedded cluster', embeddedText, active === null, null)];
    for (const c of this.store.list()) {
      const result = this.results.get(c.id);
      const status = result ? (result.ok ? `${result.topics} topics` : 'unreachable') : '';
      const security = [c.sasl?.mechanism, c.tls ? 'TLS' : null].filter(Boolean).join(' + ');
      nodes.push(new ClusterNode(c.id, c.name, [c.bootstrapServers, security, status].filter(Boolean).join(' · '), active === c.id, result && !result.ok ? result.message : null));
    }
    return nodes;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
