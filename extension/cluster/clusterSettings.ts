// Reads the kafkaWorkbench.embedded.* settings into plain values the cluster code understands.

import * as vscode from 'vscode';
import { idleTimeoutMs, resolveDataDirectory } from './dataDirectory.js';
import { parseEmbeddedSecurity, type EmbeddedSecurity } from './embeddedSecurity.js';

export interface EmbeddedClusterSettings {
  readonly dataDir: string;
  /** Set only when the user chose a port; a chosen port that is taken is an error, not skipped. */
  readonly port: number | undefined;
  readonly idleTimeoutMs: number;
  readonly autoStart: boolean;
  /** kafkaWorkbench.embedded.brokers: 1 to 5, default 3. */
  readonly brokers: number;
}

export const DEFAULT_EMBEDDED_BROKERS = 3;

/** A whole number from 1 to 5, or the default for anything else. */
export function brokerCount(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5 ? value : DEFAULT_EMBEDDED_BROKERS;
}

function explicitPort(config: vscode.WorkspaceConfiguration): number | undefined {
  const inspected = config.inspect<number>('port');
  return inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
}

export function readEmbeddedClusterSettings(): EmbeddedClusterSettings {
  const config = vscode.workspace.getConfiguration('kafkaWorkbench.embedded');
  return {
    dataDir: resolveDataDirectory(config.get<string>('dataDir')),
    port: explicitPort(config),
    idleTimeoutMs: idleTimeoutMs(config.get<number>('idleShutdownMinutes')),
    autoStart: config.get<boolean>('autoStart') ?? true,
    brokers: brokerCount(config.get<number>('brokers')),
  };
}

/** kafkaWorkbench.embedded.security.*, read fresh each time; throws an Error naming a bad setting. */
export function readEmbeddedSecurity(): EmbeddedSecurity {
  const config = vscode.workspace.getConfiguration('kafkaWorkbench.embedded.security');
  return parseEmbeddedSecurity({
    protocol: config.get('protocol'),
    mechanisms: config.get('mechanisms'),
    users: config.get('users'),
    certFile: config.get('certFile'),
    keyFile: config.get('keyFile'),
    caFile: config.get('caFile'),
  });
}
