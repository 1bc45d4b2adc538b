// The supervisor's control channel: newline-delimited JSON over 127.0.0.1, one request per line.
// A client sends `hello` with the lock file's token first. A connection that sent `attach` counts as
// an attached user (a VS Code window or a CLI) until it closes; with none attached for the idle
// period, the supervisor stops the cluster.

import type { BrokerEndpoint } from './clusterFiles.js';

export type ControlRequest =
  | { readonly id: number; readonly op: 'hello'; readonly token: string }
  | { readonly id: number; readonly op: 'attach'; readonly client: string }
  | { readonly id: number; readonly op: 'status' }
  | { readonly id: number; readonly op: 'stop' };

export interface BrokerStatus extends BrokerEndpoint {
  readonly pid: number | null;
  readonly state: 'starting' | 'running' | 'stopped' | 'failed';
}

export interface ClusterStatus {
  readonly bootstrapServers: string;
  readonly brokers: readonly BrokerStatus[];
  readonly attached: number;
  readonly dataDir: string;
}

export type ControlResponse =
  | { readonly id: number; readonly ok: true; readonly result?: ClusterStatus }
  | { readonly id: number; readonly ok: false; readonly error: string };
