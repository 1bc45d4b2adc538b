// The status bar item showing the embedded cluster's state; clicking it does the next useful thing
// (copy the bootstrap servers when running, start when stopped, show the log on error).

import * as vscode from 'vscode';
import type { ClusterState } from './clusterState.js';
import { bootstrapList } from './clusterState.js';

export class ClusterStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('kafkaWorkbench.clusterStatus', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = 'Kafka Cluster';
    this.show({ kind: 'stopped' });
    this.item.show();
  }

  show(state: ClusterState): void {
    switch (state.kind) {
      case 'starting':
        this.item.text = '$(sync~spin) Kafka: starting';
        this.item.tooltip = 'Starting or attaching to the embedded Kafka cluster…';
        this.item.command = 'kafkaWorkbench.showLog';
        this.item.backgroundColor = undefined;
        break;
      case 'running': {
        const first = bootstrapList(state.bootstrapServers)[0] ?? state.bootstrapServers;
        this.item.text = `$(database) Kafka: running at ${first}`;
        this.item.tooltip = `Embedded Kafka cluster with ${state.brokers.length} broker(s): ${state.bootstrapServers}\nClick to copy the bootstrap servers.`;
        this.item.command = 'kafkaWorkbench.copyBootstrapServers';
        this.item.backgroundColor = undefined;
        break;
      }
      case 'stopped':
        this.item.text = '$(circle-slash) Kafka: stopped';
        this.item.tooltip = `${state.reason ?? 'The embedded Kafka cluster is not running.'}\nClick to start it.`;
        this.item.command = 'kafkaWorkbench.startCluster';
        this.item.backgroundColor = undefined;
        break;
      case 'error':
        this.item.text = '$(error) Kafka: error';
        this.item.tooltip = `${state.message}\nClick to show the log.`;
        this.item.command = 'kafkaWorkbench.showLog';
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        break;
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}
