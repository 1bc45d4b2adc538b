// A client of the supervisor's control channel, found through the lock file. Used by the CLI (and
// usable by any Node host) to attach to a running cluster, ask its status or stop it.

import * as fs from 'node:fs';
import * as net from 'node:net';
import { lockFilePath, type ClusterLock } from './clusterFiles.js';
import type { ClusterStatus, ControlRequest, ControlResponse } from './controlProtocol.js';
import { isAlive } from './processLock.js';

type RequestBody = ControlRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** The lock of a live supervisor for `dataDir`, or null if none runs. */
export function readLiveLock(dataDir: string): ClusterLock | null {
  try {
    const lock = JSON.parse(fs.readFileSync(lockFilePath(dataDir), 'utf8')) as ClusterLock;
    return lock.formatVersion === 1 && isAlive(lock.pid) ? lock : null;
  } catch {
    return null;
  }
}

export class ControlClient {
  private nextId = 1;
  private buffered = '';
  private readonly pending = new Map<number, (r: ControlResponse) => void>();
  private closedReason: string | undefined;
  private readonly closeListeners = new Set<() => void>();

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (data: string) => {
      this.buffered += data;
      let newline: number;
      while ((newline = this.buffered.indexOf('\n')) >= 0) {
        const response = JSON.parse(this.buffered.slice(0, newline)) as ControlResponse;
        this.buffered = this.buffered.slice(newline + 1);
        this.pending.get(response.id)?.(response);
        this.pending.delete(response.id);
      }
    });
    const onClose = (): void => {
      this.closedReason ??= 'the cluster closed the control channel';
      for (const resolve of this.pending.values()) resolve({ id: -1, ok: false, error: this.closedReason });
      this.pending.clear();
      for (const l of this.closeListeners) l();
    };
    socket.on('close', onClose);
    socket.on('error', (err) => {
      this.closedReason = err.message;
    });
  }

  static connect(lock: ClusterLock): Promise<ControlClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port: lock.controlPort }, () => {
        const client = new ControlClient(socket);
        client.request({ op: 'hello', token: lock.token }).then(() => resolve(client), reject);
      });
      socket.once('error', reject);
    });
  }

  async request(body: RequestBody): Promise<ClusterStatus | undefined> {
    const id = this.nextId++;
    const response = await new Promise<ControlResponse>((resolve) => {
      this.pending.set(id, resolve);
      this.socket.write(`${JSON.stringify({ ...body, id })}\n`);
    });
    if (!response.ok) throw new Error(response.error);
    return response.result;
  }

  onClose(listener: () => void): void {
    this.closeListeners.add(listener);
  }

  close(): void {
    this.socket.end();
  }
}
