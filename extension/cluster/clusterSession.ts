// This window's active cluster: the embedded one (following its state) or an external connection the
// user chose. It keeps one set of Kafka clients for it, so every view and panel shares connections
// and works the same against either.

import * as vscode from 'vscode';
import { KafkaClients } from '../kafka/kafkaClients.js';
import type { ClientConnectionOptions } from '../connections/connectionConfig.js';
import type { EmbeddedCluster } from './embeddedCluster.js';
import { bootstrapList, type ClusterState } from './clusterState.js';

/** An external cluster to use instead of the embedded one. */
export interface ExternalTarget {
  readonly id: string;
  readonly name: string;
  readonly bootstrapServers: string;
  readonly options: Partial<ClientConnectionOptions>;
}

export class ClusterSession implements vscode.Disposable {
  private externalTarget: ExternalTarget | undefined;
  private readonly changed = new vscode.EventEmitter<ClusterState>();
  private currentClients: KafkaClients | undefined;
  private readonly subscription: { dispose(): void };

  /** Fires after the state changed and the clients follow it. */
  readonly onDidChange = this.changed.event;

  /** Set when the embedded cluster runs but our clients cannot be configured for it (e.g. its CA file is unreadable). */
  private embeddedProblem: string | undefined;

  /** `embeddedOptions`: SASL/TLS our clients need for the embedded cluster, read when it comes up. */
  constructor(
    readonly cluster: EmbeddedCluster,
    private readonly embeddedOptions: () => Partial<ClientConnectionOptions> = () => ({}),
  ) {
    this.subscription = cluster.onDidChangeState((state) => this.follow(state));
  }

  get state(): ClusterState {
    if (this.externalTarget) return { kind: 'running', bootstrapServers: this.externalTarget.bootstrapServers, brokers: [] };
    if (this.embeddedProblem !== undefined && this.cluster.state.kind === 'running') return { kind: 'error', message: this.embeddedProblem };
    return this.cluster.state;
  }

  /** The external connection in use, or undefined for the embedded cluster. */
  get external(): ExternalTarget | undefined {
    return this.externalTarget;
  }

  /** Switches every view to an external cluster, or back to the embedded one (undefined). */
  use(target: ExternalTarget | undefined): void {
    void this.currentClients?.close();
    this.currentClients = undefined;
    this.externalTarget = target;
    if (target) {
      this.currentClients = new KafkaClients(bootstrapList(target.bootstrapServers), target.options);
      this.changed.fire(this.state);
    } else {
      this.follow(this.cluster.state);
    }
  }

  /** Clients for the running cluster, or undefined while it is not running. */
  clients(): KafkaClients | undefined {
    return this.currentClients;
  }

  private follow(state: ClusterState): void {
    if (this.externalTarget) return; // the embedded cluster's changes do not concern the views now
    const bootstrap = state.kind === 'running' ? bootstrapList(state.bootstrapServers) : [];
    const same =
      this.currentClients !== undefined && bootstrap.join(',') === this.currentClients.bootstrapBrokers.join(',');
    if (!same) {
      void this.currentClients?.close();
      this.currentClients = undefined;
      this.embeddedProblem = undefined;
      if (bootstrap.length > 0) {
        try {
          this.currentClients = new KafkaClients(bootstrap, this.embeddedOptions());
        } catch (err) {
          this.embeddedProblem = err instanceof Error ? err.message : String(err);
        }
      }
    }
    this.changed.fire(this.state);
  }

  dispose(): void {
    this.subscription.dispose();
    void this.currentClients?.close();
    this.currentClients = undefined;
    this.changed.dispose();
  }
}
