// The users a SASL listener accepts, held the way each mechanism checks them: passwords for PLAIN,
// PBKDF2-salted SCRAM credentials (computed once, at broker start) for SCRAM-SHA-256/512.

import type { ListenerSecurity } from './listenerSecurity.js';
import { scramCredential, type ScramCredential, type ScramHash } from './scram.js';

/** The internal user brokers authenticate as to each other (see ListenerSecurity.interBrokerSecret). */
export const INTER_BROKER_USER = '__kafka_workbench_broker';

export class SaslCredentials {
  private readonly passwords = new Map<string, string>();
  private readonly scram = new Map<ScramHash, Map<string, ScramCredential>>();

  constructor(readonly security: ListenerSecurity) {
    for (const user of security.users) this.passwords.set(user.name, user.password);
    for (const mechanism of security.mechanisms) {
      const hash = scramHashOf(mechanism);
      if (!hash) continue;
      this.scram.set(hash, new Map(security.users.map((u) => [u.name, scramCredential(hash, u.password)])));
    }
  }

  passwordOf(user: string): string | undefined {
    return user === INTER_BROKER_USER ? undefined : this.passwords.get(user);
  }

  scramCredentialOf(hash: ScramHash, user: string): ScramCredential | undefined {
    return this.scram.get(hash)?.get(user);
  }

  interBrokerSecretOf(user: string): string | undefined {
    return user === INTER_BROKER_USER ? this.security.interBrokerSecret : undefined;
  }
}

export function scramHashOf(mechanism: string): ScramHash | null {
  return mechanism === 'SCRAM-SHA-256' ? 'sha256' : mechanism === 'SCRAM-SHA-512' ? 'sha512' : null;
}
