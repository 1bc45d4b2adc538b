// SASL PLAIN (RFC 4616): one message "authzid NUL authcid NUL password", checked against the users.

import { createHash, timingSafeEqual } from 'node:crypto';
import { SaslAuthenticationError } from './saslErrors.js';

export interface PlainCredentials {
  readonly authzid: string;
  readonly username: string;
  readonly password: string;
}

/** Splits a PLAIN message; throws SaslAuthenticationError when it is not one. */
export function parsePlainMessage(token: Buffer): PlainCredentials {
  const parts = token.toString('utf8').split('\u0000');
  if (parts.length !== 3) throw new SaslAuthenticationError('Invalid SASL/PLAIN response: expected 3 tokens');
  const [authzid, username, password] = parts;
  if (username === '') throw new SaslAuthenticationError('Authentication failed: username not specified');
  if (password === '') throw new SaslAuthenticationError('Authentication failed: password not specified');
  if (authzid !== '' && authzid !== username) {
    throw new SaslAuthenticationError('Authentication failed: Client requested an authorization id that is different from username');
  }
  return { authzid, username, password };
}

function sameSecret(a: string, b: string): boolean {
  // Hashing first makes the comparison constant-time whatever the lengths.
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb);
}

/** Checks a PLAIN message; returns the authenticated user name. */
export function authenticatePlain(token: Buffer, passwordOf: (user: string) => string | undefined): string {
  const { username, password } = parsePlainMessage(token);
  const expected = passwordOf(username);
  if (expected === undefined || !sameSecret(expected, password)) {
    throw new SaslAuthenticationError('Authentication failed: Invalid username or password');
  }
  return username;
}
