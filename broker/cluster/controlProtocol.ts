// The supervisor's control channel: newline-delimited JSON over 127.0.0.1, one request per line.
// A client sends `hello` with the lock file's token first. A connection that sent `attach` counts as
// an attached user (a VS Code window or a CLI) until it closes; with none attached for the idle
// period, the supervisor stops the cluster.

import type { BrokerEndpoint } from './clusterFiles.js';

export type ControlRequest =
  | { readonly id: number; readonly op: 'hello'; readonly token: string }
  | { readonly id: number; readonly op: 'attach'; readonly client: string }
  | { readonly id: number; readonly op: 'status' }
  | { readonly id: number; readonly op: 'stop' }
  /** Fault controls for one embedded broker: graceful stop, SIGKILL, or (re)start; answered with the status after it. */
  | { readonly id: number; readonly op: BrokerAction; readonly nodeId: number };

export type BrokerAction = 'stopBroker' | 'killBroker' | 'restartBroker';

export interface BrokerStatus extends BrokerEndpoint {
  readonly pid: number | null;
  /** `fenced`: the process runs but missed heartbeats; `killed`: ended by killBroker (SIGKILL). */
  readonly state: 'starting' | 'running' | 'fenced' | 'stopping' | 'stopped' | 'killed' | 'failed';
  /** Registered and unfenced with the controller: listed in Metadata. */
  readonly live: boolean;
  /** The broker Metadata names as the controller. */
  readonly controller: boolean;
  /** Partitions it leads, and partitions it holds a replica of. */
  readonly leaders: number;
  readonly replicas: number;
  /** Why it last failed to start or exited unexpectedly, if it did. */
  readonly error: string | null;
}

export interface ClusterStatus {
  readonly clusterId: string;
  readonly bootstrapServers: string;
  readonly brokers: readonly BrokerStatus[];
  readonly attached: number;
  readonly dataDir: string;
}

export type ControlResponse =
  | { readonly id: number; readonly ok: true; readonly result?: ClusterStatus }
  | { readonly id: number; readonly ok: false; readonly error: string };
