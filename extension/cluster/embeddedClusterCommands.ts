// Commands that act on the embedded cluster as a whole: start with progress, restart (after its
// security settings changed), reset (delete all its data behind a confirmation stating the size) and
// open its log file.

import * as vscode from 'vscode';
import { clearDirectory, clusterLogFile, directorySize } from './clusterData.js';
import { formatBytes } from '../topics/topicListing.js';
import type { EmbeddedCluster } from './embeddedCluster.js';

export interface EmbeddedClusterCommandServices {
  readonly cluster: EmbeddedCluster;
  readonly dataDir: string;
  readonly log: vscode.LogOutputChannel;
  /** Called after the cluster's data or state changed, so views re-read. */
  readonly refresh: () => void;
}

/** Starts (or attaches to) the embedded cluster with a notification while it comes up. */
export function startWithProgress(cluster: EmbeddedCluster): Thenable<void> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Starting the embedded Kafka cluster…' },
    () => cluster.ensureRunning(),
  );
}

async function stopThenStart(services: EmbeddedClusterCommandServices, title: string, between: () => Promise<void>): Promise<void> {
  const { cluster, log } = services;
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, async (progress) => {
      progress.report({ message: 'stopping…' });
      await cluster.stop();
      await between();
      services.refresh();
      progress.report({ message: 'starting…' });
      await cluster.ensureRunning();
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log.error(`${title} ${message}`);
    void vscode.window.showErrorMessage(message, 'Show Log').then((choice) => {
      if (choice === 'Show Log') log.show();
    });
  }
  services.refresh();
}

export function restartEmbeddedCluster(services: EmbeddedClusterCommandServices): Promise<void> {
  return stopThenStart(services, 'Restarting the embedded Kafka cluster…', () => Promise.resolve());
}

export function registerEmbeddedClusterCommands(services: EmbeddedClusterCommandServices): vscode.Disposable[] {
  const { dataDir, log } = services;
  return [
    vscode.commands.registerCommand('kafkaWorkbench.restartEmbeddedCluster', () => restartEmbeddedCluster(services)),
    vscode.commands.registerCommand('kafkaWorkbench.resetEmbeddedCluster', async () => {
      const size = formatBytes(await directorySize(dataDir));
      const answer = await vscode.window.showWarningMessage(
        `Reset the embedded cluster? This stops it for every window and deletes all its data (${size} in ${dataDir}): every topic, record and consumer group offset.`,
        { modal: true },
        'Delete All Data',
      );
      if (answer !== 'Delete All Data') return;
      await stopThenStart(services, 'Resetting the embedded Kafka cluster…', async () => {
        await clearDirectory(dataDir);
        log.info(`Reset: deleted ${size} in ${dataDir}.`);
      });
    }),
    vscode.commands.registerCommand('kafkaWorkbench.openClusterLog', async () => {
      const file = clusterLogFile(dataDir);
      try {
        const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
        await vscode.window.showTextDocument(document, { preview: true });
      } catch (err) {
        void vscode.window.showWarningMessage(`The embedded cluster has no log yet (${file}): ${err instanceof Error ? err.message : String(err)}`);
      }
    }),
    vscode.commands.registerCommand('kafkaWorkbench.showEmbeddedDiskUsage', async () => {
      void vscode.window.showInformationMessage(`The embedded cluster uses ${formatBytes(await directorySize(dataDir))} in ${dataDir}.`);
    }),
  ];
}
