// Starts the `.kafka` language server in its own process, answers its cluster facts request,
// tells it when the cluster or the running blocks change, and restarts it if it dies (saying so once).

import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { clusterChangedNotification, clusterFactsRequest, runningBlocksNotification } from '../../language/protocol.js';
import type { ClusterSession } from '../cluster/clusterSession.js';
import type { ProduceTailPanels } from '../panels/produceTailPanels.js';
import { NOT_CONNECTED, readClusterFacts } from './clusterFacts.js';
import { KafkaFileRunner } from './kafkaFileRunner.js';
import { ServerRestartPolicy } from './serverRestartPolicy.js';

export class KafkaLanguageClient implements vscode.Disposable {
  private readonly client: LanguageClient;
  private readonly runner: KafkaFileRunner;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly restartPolicy = new ServerRestartPolicy();

  constructor(
    extensionPath: string,
    private readonly session: ClusterSession,
    panels: ProduceTailPanels,
    private readonly log: vscode.LogOutputChannel,
    onProduced: () => void,
  ) {
    const module = path.join(extensionPath, 'dist', 'languageServer.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ language: 'kafka' }],
      outputChannel: log,
      errorHandler: {
        error: (): ErrorHandlerResult => ({ action: ErrorAction.Continue }),
        closed: (): CloseHandlerResult => this.onServerClosed(),
      },
    };
    this.client = new LanguageClient('kafkaWorkbench.kafkaLanguageServer', 'Kafka Language Server', serverOptions, clientOptions);
    this.client.onRequest(clusterFactsRequest, async (params) => {
      const clients = this.session.clients();
      if (clients === undefined) {
        return NOT_CONNECTED;
      }
      try {
        return await readClusterFacts(clients.admin(), params);
      } catch (error) {
        this.log.debug(`Cluster facts for the .kafka server: ${String(error)}`);
        return NOT_CONNECTED;
      }
    });
    this.runner = new KafkaFileRunner({
      session,
      panels,
      log,
      onProduced: () => {
        onProduced();
        this.notifyClusterChanged();
      },
      onRunningChanged: (keys) => {
        if (this.client.isRunning()) {
          void this.client.sendNotification(runningBlocksNotification, { keys });
        }
      },
    });
    this.disposables.push(
      this.runner,
      session.onDidChange(() => this.notifyClusterChanged()),
      this.client.onDidChangeState(() => {
        if (this.client.isRunning()) {
          // A restarted server knows nothing: tell it what runs now.
          void this.client.sendNotification(runningBlocksNotification, { keys: this.runner.runningKeys() });
        }
      }),
    );
    void this.client.start().catch((error: unknown) => this.log.error(`The .kafka language server did not start: ${String(error)}`));
  }

  notifyClusterChanged(): void {
    if (this.client.isRunning()) {
      void this.client.sendNotification(clusterChangedNotification, {});
    }
  }

  private onServerClosed(): CloseHandlerResult {
    const decision = this.restartPolicy.onServerClosed();
    if (decision.action === 'stop') {
      const message = 'The .kafka language server stopped repeatedly and will not be restarted. Reload the window to try again.';
      this.log.error(message);
      return { action: CloseAction.DoNotRestart, message };
    }
    this.log.warn('The .kafka language server stopped unexpectedly; restarting it.');
    if (decision.tellUser) {
      void vscode.window.showWarningMessage('The .kafka language server stopped unexpectedly and was restarted.');
    }
    return { action: CloseAction.Restart, handled: true };
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) {
      disposable.dispose();
    }
    void this.client.stop().catch(() => undefined);
  }
}
