// The embedded cluster as this window sees it; the status bar and the views render it.

import type { BrokerEndpoint } from '../../broker/cluster/clusterFiles.js';

export type ClusterState =
  | { readonly kind: 'stopped'; readonly reason?: string }
  | { readonly kind: 'starting' }
  | { readonly kind: 'running'; readonly bootstrapServers: string; readonly brokers: readonly BrokerEndpoint[] }
  | { readonly kind: 'error'; readonly message: string };

/** The bootstrap servers as a client library wants them. */
export function bootstrapList(bootstrapServers: string): string[] {
  return bootstrapServers
    .split(',')
    .map((server) => server.trim())
    .filter((server) => server.length > 0);
}
