// An external cluster connection as kept in settings (everything but the password) and the client
// options it gives @platformatic/kafka. No `vscode` import, so it is unit-tested on its own.

import * as fs from 'node:fs';
import type { ConnectionOptions as TlsOptions } from 'node:tls';

export type ConnectionMechanism = 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';

export interface ClusterConnection {
  readonly id: string;
  readonly name: string;
  /** host:port list, comma-separated. */
  readonly bootstrapServers: string;
  /** null: no SASL. The password lives in SecretStorage under the connection's id. */
  readonly sasl: { readonly mechanism: ConnectionMechanism; readonly username: string } | null;
  /** null: plaintext. caFile null means the system's trusted CAs. */
  readonly tls: { readonly caFile: string | null; readonly certFile: string | null; readonly keyFile: string | null } | null;
}

/** The connection options both the admin client and the producer take. */
export interface ClientConnectionOptions {
  sasl?: { mechanism: ConnectionMechanism; username: string; password: string };
  tls?: TlsOptions;
  connectTimeout: number;
}

export const CONNECT_TIMEOUT_MS = 5_000;

/** Why a bootstrap list is not usable, or null when it is. */
export function bootstrapProblem(value: string): string | null {
  const servers = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (servers.length === 0) return 'Give at least one host:port.';
  for (const server of servers) {
    const m = /^(\[[0-9a-fA-F:]+\]|[^\s:/]+):(\d{1,5})$/.exec(server);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) return `"${server}" is not host:port.`;
  }
  return null;
}

export function bootstrapServersOf(connection: ClusterConnection): string[] {
  return connection.bootstrapServers.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Reads connections from the settings value, dropping entries that are not connections. */
export function parseConnections(raw: unknown): ClusterConnection[] {
  if (!Array.isArray(raw)) return [];
  const out: ClusterConnection[] = [];
  for (const item of raw as unknown[]) {
    const o = (item ?? {}) as Record<string, unknown>;
    if (typeof o.id !== 'string' || typeof o.name !== 'string' || typeof o.bootstrapServers !== 'string') continue;
    const sasl = o.sasl as Record<string, unknown> | null | undefined;
    const tls = o.tls as Record<string, unknown> | null | undefined;
    const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
    out.push({
      id: o.id,
      name: o.name,
      bootstrapServers: o.bootstrapServers,
      sasl: sasl && typeof sasl.username === 'string' && ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'].includes(String(sasl.mechanism))
        ? { mechanism: sasl.mechanism as ConnectionMechanism, username: sasl.username }
        : null,
      tls: tls ? { caFile: text(tls.caFile), certFile: text(tls.certFile), keyFile: text(tls.keyFile) } : null,
    });
  }
  return out;
}

/** Client options for a connection; throws a readable Error when a certificate file cannot be read. */
export function clientOptionsOf(connection: ClusterConnection, password: string | undefined, readFile = (p: string) => fs.readFileSync(p)): ClientConnectionOptions {
  const options: ClientConnectionOptions = { connectTimeout: CONNECT_TIMEOUT_MS };
  if (connection.sasl) options.sasl = { ...connection.sasl, password: password ?? '' };
  if (connection.tls) {
    const read = (label: string, file: string): Buffer => {
      try {
        return readFile(file);
      } catch (err) {
        throw new Error(`cannot read the ${label} file ${file}: ${err instanceof Error ? err.message : String(err)}`);
      }
    };
    const tls: TlsOptions = { rejectUnauthorized: true };
    if (connection.tls.caFile) tls.ca = read('CA', connection.tls.caFile);
    if (connection.tls.certFile) tls.cert = read('client certificate', connection.tls.certFile);
    if (connection.tls.keyFile) tls.key = read('client key', connection.tls.keyFile);
    options.tls = tls;
  }
  return options;
}
