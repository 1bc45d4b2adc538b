// A stand-in for the cluster supervisor's control channel and lock file, for testing the extension's
// attach and start logic without brokers. Also the source of a fake `cli.js` run as a child process.

import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { lockFilePath, type ClusterLock } from '../../../../broker/cluster/clusterFiles.js';

export interface FakeSupervisor {
  readonly lock: ClusterLock;
  readonly attached: string[];
  /** Closes every control connection, as a stopping supervisor would. */
  dropConnections(): void;
  close(): Promise<void>;
}

/** Serves the control protocol on 127.0.0.1:0 and writes a lock naming this process. */
export async function startFakeSupervisor(dataDir: string, token = 'secret'): Promise<FakeSupervisor> {
  const attached: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let authed = false;
    let buffered = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const request = JSON.parse(buffered.slice(0, newline)) as { id: number; op: string; token?: string; client?: string };
        buffered = buffered.slice(newline + 1);
        let response: object;
        if (request.op === 'hello') {
          authed = request.token === token;
          response = authed ? { id: request.id, ok: true } : { id: request.id, ok: false, error: 'bad token' };
        } else if (!authed) {
          response = { id: request.id, ok: false, error: 'say hello first' };
        } else if (request.op === 'attach') {
          attached.push(request.client ?? '');
          response = { id: request.id, ok: true };
        } else if (request.op === 'status') {
          response = {
            id: request.id,
            ok: true,
            result: {
              bootstrapServers: '127.0.0.1:19092',
              brokers: [{ nodeId: 1, host: '127.0.0.1', port: 19092, pid: process.pid, state: 'running' }],
              attached: attached.length,
              dataDir,
            },
          };
        } else {
          response = { id: request.id, ok: false, error: `unknown op ${request.op}` };
        }
        socket.write(`${JSON.stringify(response)}\n`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const lock: ClusterLock = {
    formatVersion: 1,
    pid: process.pid,
    controlPort: (server.address() as net.AddressInfo).port,
    token,
    bootstrapServers: '127.0.0.1:19092',
    brokers: [{ nodeId: 1, host: '127.0.0.1', port: 19092 }],
    startedAt: new Date().toISOString(),
  };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(lockFilePath(dataDir), JSON.stringify(lock));
  return {
    lock,
    attached,
    dropConnections: () => {
      for (const socket of sockets) {
        socket.destroy();
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) {
          socket.destroy();
        }
        server.close(() => resolve());
      }),
  };
}

/**
 * Writes a fake cli.js: `start --background --data-dir D` serves a control channel and writes the lock;
 * with FAKE_CLI_FAIL set it prints that message and exits 1, as the real one does when a port is taken;
 * with FAKE_CLI_ALREADY_RUNNING set it writes that file and exits 3, as when another supervisor won.
 */
export function writeFakeCli(dir: string, fakeSupervisorModule: string): string {
  const cli = path.join(dir, 'fake-cli.cjs');
  fs.writeFileSync(
    cli,
    `const args = process.argv.slice(2);
const dataDir = args[args.indexOf('--data-dir') + 1];
if (process.env.FAKE_CLI_ALREADY_RUNNING) {
  require('fs').writeFileSync(process.env.FAKE_CLI_ALREADY_RUNNING, 'exited');
  console.error('kafka-workbench: already running');
  process.exit(3);
}
if (process.env.FAKE_CLI_FAIL) {
  console.error(process.env.FAKE_CLI_FAIL);
  process.exit(1);
}
require(${JSON.stringify(fakeSupervisorModule)}).startFakeSupervisor(dataDir);
`,
  );
  return cli;
}
