// What a broker listener demands of its clients: the security protocol (Kafka's names), the SASL
// mechanisms and users, and the TLS certificate. Parsed from a JSON file or `--override` settings.

import { randomBytes } from 'node:crypto';

export const SECURITY_PROTOCOLS = ['PLAINTEXT', 'SASL_PLAINTEXT', 'SSL', 'SASL_SSL'] as const;
export type SecurityProtocol = (typeof SECURITY_PROTOCOLS)[number];

export const SASL_MECHANISMS = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

export interface SaslUser {
  readonly name: string;
  readonly password: string;
}

/** PEM files given by the user, or "generate": a local CA and a certificate it signs, kept in the cluster's data directory. */
export type TlsCertificateSource = { readonly certFile: string; readonly keyFile: string } | 'generate';

export interface ListenerSecurity {
  readonly protocol: SecurityProtocol;
  readonly mechanisms: readonly SaslMechanism[];
  readonly users: readonly SaslUser[];
  /** Used by SSL and SASL_SSL; null means "generate" when the protocol needs TLS. */
  readonly tls: TlsCertificateSource | null;
  /**
   * Password of the internal user brokers authenticate as when one fetches from another. Random per
   * cluster start and never shown: it exists only so replication works behind a SASL listener.
   */
  readonly interBrokerSecret: string;
}

export class SecuritySettingError extends Error {}

export function usesSasl(protocol: SecurityProtocol): boolean {
  return protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL';
}

export function usesTls(protocol: SecurityProtocol): boolean {
  return protocol === 'SSL' || protocol === 'SASL_SSL';
}

export function defaultListenerSecurity(): ListenerSecurity {
  return { protocol: 'PLAINTEXT', mechanisms: ['PLAIN'], users: [], tls: null, interBrokerSecret: randomBytes(24).toString('base64url') };
}

function protocolOf(value: unknown): SecurityProtocol {
  const p = typeof value === 'string' ? value.toUpperCase() : value;
  if (!SECURITY_PROTOCOLS.includes(p as SecurityProtocol)) {
    throw new SecuritySettingError(`security protocol must be one of ${SECURITY_PROTOCOLS.join(', ')}, not "${String(value)}"`);
  }
  return p as SecurityProtocol;
}

function mechanismsOf(value: unknown): SaslMechanism[] {
  const list = typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;
  if (!Array.isArray(list) || list.length === 0) throw new SecuritySettingError('SASL mechanisms must be a non-empty list');
  return list.map((m: unknown) => {
    const name = typeof m === 'string' ? m.toUpperCase() : m;
    if (!SASL_MECHANISMS.includes(name as SaslMechanism)) {
      throw new SecuritySettingError(`SASL mechanism must be one of ${SASL_MECHANISMS.join(', ')}, not "${String(m)}"`);
    }
    return name as SaslMechanism;
  });
}

function usersOf(value: unknown): SaslUser[] {
  // "alice:secret,bob:pw" on the command line; the first colon splits name from password.
  const list = typeof value === 'string'
    ? value.split(',').filter(Boolean).map((pair) => {
      const colon = pair.indexOf(':');
      if (colon <= 0) throw new SecuritySettingError(`a SASL user is NAME:PASSWORD, not "${pair}"`);
      return { name: pair.slice(0, colon), password: pair.slice(colon + 1) };
    })
    : value;
  if (!Array.isArray(list)) throw new SecuritySettingError('SASL users must be a list of {name, password}');
  return list.map((u: unknown) => {
    const { name, password } = (u ?? {}) as { name?: unknown; password?: unknown };
    if (typeof name !== 'string' || name === '' || typeof password !== 'string') {
      throw new SecuritySettingError('each SASL user needs a non-empty "name" and a "password"');
    }
    return { name, password };
  });
}

function tlsOf(value: unknown): TlsCertificateSource | null {
  if (value === null || value === undefined || value === '') return null;
  if (value === 'generate') return 'generate';
  const { certFile, keyFile } = value as { certFile?: unknown; keyFile?: unknown };
  if (typeof certFile !== 'string' || typeof keyFile !== 'string' || !certFile || !keyFile) {
    throw new SecuritySettingError('tls must be "generate" or {"certFile": PEM path, "keyFile": PEM path}');
  }
  return { certFile, keyFile };
}

function checked(s: ListenerSecurity): ListenerSecurity {
  if (usesSasl(s.protocol) && s.users.length === 0) throw new SecuritySettingError(`${s.protocol} needs at least one SASL user`);
  return s;
}

/** A security file: {"protocol", "mechanisms", "users": [{"name", "password"}], "tls": "generate" | {"certFile", "keyFile"}}. */
export function parseSecurityJson(text: string): ListenerSecurity {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new SecuritySettingError(`the security file is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new SecuritySettingError('the security file must hold a JSON object');
  const o = raw as Record<string, unknown>;
  const base = defaultListenerSecurity();
  return checked({
    ...base,
    protocol: o.protocol === undefined ? base.protocol : protocolOf(o.protocol),
    mechanisms: o.mechanisms === undefined ? base.mechanisms : mechanismsOf(o.mechanisms),
    users: o.users === undefined ? [] : usersOf(o.users),
    tls: tlsOf(o.tls),
  });
}

/** The `--override` keys this module owns; null when `key` is not one of them. */
export function applySecurityOverride(current: ListenerSecurity | undefined, key: string, value: string): ListenerSecurity | null {
  const s = current ?? defaultListenerSecurity();
  switch (key) {
    case 'security.protocol':
    case 'listener.security.protocol':
      return { ...s, protocol: protocolOf(value) };
    case 'sasl.enabled.mechanisms':
      return { ...s, mechanisms: mechanismsOf(value) };
    case 'sasl.users':
      return { ...s, users: usersOf(value) };
    case 'ssl.certificate':
      if (value === 'generate') return { ...s, tls: 'generate' };
      throw new SecuritySettingError('ssl.certificate takes "generate"; give your own with ssl.cert.file and ssl.key.file');
    case 'ssl.cert.file':
      return { ...s, tls: { certFile: value, keyFile: s.tls && s.tls !== 'generate' ? s.tls.keyFile : '' } };
    case 'ssl.key.file':
      return { ...s, tls: { certFile: s.tls && s.tls !== 'generate' ? s.tls.certFile : '', keyFile: value } };
    default:
      return null;
  }
}

/** Checks a security assembled from several overrides once all are applied. */
export function checkListenerSecurity(s: ListenerSecurity): ListenerSecurity {
  if (s.tls && s.tls !== 'generate' && (!s.tls.certFile || !s.tls.keyFile)) {
    throw new SecuritySettingError('ssl.cert.file and ssl.key.file go together');
  }
  return checked(s);
}
