// Reads the kafkaWorkbench.embedded.* settings into plain values the cluster code understands.

import * as vscode from 'vscode';
import { idleTimeoutMs, resolveDataDirectory } from './dataDirectory.js';

export interface EmbeddedClusterSettings {
  readonly dataDir: string;
  readonly port: number;
  readonly idleTimeoutMs: number;
  readonly autoStart: boolean;
}

export function readEmbeddedClusterSettings(): EmbeddedClusterSettings {
  const config = vscode.workspace.getConfiguration('kafkaWorkbench.embedded');
  return {
    dataDir: resolveDataDirectory(config.get<string>('dataDir')),
    port: config.get<number>('port') ?? 9092,
    idleTimeoutMs: idleTimeoutMs(config.get<number>('idleShutdownMinutes')),
    autoStart: config.get<boolean>('autoStart') ?? true,
  };
}
