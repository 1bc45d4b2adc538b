// The SASL state of one client connection. On a SASL listener a connection may only send
// ApiVersions, SaslHandshake and then SaslAuthenticate until it has authenticated; anything else,
// a failed exchange or an unsupported mechanism ends the connection, as in Kafka.

import { ErrorCode } from '../protocol/errors.js';
import { authenticatePlain } from './plainMechanism.js';
import { usesSasl, type SaslMechanism } from './listenerSecurity.js';
import { SaslAuthenticationError } from './saslErrors.js';
import { scramHashOf, type SaslCredentials } from './saslCredentials.js';
import { ScramServerExchange } from './scram.js';

export const API_VERSIONS_KEY = 18;
export const SASL_HANDSHAKE_KEY = 17;
export const SASL_AUTHENTICATE_KEY = 36;

/** Not advertised: PLAIN-formatted, accepted only for the internal inter-broker user. */
export const INTER_BROKER_MECHANISM = 'KAFKA-WORKBENCH-INTER-BROKER';

/** One mechanism's exchange: each client token gets a reply; `username` is set once it succeeds. */
interface MechanismExchange {
  step(token: Buffer): { reply: Buffer; username: string | null };
}

type State = 'handshake' | 'authenticate' | 'authenticated' | 'failed';

export interface SaslAuthenticateResult {
  readonly errorCode: number;
  readonly errorMessage: string | null;
  readonly authBytes: Buffer;
}

export class AuthSession {
  private state: State;
  private exchange: MechanismExchange | null = null;
  private rawTokens = false;
  private user: string | null = null;

  /** `credentials` null: a PLAINTEXT or SSL listener, where every connection is let in. */
  constructor(private readonly credentials: SaslCredentials | null) {
    this.state = credentials && usesSasl(credentials.security.protocol) ? 'handshake' : 'authenticated';
  }

  get authenticated(): boolean {
    return this.state === 'authenticated';
  }

  /** The SASL user, once authenticated over SASL. */
  get principal(): string | null {
    return this.user;
  }

  /** After a v0 handshake the client sends bare SASL tokens rather than SaslAuthenticate requests. */
  get expectsRawToken(): boolean {
    return this.state === 'authenticate' && this.rawTokens;
  }

  /** Set once the connection must close after the response now being sent. */
  get mustClose(): boolean {
    return this.state === 'failed';
  }

  /** Whether a request with this API key may be served now. */
  allows(apiKey: number): boolean {
    if (this.state === 'authenticated') return true;
    if (this.state === 'handshake') return apiKey === API_VERSIONS_KEY || apiKey === SASL_HANDSHAKE_KEY;
    if (this.state === 'authenticate') return apiKey === SASL_AUTHENTICATE_KEY && !this.rawTokens;
    return false;
  }

  handshake(mechanism: string, version: number): { errorCode: number; mechanisms: string[] } {
    const enabled = this.credentials ? [...this.credentials.security.mechanisms] : [];
    if (this.state !== 'handshake' || !this.credentials) return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, mechanisms: enabled };
    const exchange = this.exchangeFor(mechanism, this.credentials);
    if (!exchange) {
      this.state = 'failed';
      return { errorCode: ErrorCode.UNSUPPORTED_SASL_MECHANISM, mechanisms: enabled };
    }
    this.exchange = exchange;
    this.rawTokens = version === 0;
    this.state = 'authenticate';
    return { errorCode: ErrorCode.NONE, mechanisms: enabled };
  }

  /** One SaslAuthenticate round. */
  authenticate(token: Buffer): SaslAuthenticateResult {
    if (this.state !== 'authenticate' || !this.exchange || this.rawTokens) {
      this.state = 'failed';
      return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, errorMessage: 'SaslAuthenticate is not expected now', authBytes: Buffer.alloc(0) };
    }
    try {
      return { errorCode: ErrorCode.NONE, errorMessage: null, authBytes: this.step(token) };
    } catch (err) {
      this.state = 'failed';
      const message = err instanceof SaslAuthenticationError ? err.message : 'Authentication failed';
      return { errorCode: ErrorCode.SASL_AUTHENTICATION_FAILED, errorMessage: message, authBytes: Buffer.alloc(0) };
    }
  }

  /** One bare token after a v0 handshake; throws SaslAuthenticationError, after which the connection closes. */
  rawToken(token: Buffer): Buffer {
    if (!this.expectsRawToken) throw new SaslAuthenticationError('no SASL token expected');
    try {
      return this.step(token);
    } catch (err) {
      this.state = 'failed';
      throw err;
    }
  }

  private step(token: Buffer): Buffer {
    if (!this.exchange) throw new SaslAuthenticationError('no SASL exchange');
    const { reply, username } = this.exchange.step(token);
    if (username !== null) {
      this.user = username;
      this.state = 'authenticated';
      this.exchange = null;
    }
    return reply;
  }

  private exchangeFor(mechanism: string, credentials: SaslCredentials): MechanismExchange | null {
    if (mechanism === INTER_BROKER_MECHANISM) {
      return { step: (token) => ({ reply: Buffer.alloc(0), username: authenticatePlain(token, (u) => credentials.interBrokerSecretOf(u)) }) };
    }
    if (!credentials.security.mechanisms.includes(mechanism as SaslMechanism)) return null;
    if (mechanism === 'PLAIN') {
      return { step: (token) => ({ reply: Buffer.alloc(0), username: authenticatePlain(token, (u) => credentials.passwordOf(u)) }) };
    }
    const hash = scramHashOf(mechanism);
    if (!hash) return null;
    const scram = new ScramServerExchange(hash, (user) => credentials.scramCredentialOf(hash, user));
    let round = 0;
    return {
      step: (token) => {
        round++;
        if (round === 1) return { reply: Buffer.from(scram.first(token.toString('utf8')), 'utf8'), username: null };
        const { serverFinal, username } = scram.final(token.toString('utf8'));
        return { reply: Buffer.from(serverFinal, 'utf8'), username };
      },
    };
  }
}
