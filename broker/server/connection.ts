// One client connection: frames in, responses out in request order. A malformed frame closes only
// this connection, with one log line; the broker keeps serving everyone else.

import type * as net from 'node:net';
import type { Logger } from '../logger.js';
import { ProtocolDecodeError } from '../protocol/reader.js';
import type { Dispatcher } from './dispatcher.js';
import { FrameError, FrameReader } from './frameReader.js';

export function serveConnection(socket: net.Socket, dispatcher: Dispatcher, maxFrameBytes: number, log: Logger): void {
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
          const response = await dispatcher.dispatch(frame, peer);
          if (response && !closed) {
            socket.cork();
            for (const chunk of response) socket.write(chunk);
            socket.uncork();
          }
        } catch (err) {
          if (err instanceof ProtocolDecodeError) close(`malformed request: ${err.message}`);
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
