// The composition root: builds every service of the extension once, owns them, and disposes them in
// reverse order of creation when the window closes.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { registerCommands, type CommandServices } from './commands.js';
import { readEmbeddedClusterSettings, readEmbeddedSecurity } from './cluster/clusterSettings.js';
import { registerEmbeddedClusterCommands, restartEmbeddedCluster, startWithProgress } from './cluster/embeddedClusterCommands.js';
import { describeSecurity, embeddedClientOptions, writeSecurityFile } from './cluster/embeddedSecurity.js';
import { ClusterSession } from './cluster/clusterSession.js';
import { ClusterStatusBar } from './cluster/clusterStatusBar.js';
import { EmbeddedCluster } from './cluster/embeddedCluster.js';
import { ClustersTreeProvider } from './connections/clustersTreeProvider.js';
import { registerConnectionCommands } from './connections/connectionCommands.js';
import { ConnectionStore } from './connections/connectionStore.js';
import { GroupsTreeProvider } from './groups/groupsTreeProvider.js';
import { KafkaLanguageClient } from './language/kafkaLanguageClient.js';
import { ProduceTailPanels } from './panels/produceTailPanels.js';
import { TopicsTreeProvider } from './views/topicsTreeProvider.js';
import { registerBrokerCommands } from './views/brokerCommands.js';
import { BrokersTreeProvider } from './views/brokersTreeProvider.js';

const START_TIMEOUT_MS = 60_000;

export class Workbench implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private readonly log: vscode.LogOutputChannel;
  private readonly session: ClusterSession;

  /** `activationStartedAt` is performance.now() at the first line of activate(). */
  constructor(context: vscode.ExtensionContext, activationStartedAt: number) {
    this.log = this.own(vscode.window.createOutputChannel('Kafka Workbench', { log: true }));
    const settings = readEmbeddedClusterSettings();
    const log = this.log;
    const cluster = new EmbeddedCluster({
      dataDir: settings.dataDir,
      port: settings.port,
      idleTimeoutMs: settings.idleTimeoutMs,
      brokers: settings.brokers,
      cliPath: path.join(context.extensionPath, 'dist', 'cli.js'),
      // VS Code's own executable runs the supervisor as Node (ELECTRON_RUN_AS_NODE), so no Node install is needed.
      nodePath: process.execPath,
      clientName: `vscode-window-${process.pid}`,
      startTimeoutMs: START_TIMEOUT_MS,
      securityFile: () => writeSecurityFile(settings.dataDir, readEmbeddedSecurity()),
      log: (level, message) => log[level](message),
    });
    this.own(cluster);
    this.session = this.own(new ClusterSession(cluster, () => embeddedClientOptions(readEmbeddedSecurity(), settings.dataDir)));
    const statusBar = this.own(new ClusterStatusBar());
    const connections = new ConnectionStore(context.secrets);
    const clusters = this.own(new ClustersTreeProvider(this.session, connections, {
      dataDir: settings.dataDir,
      securityText: () => {
        try {
          return describeSecurity(readEmbeddedSecurity());
        } catch (err) {
          return err instanceof Error ? err.message : String(err);
        }
      },
    }));
    for (const command of registerEmbeddedClusterCommands({ cluster, dataDir: settings.dataDir, log: this.log, refresh: () => clusters.refresh() })) {
      this.own(command);
    }
    this.own(vscode.window.createTreeView('kafkaWorkbench.clusters', { treeDataProvider: clusters }));
    for (const command of registerConnectionCommands({ session: this.session, store: connections, tree: clusters, log: this.log })) {
      this.own(command);
    }
    this.own(this.session.onDidChange(() => clusters.refresh()));
    this.own(this.session.cluster.onDidChangeState(() => clusters.refresh()));
    const topics = this.own(new TopicsTreeProvider(this.session, this.log, activationStartedAt));
    topics.watchVisibility(this.own(vscode.window.createTreeView('kafkaWorkbench.topics', { treeDataProvider: topics, showCollapseAll: true })));
    const groups = this.own(new GroupsTreeProvider(this.session, this.log));
    const groupsView = this.own(vscode.window.createTreeView('kafkaWorkbench.groups', { treeDataProvider: groups, showCollapseAll: true }));
    groups.setVisible(groupsView.visible);
    this.own(groupsView.onDidChangeVisibility((event) => groups.setVisible(event.visible)));
    const brokers = this.own(new BrokersTreeProvider(this.session, this.log));
    const brokersView = this.own(vscode.window.createTreeView('kafkaWorkbench.brokers', { treeDataProvider: brokers }));
    brokers.setVisible(brokersView.visible);
    this.own(brokersView.onDidChangeVisibility((event) => brokers.setVisible(event.visible)));
    for (const command of registerBrokerCommands({
      session: this.session,
      log: this.log,
      refresh: () => {
        brokers.refresh();
        topics.refresh();
      },
    })) {
      this.own(command);
    }
    const panels = this.own(new ProduceTailPanels(context.extensionUri, this.session, this.log, () => topics.refresh()));
    this.own(new KafkaLanguageClient(context.extensionPath, this.session, panels, this.log, () => topics.refresh()));
    this.own(
      this.session.onDidChange((state) => {
        statusBar.show(state);
        topics.refresh();
        brokers.refresh();
        void groups.refresh();
        if (state.kind === 'error') {
          void this.reportStartFailure(state.message);
        }
      }),
    );
    this.own(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('kafkaWorkbench.embedded.security')) {
          clusters.refresh();
          void this.offerRestart(cluster, settings.dataDir, () => clusters.refresh());
        } else if (event.affectsConfiguration('kafkaWorkbench.embedded')) {
          void this.offerReload();
        }
      }),
    );
    const services: CommandServices = {
      session: this.session,
      topics,
      groups,
      panels,
      log: this.log,
      startCluster: () => Promise.resolve(startWithProgress(cluster)),
    };
    for (const command of registerCommands(services)) {
      this.own(command);
    }
    if (settings.autoStart) {
      // Not awaited: activation returns at once and the cluster comes up in the background.
      void cluster.ensureRunning();
    } else {
      this.log.info('Auto-start is off; run "Kafka: Start Embedded Cluster" to start or attach.');
    }
  }

  logActivationTime(ms: number): void {
    this.log.info(`activate() returned in ${ms.toFixed(1)} ms`);
  }

  private own<T extends vscode.Disposable>(disposable: T): T {
    this.owned.push(disposable);
    return disposable;
  }

  /** The cluster settings are read once: this window stays on the cluster it attached to until reloaded. */
  private async offerReload(): Promise<void> {
    const choice = await vscode.window.showInformationMessage(
      'Embedded cluster settings apply to the next start. Reload the window to use them now.',
      'Reload Window',
    );
    if (choice === 'Reload Window') {
      await vscode.commands.executeCommand('workbench.action.reloadWindow');
    }
  }

  /** Security settings are read at each start, so a restart of the embedded cluster applies them. */
  private async offerRestart(cluster: EmbeddedCluster, dataDir: string, refresh: () => void): Promise<void> {
    const choice = await vscode.window.showInformationMessage(
      'The embedded cluster\'s security settings changed. Restart it to apply them? (This stops it for every window.)',
      'Restart Embedded Cluster',
    );
    if (choice === 'Restart Embedded Cluster') {
      await restartEmbeddedCluster({ cluster, dataDir, log: this.log, refresh });
    }
  }

  private async reportStartFailure(message: string): Promise<void> {
    const choice = await vscode.window.showErrorMessage(message, 'Show Log', 'Retry');
    if (choice === 'Show Log') {
      this.log.show();
    } else if (choice === 'Retry') {
      void this.session.cluster.ensureRunning();
    }
  }

  dispose(): void {
    for (const disposable of this.owned.splice(0).reverse()) {
      disposable.dispose();
    }
  }
}
