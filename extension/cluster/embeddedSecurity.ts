// The embedded cluster's listener security as the kafkaWorkbench.embedded.security.* settings state
// it: checked, turned into the supervisor's --security-file, and into the options our own clients
// connect with. No `vscode` import, so it is unit-tested on its own.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ClientConnectionOptions, ConnectionMechanism } from '../connections/connectionConfig.js';
import { CONNECT_TIMEOUT_MS } from '../connections/connectionConfig.js';

export const EMBEDDED_PROTOCOLS = ['PLAINTEXT', 'SASL_PLAINTEXT', 'SSL', 'SASL_SSL'] as const;
export type EmbeddedProtocol = (typeof EMBEDDED_PROTOCOLS)[number];
const MECHANISMS: readonly ConnectionMechanism[] = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'];

export interface EmbeddedSecurity {
  readonly protocol: EmbeddedProtocol;
  /** The first is the one the extension's own clients use. */
  readonly mechanisms: readonly ConnectionMechanism[];
  /** The first is the one the extension's own clients log in as. */
  readonly users: readonly { readonly name: string; readonly password: string }[];
  /** null: a local CA and certificate generated in <dataDir>/tls/. */
  readonly certificate: { readonly certFile: string; readonly keyFile: string; readonly caFile: string | null } | null;
}

/** The raw setting values, as read from the configuration. */
export interface EmbeddedSecurityRaw {
  readonly protocol?: unknown;
  readonly mechanisms?: unknown;
  readonly users?: unknown;
  readonly certFile?: unknown;
  readonly keyFile?: unknown;
  readonly caFile?: unknown;
}

export const PLAINTEXT_SECURITY: EmbeddedSecurity = { protocol: 'PLAINTEXT', mechanisms: ['PLAIN'], users: [], certificate: null };

export const SECURITY_FILE_NAME = 'embedded-security.json';

export function usesSasl(security: EmbeddedSecurity): boolean {
  return security.protocol === 'SASL_PLAINTEXT' || security.protocol === 'SASL_SSL';
}

export function usesTls(security: EmbeddedSecurity): boolean {
  return security.protocol === 'SSL' || security.protocol === 'SASL_SSL';
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** Settings checked into a security; throws an Error whose message names the setting at fault. */
export function parseEmbeddedSecurity(raw: EmbeddedSecurityRaw): EmbeddedSecurity {
  const protocol = text(raw.protocol).toUpperCase() || 'PLAINTEXT';
  if (!EMBEDDED_PROTOCOLS.includes(protocol as EmbeddedProtocol)) {
    throw new Error(`kafkaWorkbench.embedded.security.protocol must be one of ${EMBEDDED_PROTOCOLS.join(', ')}, not "${protocol}".`);
  }
  const mechanismList = Array.isArray(raw.mechanisms) ? raw.mechanisms : typeof raw.mechanisms === 'string' ? [raw.mechanisms] : [];
  const mechanisms = mechanismList.map((m) => text(m).toUpperCase()).filter(Boolean);
  for (const m of mechanisms) {
    if (!MECHANISMS.includes(m as ConnectionMechanism)) {
      throw new Error(`kafkaWorkbench.embedded.security.mechanisms: "${m}" is not one of ${MECHANISMS.join(', ')}.`);
    }
  }
  const users: { name: string; password: string }[] = [];
  for (const u of Array.isArray(raw.users) ? (raw.users as unknown[]) : []) {
    const { name, password } = (u ?? {}) as { name?: unknown; password?: unknown };
    if (typeof name !== 'string' || name.trim() === '' || name.includes(',') || typeof password !== 'string') {
      throw new Error('kafkaWorkbench.embedded.security.users: each user needs a "name" (no commas) and a "password".');
    }
    users.push({ name: name.trim(), password });
  }
  const certFile = text(raw.certFile);
  const keyFile = text(raw.keyFile);
  if ((certFile === '') !== (keyFile === '')) {
    throw new Error('kafkaWorkbench.embedded.security.certFile and keyFile go together (leave both empty to generate a certificate).');
  }
  const security: EmbeddedSecurity = {
    protocol: protocol as EmbeddedProtocol,
    mechanisms: mechanisms.length > 0 ? (mechanisms as ConnectionMechanism[]) : ['PLAIN'],
    users,
    certificate: certFile ? { certFile, keyFile, caFile: text(raw.caFile) || null } : null,
  };
  if (usesSasl(security) && users.length === 0) {
    throw new Error(`${protocol} needs at least one user in kafkaWorkbench.embedded.security.users.`);
  }
  return security;
}

/** The supervisor's --security-file content; undefined for PLAINTEXT (no file, no flag). */
export function securityFileJson(security: EmbeddedSecurity): string | undefined {
  if (security.protocol === 'PLAINTEXT') return undefined;
  return JSON.stringify({
    protocol: security.protocol,
    mechanisms: security.mechanisms,
    users: security.users,
    tls: security.certificate ? { certFile: security.certificate.certFile, keyFile: security.certificate.keyFile } : 'generate',
  }, null, 2);
}

/** Writes the security file into the data directory (readable by this user only); its path, or undefined for PLAINTEXT. */
export function writeSecurityFile(dataDir: string, security: EmbeddedSecurity): string | undefined {
  const file = path.join(dataDir, SECURITY_FILE_NAME);
  const json = securityFileJson(security);
  if (json === undefined) {
    fs.rmSync(file, { force: true });
    return undefined;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, json, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}

/** Where the broker keeps the CA it generates, which our clients trust. */
export function generatedCaFile(dataDir: string): string {
  return path.join(dataDir, 'tls', 'ca.pem');
}

/**
 * Options our clients use against the embedded cluster: the first user and mechanism, and for TLS the
 * generated CA (or the given CA file, or the given certificate itself when it is self-signed).
 */
export function embeddedClientOptions(
  security: EmbeddedSecurity,
  dataDir: string,
  readFile: (file: string) => Buffer = (file) => fs.readFileSync(file),
): Partial<ClientConnectionOptions> {
  if (security.protocol === 'PLAINTEXT') return {};
  const options: ClientConnectionOptions = { connectTimeout: CONNECT_TIMEOUT_MS };
  const user = security.users[0];
  const mechanism = security.mechanisms[0];
  if (usesSasl(security) && user && mechanism) options.sasl = { mechanism, username: user.name, password: user.password };
  if (usesTls(security)) {
    const caFile = security.certificate ? security.certificate.caFile ?? security.certificate.certFile : generatedCaFile(dataDir);
    try {
      options.tls = { rejectUnauthorized: true, ca: readFile(caFile) };
    } catch (err) {
      throw new Error(`cannot read the embedded cluster's CA file ${caFile}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return options;
}

/** One line for the Clusters view, e.g. "SASL_SSL · SCRAM-SHA-512 as alice". */
export function describeSecurity(security: EmbeddedSecurity): string {
  if (security.protocol === 'PLAINTEXT') return '';
  const user = security.users[0];
  return usesSasl(security) && user ? `${security.protocol} · ${security.mechanisms[0] ?? 'PLAIN'} as ${user.name}` : security.protocol;
}
