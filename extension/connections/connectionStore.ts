// External connections: everything but passwords in the `kafkaWorkbench.connections` setting,
// passwords in VS Code's SecretStorage under the connection's id.

import * as vscode from 'vscode';
import { clientOptionsOf, parseConnections, type ClientConnectionOptions, type ClusterConnection } from './connectionConfig.js';

const SETTING = 'connections';
const secretKey = (id: string): string => `kafkaWorkbench.connection.${id}.password`;

export class ConnectionStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  list(): ClusterConnection[] {
    return parseConnections(vscode.workspace.getConfiguration('kafkaWorkbench').get<unknown>(SETTING));
  }

  get(id: string): ClusterConnection | undefined {
    return this.list().find((c) => c.id === id);
  }

  /** Adds or replaces a connection; a password of undefined leaves the stored one as it is. */
  async save(connection: ClusterConnection, password: string | undefined): Promise<void> {
    const others = this.list().filter((c) => c.id !== connection.id);
    await vscode.workspace.getConfiguration('kafkaWorkbench').update(SETTING, [...others, connection], vscode.ConfigurationTarget.Global);
    if (password !== undefined) await this.secrets.store(secretKey(connection.id), password);
  }

  async remove(id: string): Promise<void> {
    const rest = this.list().filter((c) => c.id !== id);
    await vscode.workspace.getConfiguration('kafkaWorkbench').update(SETTING, rest, vscode.ConfigurationTarget.Global);
    await this.secrets.delete(secretKey(id));
  }

  async clientOptions(connection: ClusterConnection): Promise<ClientConnectionOptions> {
    return clientOptionsOf(connection, connection.sasl ? await this.secrets.get(secretKey(connection.id)) : undefined);
  }
}
