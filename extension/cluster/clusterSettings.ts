// Reads the kafkaWorkbench.embedded.* settings into plain values the cluster code understands.

import * as vscode from 'vscode';
import { idleTimeoutMs, resolveDataDirectory } from './dataDirectory.js';

export interface EmbeddedClusterSettings {
  readonly dataDir: string;
  /** Set only when the user chose a port; a chosen port that is taken is an error, not skipped. */
  readonly port: number | undefined;
  readonly idleTimeoutMs: number;
  readonly autoStart: boolean;
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
  };
}
