// This window's session with the embedded cluster: follows the cluster's state and keeps one set of
// Kafka clients for it while it runs, so views and panels share connections.

import * as vscode from 'vscode';
import { KafkaClients } from '../kafka/kafkaClients.js';
import type { EmbeddedCluster } from './embeddedCluster.js';
import { bootstrapList, type ClusterState } from './clusterState.js';

export class ClusterSession implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ClusterState>();
  private currentClients: KafkaClients | undefined;
  private readonly subscription: { dispose(): void };

  /** Fires after the state changed and the clients follow it. */
  readonly onDidChange = this.changed.event;

  constructor(readonly cluster: EmbeddedCluster) {
    this.subscription = cluster.onDidChangeState((state) => this.follow(state));
  }

  get state(): ClusterState {
    return this.cluster.state;
  }

  /** Clients for the running cluster, or undefined while it is not running. */
  clients(): KafkaClients | undefined {
    return this.currentClients;
  }

  private follow(state: ClusterState): void {
    const bootstrap = state.kind === 'running' ? bootstrapList(state.bootstrapServers) : [];
    const same =
      this.currentClients !== undefined && bootstrap.join(',') === this.currentClients.bootstrapBrokers.join(',');
    if (!same) {
      void this.currentClients?.close();
      this.currentClients = bootstrap.length > 0 ? new KafkaClients(bootstrap) : undefined;
    }
    this.changed.fire(state);
  }

  dispose(): void {
    this.subscription.dispose();
    void this.currentClients?.close();
    this.currentClients = undefined;
    this.changed.dispose();
  }
}
