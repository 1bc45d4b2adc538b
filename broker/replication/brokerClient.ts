// A Kafka protocol client for broker-to-broker calls (a follower's Fetch to its leader): one TCP
// connection, requests encoded with the project's own schemas, responses matched by correlation id.

import type * as net from 'node:net';
import { readResponseHeader, writeRequestHeader } from '../protocol/header.js';
import { Reader } from '../protocol/reader.js';
import { isFlexible, type ApiSchema } from '../protocol/schema.js';
import { Writer } from '../protocol/writer.js';
import { FrameReader } from '../server/frameReader.js';
import { authenticateToBroker, connectToBroker } from '../security/interBrokerConnection.js';

/** Responses can carry many batches; this bounds what one frame may claim. */
const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

export class BrokerConnectionClosedError extends Error {}

interface InFlight {
  readonly decode: (r: Reader) => unknown;
  readonly apiKey: number;
  readonly flexible: boolean;
  readonly resolve: (value: unknown) => void;
  readonly reject: (err: Error) => void;
}

export class BrokerClient {
  private readonly inFlight = new Map<number, InFlight>();
  private nextCorrelationId = 1;
  private closed = false;

  private constructor(
    private readonly socket: net.Socket,
    private readonly clientId: string,
  ) {
    const frames = new FrameReader(MAX_RESPONSE_BYTES);
    socket.on('data', (data: Buffer) => {
      let complete: Buffer[];
      try {
        complete = frames.push(data);
      } catch (err) {
        this.fail(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      for (const frame of complete) this.onFrame(frame);
    });
    socket.on('error', (err) => this.fail(err));
    socket.on('close', () => this.fail(new BrokerConnectionClosedError('connection closed')));
  }

  /** Connects to a broker's listener; rejects after `timeoutMs` without a connection. */
  static connect(host: string, port: number, clientId: string, timeoutMs = 3000): Promise<BrokerClient> {
    return new Promise((resolve, reject) => {
      const socket = connectToBroker(host, port);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no connection to ${host}:${port} within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.setNoDelay(true);
        const client = new BrokerClient(socket, clientId);
        // A secured cluster's brokers authenticate to each other before any other request.
        authenticateToBroker(client).then(
          () => resolve(client),
          (err: unknown) => {
            socket.destroy();
            reject(err instanceof Error ? err : new Error(String(err)));
          },
        );
      });
    });
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Sends one request at `version` and resolves with its decoded response. */
  request<Req, Res>(api: ApiSchema<Req, Res>, version: number, body: Req): Promise<Res> {
    if (this.closed) return Promise.reject(new BrokerConnectionClosedError('connection closed'));
    const correlationId = this.nextCorrelationId++;
    const flexible = isFlexible(api, version);
    const w = new Writer();
    writeRequestHeader(w, { apiKey: api.key, apiVersion: version, correlationId, clientId: this.clientId }, flexible);
    api.request.write(w, body, version, flexible);
    return new Promise<Res>((resolve, reject) => {
      this.inFlight.set(correlationId, {
        decode: (r) => api.response.read(r, version, flexible),
        apiKey: api.key,
        flexible,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      this.socket.cork();
      for (const chunk of w.toFrame()) this.socket.write(chunk);
      this.socket.uncork();
    });
  }

  close(): void {
    this.fail(new BrokerConnectionClosedError('closed by this broker'));
  }

  private onFrame(frame: Buffer): void {
    const correlationId = frame.readInt32BE(0);
    const call = this.inFlight.get(correlationId);
    if (!call) {
      this.fail(new Error(`response with unknown correlation id ${correlationId}`));
      return;
    }
    this.inFlight.delete(correlationId);
    try {
      const r = new Reader(frame);
      readResponseHeader(r, call.apiKey, call.flexible);
      call.resolve(call.decode(r));
    } catch (err) {
      call.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  private fail(err: Error): void {
    if (!this.closed) {
      this.closed = true;
      this.socket.destroy();
    }
    const calls = [...this.inFlight.values()];
    this.inFlight.clear();
    for (const c of calls) c.reject(err);
  }
}
