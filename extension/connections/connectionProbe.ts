// Tries a connection once, bounded in time, and says what happened in words a user can act on.
// No `vscode` import.

import { KafkaClients } from '../kafka/kafkaClients.js';
import { kafkaErrorText } from '../kafka/kafkaErrorText.js';
import { bootstrapList } from '../cluster/clusterState.js';
import type { ClientConnectionOptions } from './connectionConfig.js';

export type ProbeResult = { readonly ok: true; readonly topics: number } | { readonly ok: false; readonly message: string };

/** Lists the cluster's topics with fresh clients; gives up after `timeoutMs`. */
export async function probeConnection(bootstrapServers: string, options: Partial<ClientConnectionOptions>, timeoutMs: number): Promise<ProbeResult> {
  const clients = new KafkaClients(bootstrapList(bootstrapServers), { ...options, connectTimeout: Math.min(options.connectTimeout ?? timeoutMs, timeoutMs) });
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from ${bootstrapServers} within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    const topics = await Promise.race([clients.admin().listTopics({ includeInternals: false }), timeout]);
    return { ok: true, topics: topics.length };
  } catch (err) {
    return { ok: false, message: probeErrorText(err) };
  } finally {
    clearTimeout(timer);
    void clients.close();
  }
}

/** Errors of a failed connection, with the deepest cause's words (TLS and SASL reasons hide there). */
export function probeErrorText(err: unknown): string {
  const texts: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current && depth < 6; depth++) {
    const e = current as { message?: unknown; errors?: unknown[]; cause?: unknown };
    if (typeof e.message === 'string' && e.message && !texts.includes(e.message)) texts.push(e.message);
    current = e.cause ?? (Array.isArray(e.errors) ? e.errors[0] : undefined);
  }
  const deepest = texts.at(-1) ?? kafkaErrorText(err);
  if (/certificate|self.signed|unable to verify|CERT_/i.test(deepest)) return `TLS: the cluster's certificate is not trusted (${deepest})`;
  if (/SASL|authentication/i.test(texts.join(' '))) return `Authentication failed: ${deepest}`;
  if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|timed? ?out|within/i.test(texts.join(' '))) return `Unreachable: ${deepest}`;
  return deepest;
}
