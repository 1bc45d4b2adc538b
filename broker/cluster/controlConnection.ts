// A client of the supervisor's control channel (newline-delimited JSON on 127.0.0.1): says hello with
// the lock's token, attaches as a user of the cluster, asks for status. Holding it open keeps the
// cluster alive; closing it detaches.

import * as net from 'node:net';
import type { BrokerAction, ClusterStatus, ControlRequest, ControlResponse } from './controlProtocol.js';

type RequestBody = ControlRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

interface Pending {
  resolve(response: ControlResponse): void;
  reject(error: Error): void;
}

function isControlResponse(value: unknown): value is ControlResponse {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const response = value as Record<string, unknown>;
  return Number.isSafeInteger(response.id) && typeof response.ok === 'boolean';
}

export class ControlConnection {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private buffered = '';
  private closedFlag = false;
  private readonly closeListeners: ((hadError: boolean) => void)[] = [];

  private constructor(
    private readonly socket: net.Socket,
    private readonly requestTimeoutMs: number,
  ) {
    socket.setEncoding('utf8');
    socket.setNoDelay(true);
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('error', () => {
      // 'close' follows and reports it.
    });
    socket.on('close', (hadError) => this.handleClose(hadError));
  }

  /** Opens a connection to the control port and authenticates with `token`. */
  static async open(port: number, token: string, requestTimeoutMs = 5000): Promise<ControlConnection> {
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const attempt = net.connect({ host: '127.0.0.1', port });
      const timer = setTimeout(() => {
        attempt.destroy();
        reject(new Error(`Timed out connecting to the cluster's control port ${port}.`));
      }, requestTimeoutMs);
      attempt.once('connect', () => {
        clearTimeout(timer);
        attempt.removeAllListeners('error');
        resolve(attempt);
      });
      attempt.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    const connection = new ControlConnection(socket, requestTimeoutMs);
    try {
      await connection.request({ op: 'hello', token });
    } catch (error) {
      connection.close();
      throw error;
    }
    return connection;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Registers this connection as a user of the cluster (a window or a CLI) until it closes. */
  async attach(client: string): Promise<void> {
    await this.request({ op: 'attach', client });
  }

  async status(): Promise<ClusterStatus> {
    const response = await this.request({ op: 'status' });
    if (!response.ok || response.result === undefined) {
      throw new Error('The supervisor answered status without a result.');
    }
    return response.result;
  }

  /** Stops (gracefully, leadership moved first), SIGKILLs or (re)starts one broker; resolves with the status after it. */
  async brokerAction(op: BrokerAction, nodeId: number): Promise<ClusterStatus> {
    // A graceful stop waits for the broker to close, and a restart for it to listen: longer than other requests.
    const response = await this.request({ op, nodeId }, Math.max(this.requestTimeoutMs, 30_000));
    if (response.result === undefined) {
      throw new Error(`The supervisor answered ${op} without a status.`);
    }
    return response.result;
  }

  /** Asks the supervisor to stop the whole cluster (for every window). */
  async stopCluster(): Promise<void> {
    await this.request({ op: 'stop' });
  }

  /** Calls `listener` once when the connection closes (at once if it already has). */
  onClose(listener: (hadError: boolean) => void): void {
    if (this.closedFlag) {
      listener(false);
    } else {
      this.closeListeners.push(listener);
    }
  }

  private handleClose(hadError: boolean): void {
    if (this.closedFlag) {
      return;
    }
    this.closedFlag = true;
    for (const waiter of this.pending.values()) {
      waiter.reject(new Error('The control connection closed.'));
    }
    this.pending.clear();
    for (const listener of this.closeListeners.splice(0)) {
      listener(hadError);
    }
  }

  close(): void {
    this.socket.destroy();
  }

  private async request(body: RequestBody, timeoutMs = this.requestTimeoutMs): Promise<Extract<ControlResponse, { ok: true }>> {
    if (this.closedFlag) {
      throw new Error('The control connection is closed.');
    }
    const id = this.nextId++;
    const response = await new Promise<ControlResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`The supervisor did not answer "${body.op}" within ${timeoutMs} ms.`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.socket.write(`${JSON.stringify({ id, ...body })}\n`);
    });
    if (!response.ok) {
      throw new Error(`The supervisor refused "${body.op}": ${response.error}`);
    }
    return response;
  }

  private onData(chunk: string): void {
    this.buffered += chunk;
    let newline = this.buffered.indexOf('\n');
    while (newline >= 0) {
      const line = this.buffered.slice(0, newline).trim();
      this.buffered = this.buffered.slice(newline + 1);
      newline = this.buffered.indexOf('\n');
      if (line.length === 0) {
        continue;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        continue;
      }
      if (isControlResponse(parsed)) {
        const waiter = this.pending.get(parsed.id);
        this.pending.delete(parsed.id);
        waiter?.resolve(parsed);
      }
    }
  }
}
