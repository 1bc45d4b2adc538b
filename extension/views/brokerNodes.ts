// The Brokers view's nodes: one embedded broker with its address, up/down state, controller role and
// leader and replica counts, and a message row standing in when there are no brokers to show.

import * as vscode from 'vscode';
import type { BrokerStatus } from '../../broker/cluster/controlProtocol.js';

/** The one-line summary a broker row shows, e.g. `127.0.0.1:9092 · up · controller · 2 leaders · 6 replicas`. */
export function brokerDescription(broker: BrokerStatus): string {
  const parts = [`${broker.host}:${broker.port}`, broker.live ? 'up' : `down (${broker.state})`];
  if (broker.controller) {
    parts.push('controller');
  }
  parts.push(`${broker.leaders} leader${broker.leaders === 1 ? '' : 's'}`, `${broker.replicas} replica${broker.replicas === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

export class BrokerNode extends vscode.TreeItem {
  readonly kind = 'broker';

  constructor(readonly broker: BrokerStatus) {
    super(`Broker ${broker.nodeId}`, vscode.TreeItemCollapsibleState.None);
    this.id = `broker:${broker.nodeId}`;
    // Menus offer stop and kill on a running process, restart on any.
    this.contextValue = broker.pid !== null ? 'broker-running' : 'broker-down';
    this.description = brokerDescription(broker);
    this.iconPath = new vscode.ThemeIcon(
      broker.live ? 'vm-running' : 'vm-outline',
      new vscode.ThemeColor(broker.live ? 'testing.iconPassed' : 'testing.iconFailed'),
    );
    this.tooltip = [
      `Broker ${broker.nodeId} at ${broker.host}:${broker.port}`,
      `State: ${broker.state}${broker.live ? ' (in the cluster)' : ' (not in the cluster)'}`,
      broker.controller ? 'Named as the controller in Metadata' : undefined,
      `Leads ${broker.leaders} partition(s), holds ${broker.replicas} replica(s)`,
      broker.pid !== null ? `Process ${broker.pid}` : undefined,
      broker.error !== null ? `Last error: ${broker.error}` : undefined,
    ]
      .filter((line) => line !== undefined)
      .join('\n');
  }
}

export class BrokerMessageNode extends vscode.TreeItem {
  readonly kind = 'message';

  constructor(text: string, icon: string) {
    super(text, vscode.TreeItemCollapsibleState.None);
    this.id = `broker-message:${text}`;
    this.contextValue = 'message';
    this.iconPath = new vscode.ThemeIcon(icon);
  }
}

export type BrokersTreeNode = BrokerNode | BrokerMessageNode;
