// How this broker process reaches the other brokers of its cluster when their listener is secured:
// TLS when the protocol asks for it, then SASL as the internal inter-broker user. Set once per
// broker process (Broker.start), since one process is one broker of one cluster.

import * as net from 'node:net';
import * as tls from 'node:tls';
import { SaslAuthenticateApi } from '../protocol/apis/saslAuthenticate.js';
import { SaslHandshakeApi } from '../protocol/apis/saslHandshake.js';
import type { ApiSchema } from '../protocol/schema.js';
import { INTER_BROKER_MECHANISM } from './authSession.js';
import { usesSasl, usesTls, type ListenerSecurity } from './listenerSecurity.js';
import { INTER_BROKER_USER } from './saslCredentials.js';

let clusterSecurity: ListenerSecurity | undefined;

export function setInterBrokerSecurity(security: ListenerSecurity | undefined): void {
  clusterSecurity = security;
}

/** A socket to another broker: plain TCP, or TLS on an SSL/SASL_SSL cluster. */
export function connectToBroker(host: string, port: number): net.Socket {
  if (!clusterSecurity || !usesTls(clusterSecurity.protocol)) return net.connect({ host, port });
  // The peer is a broker of this same cluster on this machine, started with the same certificate;
  // a user-provided certificate may be issued for another name, so the chain is not checked here.
  return tls.connect({ host, port, rejectUnauthorized: false });
}

/** What a broker-to-broker client must offer for the SASL exchange. */
export interface RequestSender {
  request<Req, Res>(api: ApiSchema<Req, Res>, version: number, body: Req): Promise<Res>;
}

/** Authenticates a fresh broker-to-broker connection; does nothing on a listener without SASL. */
export async function authenticateToBroker(client: RequestSender): Promise<void> {
  const security = clusterSecurity;
  if (!security || !usesSasl(security.protocol)) return;
  const handshake = await client.request(SaslHandshakeApi, 1, { mechanism: INTER_BROKER_MECHANISM });
  if (handshake.errorCode !== 0) throw new Error(`inter-broker SASL handshake refused (error ${handshake.errorCode})`);
  const token = Buffer.from(`\u0000${INTER_BROKER_USER}\u0000${security.interBrokerSecret}`, 'utf8');
  const result = await client.request(SaslAuthenticateApi, 1, { authBytes: token });
  if (result.errorCode !== 0) throw new Error(`inter-broker SASL authentication failed: ${result.errorMessage ?? result.errorCode}`);
}
