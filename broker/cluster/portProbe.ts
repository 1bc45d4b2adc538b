// Finds free ports on 127.0.0.1 by trying to listen on them.

import * as net from 'node:net';

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The first free port at or above `from`, skipping `taken`. */
export async function nextFreePort(from: number, taken: ReadonlySet<number> = new Set()): Promise<number> {
  for (let port = from; port <= 65535; port++) {
    if (!taken.has(port) && (await isPortFree(port))) return port;
  }
  throw new Error(`no free port at or above ${from}`);
}
