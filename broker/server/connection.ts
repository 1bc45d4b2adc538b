// One client connection: frames in, responses out in request order. A malformed frame closes only
// this connection, with one log line; the broker keeps serving everyone else. On a SASL listener the
// connection's AuthSession decides which requests may run before authentication.

import type * as net from 'node:net';
import type { Logger } from '../logger.js';
import { ProtocolDecodeError } from '../protocol/reader.js';
import { AuthSession } from '../security/authSession.js';
import { SaslAuthenticationError } from '../security/saslErrors.js';
import type { Dispatcher } from './dispatcher.js';
import { FrameError, FrameReader } from './frameReader.js';

export function serveConnection(
  socket: net.Socket,
  dispatcher: Dispatcher,
  maxFrameBytes: number,
  log: Logger,
  auth: AuthSession = new AuthSession(null),
): void {
  const peer = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
  const frames = new FrameReader(maxFrameBytes);
  let queue: Promise<void> = Promise.resolve();
  let closed = false;

  const close = (reason: string): void => {
    if (closed) return;
    closed = true;
    log.warn(`closing connection from ${peer}: ${reason}`);
    socket.destroy();
  };

  socket.setNoDelay(true);
  socket.on('data', (data: Buffer) => {
    if (closed) return;
    let complete: Buffer[];
    try {
      complete = frames.push(data);
    } catch (err) {
      close(err instanceof FrameError ? err.message : String(err));
      return;
    }
    for (const frame of complete) {
      // Responses must leave in request order, so requests run one after another per connection.
      queue = queue.then(async () => {
        if (closed) return;
        try {
          if (auth.expectsRawToken) {
            // After a v0 SaslHandshake the token travels bare, and so does the reply.
            const reply = auth.rawToken(frame);
            const size = Buffer.alloc(4);
            size.writeInt32BE(reply.length);
            socket.write(Buffer.concat([size, reply]));
            return;
          }
          const apiKey = frame.length >= 2 ? frame.readInt16BE(0) : -1;
          if (!auth.allows(apiKey)) {
            close(`request of API key ${apiKey} before SASL authentication`);
            return;
          }
          const response = await dispatcher.dispatch(frame, peer, auth);
          if (response && !closed) {
            socket.cork();
            for (const chunk of response) socket.write(chunk);
            socket.uncork();
          }
          if (auth.mustClose && !closed) {
            // The error response goes out first; then the connection ends, as Kafka ends it.
            closed = true;
            log.info(`closing connection from ${peer}: SASL authentication failed`);
            socket.end();
          }
        } catch (err) {
          if (err instanceof SaslAuthenticationError) close(`SASL authentication failed: ${err.message}`);
          else if (err instanceof ProtocolDecodeError) close(`malformed request: ${err.message}`);
          else close(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        }
      });
    }
  });
  socket.on('error', () => {
    closed = true;
  });
  socket.on('close', () => {
    closed = true;
  });
}
