// SCRAM-SHA-256 and SCRAM-SHA-512 (RFC 5802, RFC 7677), server side: stored credentials derived with
// PBKDF2, and the two-round exchange (client-first -> server-first, client-final -> server-final).

import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { SaslAuthenticationError } from './saslErrors.js';

export type ScramHash = 'sha256' | 'sha512';

export const SCRAM_ITERATIONS = 4096;

/** What the server keeps for a user: never the password itself. */
export interface ScramCredential {
  readonly salt: Buffer;
  readonly iterations: number;
  readonly storedKey: Buffer;
  readonly serverKey: Buffer;
}

const KEY_LENGTH: Record<ScramHash, number> = { sha256: 32, sha512: 64 };

function hmac(hash: ScramHash, key: Buffer, data: string): Buffer {
  return createHmac(hash, key).update(data, 'utf8').digest();
}

export function scramCredential(hash: ScramHash, password: string, salt: Buffer = randomBytes(16), iterations = SCRAM_ITERATIONS): ScramCredential {
  const salted = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, KEY_LENGTH[hash], hash);
  const clientKey = hmac(hash, salted, 'Client Key');
  return {
    salt,
    iterations,
    storedKey: createHash(hash).update(clientKey).digest(),
    serverKey: hmac(hash, salted, 'Server Key'),
  };
}

/** Attributes "k=v" of a SCRAM message, in order; values may contain '='. */
function attributes(message: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of message.split(',')) {
    const eq = part.indexOf('=');
    if (eq !== 1) throw new SaslAuthenticationError(`Invalid SCRAM message: bad attribute "${part}"`);
    out.set(part[0], part.slice(2));
  }
  return out;
}

/** saslname (RFC 5802 5.1): "=2C" stands for ',' and "=3D" for '='; any other '=' is invalid. */
function decodeSaslName(name: string): string {
  if (/=(?!2C|3D)/.test(name)) throw new SaslAuthenticationError('Invalid SCRAM username encoding');
  return name.replace(/=2C/g, ',').replace(/=3D/g, '=');
}

/**
 * One SCRAM exchange with one client. `credentialOf` returns undefined for an unknown user; the
 * exchange then goes on with a stand-in credential so that a wrong user and a wrong password fail
 * alike, at the last step.
 */
export class ScramServerExchange {
  private clientFirstBare = '';
  private serverFirst = '';
  private nonce = '';
  private username = '';
  private credential: ScramCredential | undefined;
  private state: 'first' | 'final' | 'done' = 'first';

  constructor(
    private readonly hash: ScramHash,
    private readonly credentialOf: (user: string) => ScramCredential | undefined,
    private readonly serverNonce: string = randomBytes(18).toString('base64'),
  ) {}

  /** Answers client-first-message with server-first-message. */
  first(clientFirst: string): string {
    if (this.state !== 'first') throw new SaslAuthenticationError('Invalid SCRAM state');
    // gs2-header: channel binding flag, optional authzid, then the bare message.
    const m = /^([nyp])(?:=[^,]*)?,(a=[^,]*)?,(.*)$/s.exec(clientFirst);
    if (!m) throw new SaslAuthenticationError('Invalid SCRAM client-first-message');
    if (m[1] === 'p') throw new SaslAuthenticationError('SCRAM channel binding is not supported');
    this.clientFirstBare = m[3];
    const attrs = attributes(this.clientFirstBare);
    if (attrs.has('m')) throw new SaslAuthenticationError('SCRAM mandatory extensions are not supported');
    const user = attrs.get('n');
    const clientNonce = attrs.get('r');
    if (!user || !clientNonce || this.clientFirstBare.indexOf('n=') !== 0) {
      throw new SaslAuthenticationError('Invalid SCRAM client-first-message: missing username or nonce');
    }
    this.username = decodeSaslName(user);
    const authzid = m[2] ? decodeSaslName(m[2].slice(2)) : '';
    if (authzid !== '' && authzid !== this.username) {
      throw new SaslAuthenticationError('Authentication failed: Client requested an authorization id that is different from username');
    }
    this.credential = this.credentialOf(this.username);
    const credential = this.credential ?? this.standIn();
    this.nonce = clientNonce + this.serverNonce;
    this.serverFirst = `r=${this.nonce},s=${credential.salt.toString('base64')},i=${credential.iterations}`;
    this.state = 'final';
    return this.serverFirst;
  }

  /** Checks client-final-message; answers server-final-message and the authenticated user name. */
  final(clientFinal: string): { serverFinal: string; username: string } {
    if (this.state !== 'final') throw new SaslAuthenticationError('Invalid SCRAM state');
    this.state = 'done';
    const proofAt = clientFinal.lastIndexOf(',p=');
    if (proofAt < 0) throw new SaslAuthenticationError('Invalid SCRAM client-final-message: no proof');
    const withoutProof = clientFinal.slice(0, proofAt);
    const attrs = attributes(withoutProof);
    // Kafka only checks that the nonce ends with the server's one: librdkafka sends its own nonce
    // again in front of it, and the proof covers what was sent either way.
    if (!(attrs.get('r') ?? '').endsWith(this.nonce)) throw new SaslAuthenticationError('Invalid SCRAM client-final-message: nonce mismatch');
    const proof = Buffer.from(clientFinal.slice(proofAt + 3), 'base64');
    const credential = this.credential;
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const failed = new SaslAuthenticationError(
      `Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-${this.hash === 'sha256' ? 'SHA-256' : 'SHA-512'}`,
    );
    if (!credential || proof.length !== credential.storedKey.length) throw failed;
    const clientSignature = hmac(this.hash, credential.storedKey, authMessage);
    const clientKey = Buffer.alloc(proof.length);
    for (let i = 0; i < proof.length; i++) clientKey[i] = proof[i] ^ clientSignature[i];
    const storedKey = createHash(this.hash).update(clientKey).digest();
    if (!timingSafeEqual(storedKey, credential.storedKey)) throw failed;
    const serverSignature = hmac(this.hash, credential.serverKey, authMessage);
    return { serverFinal: `v=${serverSignature.toString('base64')}`, username: this.username };
  }

  private standIn(): ScramCredential {
    // A salt derived from the name answers the same for the same unknown user every time.
    const salt = createHash(this.hash).update(`unknown user ${this.username}`).digest().subarray(0, 16);
    return { salt, iterations: SCRAM_ITERATIONS, storedKey: Buffer.alloc(0), serverKey: Buffer.alloc(0) };
  }
}
