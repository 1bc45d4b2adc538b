// The broker's TCP server as its security protocol wants it: plain net, or TLS (node:tls) with the
// user's certificate or a generated one. Each accepted socket comes with its connection's AuthSession.

import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as tls from 'node:tls';
import type { Logger } from '../logger.js';
import { AuthSession } from './authSession.js';
import { ensureGeneratedCertificate } from './generatedCertificate.js';
import { usesSasl, usesTls, type ListenerSecurity } from './listenerSecurity.js';
import { SaslCredentials } from './saslCredentials.js';

export type ConnectionHandler = (socket: net.Socket, auth: AuthSession) => void;

/** `brokerDataDir` is broker-N inside the cluster's data directory, whose `tls/` holds generated certificates. */
export function createListener(security: ListenerSecurity | undefined, brokerDataDir: string, log: Logger, onConnection: ConnectionHandler): net.Server {
  const credentials = security && usesSasl(security.protocol) ? new SaslCredentials(security) : null;
  const session = (): AuthSession => new AuthSession(credentials);
  if (!security || !usesTls(security.protocol)) return net.createServer((socket) => onConnection(socket, session()));
  const source = security.tls && security.tls !== 'generate' ? security.tls : ensureGeneratedCertificate(path.dirname(brokerDataDir));
  const server = tls.createServer(
    { cert: fs.readFileSync(source.certFile), key: fs.readFileSync(source.keyFile), minVersion: 'TLSv1.2' },
    (socket) => onConnection(socket, session()),
  );
  server.on('tlsClientError', (err, socket) => {
    log.info(`TLS handshake with ${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'} failed: ${err.message}`);
    socket.destroy();
  });
  return server;
}
