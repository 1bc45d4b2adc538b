// A bare Kafka connection for tests: writes frames (built with the project's own codecs, or raw bytes)
// and reads whole response frames back, so tests can speak exactly the bytes they mean to.
import * as net from 'node:net';
import { once } from 'node:events';
import { readResponseHeader, writeRequestHeader } from '../../../broker/protocol/header.js';
import { Reader } from '../../../broker/protocol/reader.js';
import { isFlexible, type ApiSchema } from '../../../broker/protocol/schema.js';
import { Writer } from '../../../broker/protocol/writer.js';
import { onCleanup } from '../../support/cleanup.js';

export class RawConnection {
  private buffered = Buffer.alloc(0);
  private readonly waiters: Array<() => void> = [];
  private nextCorrelationId = 1;
  /** Resolves when the broker (or we) closed the socket. */
  readonly closed: Promise<void>;
  private isClosed = false;

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.wake();
    });
    socket.on('error', () => undefined);
    this.closed = once(socket, 'close').then(() => {
      this.isClosed = true;
      this.wake();
    });
  }

  static async connect(port: number): Promise<RawConnection> {
    const socket = net.connect({ host: '127.0.0.1', port });
    const forget = onCleanup(() => socket.destroy());
    socket.once('close', forget);
    await once(socket, 'connect');
    return new RawConnection(socket);
  }

  get isOpen(): boolean {
    return !this.isClosed;
  }

  write(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** Writes a request frame: header (v1 or v2 as the API's version demands) then `body` as encoded by the schema. */
  sendRequest<Req, Res>(api: ApiSchema<Req, Res>, version: number, body: Req, clientId: string | null = 'raw-test'): number {
    const correlationId = this.nextCorrelationId++;
    this.write(requestFrame(api, version, body, correlationId, clientId));
    return correlationId;
  }

  /** Reads the next whole frame (without its size prefix); rejects if the socket closes first. */
  async readFrame(): Promise<Buffer> {
    for (;;) {
      if (this.buffered.length >= 4) {
        const size = this.buffered.readInt32BE(0);
        if (this.buffered.length >= 4 + size) {
          const frame = this.buffered.subarray(4, 4 + size);
          this.buffered = this.buffered.subarray(4 + size);
          return frame;
        }
      }
      if (this.isClosed) throw new Error('connection closed before a whole response frame arrived');
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Sends a request and decodes its response with the same schema; checks the correlation id. */
  async request<Req, Res>(api: ApiSchema<Req, Res>, version: number, body: Req): Promise<Res> {
    const correlationId = this.sendRequest(api, version, body);
    const frame = await this.readFrame();
    const r = new Reader(frame);
    const flexible = isFlexible(api, version);
    const got = readResponseHeader(r, api.key, flexible);
    if (got !== correlationId) throw new Error(`correlation id ${got}, expected ${correlationId}`);
    const response = api.response.read(r, version, flexible);
    if (r.remaining !== 0) throw new Error(`${api.name} v${version} response: ${r.remaining} bytes left after decoding`);
    return response;
  }

  close(): void {
    this.socket.destroy();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}

/** One whole request frame, size prefix included. */
export function requestFrame<Req, Res>(api: ApiSchema<Req, Res>, version: number, body: Req, correlationId: number, clientId: string | null): Buffer {
  const flexible = isFlexible(api, version);
  const w = new Writer();
  writeRequestHeader(w, { apiKey: api.key, apiVersion: version, correlationId, clientId }, flexible);
  api.request.write(w, body, version, flexible);
  return Buffer.concat(w.toFrame());
}

/** Prefixes a request body (header included) with its int32 size. */
export function frameOf(body: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length, 0);
  return Buffer.concat([size, body]);
}
