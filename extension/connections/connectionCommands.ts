// Commands of the Clusters view: add, edit, remove, test and use an external connection, and go back
// to the embedded cluster. A failed check shows its message in the tree and changes nothing.

import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ClusterSession } from '../cluster/clusterSession.js';
import { bootstrapProblem, CONNECT_TIMEOUT_MS, type ClusterConnection, type ConnectionMechanism } from './connectionConfig.js';
import { probeConnection, probeErrorText } from './connectionProbe.js';
import type { ConnectionStore } from './connectionStore.js';
import type { ClusterNode, ClustersTreeProvider } from './clustersTreeProvider.js';

export interface ConnectionCommandServices {
  readonly session: ClusterSession;
  readonly store: ConnectionStore;
  readonly tree: ClustersTreeProvider;
  readonly log: vscode.LogOutputChannel;
}

const PROBE_TIMEOUT_MS = CONNECT_TIMEOUT_MS + 3_000;

async function askConnection(existing: ClusterConnection | undefined): Promise<{ connection: ClusterConnection; password: string | undefined } | undefined> {
  const name = await vscode.window.showInputBox({ title: 'Cluster name', value: existing?.name ?? '', validateInput: (v) => (v.trim() ? null : 'Give the cluster a name.') });
  if (name === undefined) return undefined;
  const bootstrapServers = await vscode.window.showInputBox({
    title: 'Bootstrap servers', prompt: 'host:port, comma-separated', value: existing?.bootstrapServers ?? 'localhost:9092', validateInput: bootstrapProblem,
  });
  if (bootstrapServers === undefined) return undefined;
  const auth = await vscode.window.showQuickPick(['None', 'PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'], { title: 'SASL authentication' });
  if (auth === undefined) return undefined;
  let sasl: ClusterConnection['sasl'] = null;
  let password: string | undefined;
  if (auth !== 'None') {
    const username = await vscode.window.showInputBox({ title: 'SASL user name', value: existing?.sasl?.username ?? '' });
    if (username === undefined) return undefined;
    password = await vscode.window.showInputBox({ title: 'SASL password (kept in VS Code secret storage)', password: true });
    if (password === undefined) return undefined;
    sasl = { mechanism: auth as ConnectionMechanism, username };
  }
  const tlsChoice = await vscode.window.showQuickPick(['No TLS', 'TLS, system trusted CAs', 'TLS, CA file…'], { title: 'TLS' });
  if (tlsChoice === undefined) return undefined;
  let tls: ClusterConnection['tls'] = null;
  if (tlsChoice !== 'No TLS') {
    let caFile: string | null = null;
    if (tlsChoice === 'TLS, CA file…') {
      // A path typed in (not an open dialog): it works the same in a remote window and in code-server.
      const picked = await vscode.window.showInputBox({
        title: 'CA certificate file (PEM)', value: existing?.tls?.caFile ?? '', validateInput: (v) => (fs.existsSync(v.trim()) ? null : 'No such file.'),
      });
      if (!picked) return undefined;
      caFile = picked.trim();
    }
    const certFile = await vscode.window.showInputBox({ title: 'Client certificate file (PEM), optional', value: existing?.tls?.certFile ?? '' });
    const keyFile = certFile ? await vscode.window.showInputBox({ title: 'Client key file (PEM)', value: existing?.tls?.keyFile ?? '' }) : '';
    tls = { caFile, certFile: certFile || null, keyFile: keyFile || null };
  }
  return { connection: { id: existing?.id ?? randomUUID(), name: name.trim(), bootstrapServers: bootstrapServers.trim(), sasl, tls }, password };
}

export function registerConnectionCommands(services: ConnectionCommandServices): vscode.Disposable[] {
  const { session, store, tree, log } = services;

  const probe = async (connection: ClusterConnection): Promise<boolean> => {
    let result;
    try {
      result = await probeConnection(connection.bootstrapServers, await store.clientOptions(connection), PROBE_TIMEOUT_MS);
    } catch (err) {
      result = { ok: false as const, message: probeErrorText(err) };
    }
    tree.results.set(connection.id, result);
    tree.refresh();
    if (!result.ok) log.warn(`connection "${connection.name}": ${result.message}`);
    return result.ok;
  };

  const use = async (connection: ClusterConnection | undefined): Promise<void> => {
    if (!connection) {
      session.use(undefined);
      tree.refresh();
      return;
    }
    const ok = await vscode.window.withProgress({ location: { viewId: 'kafkaWorkbench.clusters' } }, () => probe(connection));
    if (!ok) return; // the error shows in the tree; the active cluster stays as it was
    session.use({ id: connection.id, name: connection.name, bootstrapServers: connection.bootstrapServers, options: await store.clientOptions(connection) });
    tree.refresh();
  };

  /** The node's connection; from the palette (no node), the one the user picks. */
  const connectionOf = async (node: ClusterNode | undefined): Promise<ClusterConnection | undefined> => {
    if (node) return node.connectionId ? store.get(node.connectionId) : undefined;
    const items = store.list().map((c) => ({ label: c.name, description: c.bootstrapServers, connection: c }));
    if (items.length === 0) {
      void vscode.window.showInformationMessage('There are no cluster connections yet: add one with "Kafka: Add Cluster Connection".');
      return undefined;
    }
    return (await vscode.window.showQuickPick(items, { title: 'Cluster connection' }))?.connection;
  };

  return [
    vscode.commands.registerCommand('kafkaWorkbench.addConnection', async () => {
      const answer = await askConnection(undefined);
      if (!answer) return;
      await store.save(answer.connection, answer.password);
      tree.refresh();
      await use(answer.connection);
    }),
    vscode.commands.registerCommand('kafkaWorkbench.editConnection', async (node?: ClusterNode) => {
      const existing = await connectionOf(node);
      if (!existing) return;
      const answer = await askConnection(existing);
      if (!answer) return;
      await store.save(answer.connection, answer.password);
      tree.results.delete(existing.id);
      if (session.external?.id === existing.id) await use(answer.connection);
      tree.refresh();
    }),
    vscode.commands.registerCommand('kafkaWorkbench.removeConnection', async (node?: ClusterNode) => {
      const existing = await connectionOf(node);
      if (!existing) return;
      const yes = await vscode.window.showWarningMessage(`Remove the connection "${existing.name}"? Its stored password is deleted too.`, { modal: true }, 'Remove');
      if (yes !== 'Remove') return;
      if (session.external?.id === existing.id) session.use(undefined);
      await store.remove(existing.id);
      tree.results.delete(existing.id);
      tree.refresh();
    }),
    vscode.commands.registerCommand('kafkaWorkbench.testConnection', async (node?: ClusterNode) => {
      const existing = await connectionOf(node);
      if (!existing) return;
      const ok = await vscode.window.withProgress({ location: { viewId: 'kafkaWorkbench.clusters' } }, () => probe(existing));
      if (ok) void vscode.window.showInformationMessage(`"${existing.name}" answered.`);
    }),
    vscode.commands.registerCommand('kafkaWorkbench.useCluster', async (node?: ClusterNode) => {
      // A click on the embedded cluster's node (connectionId null) goes back to it; the palette asks.
      if (node && node.connectionId === null) {
        await use(undefined);
        return;
      }
      const connection = await connectionOf(node);
      if (connection) await use(connection); // a cancelled pick changes nothing
    }),
    vscode.commands.registerCommand('kafkaWorkbench.refreshClusters', () => tree.refresh()),
  ];
}
