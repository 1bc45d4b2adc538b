// Decodes one request frame, runs its handler and encodes the response frame. Sans-io: it never
// touches sockets. A frame it cannot decode throws ProtocolDecodeError; the caller closes that connection.

import { ErrorCode } from '../protocol/errors.js';
import { API_VERSIONS_KEY, peekRequestHeader, readRequestHeader, writeResponseHeader } from '../protocol/header.js';
import { ProtocolDecodeError, Reader } from '../protocol/reader.js';
import { isFlexible } from '../protocol/schema.js';
import { Writer } from '../protocol/writer.js';
import { ApiVersionsApi } from '../protocol/apis/apiVersions.js';
import type { AuthSession } from '../security/authSession.js';
import type { Route } from './route.js';

export class Dispatcher {
  private readonly routes = new Map<number, Route>();

  constructor(routes: readonly Route[]) {
    for (const r of routes) {
      if (this.routes.has(r.api.key)) throw new Error(`two routes for API key ${r.api.key}`);
      this.routes.set(r.api.key, r);
    }
  }

  /** The API version ranges served, for ApiVersions. */
  supported(): Array<{ apiKey: number; minVersion: number; maxVersion: number }> {
    return [...this.routes.values()]
      .map((r) => ({ apiKey: r.api.key, minVersion: r.api.minVersion, maxVersion: r.api.maxVersion }))
      .sort((a, b) => a.apiKey - b.apiKey);
  }

  /** Returns the response frame as chunks, or null when no response is due. */
  async dispatch(frame: Buffer, clientHost: string, auth?: AuthSession): Promise<Buffer[] | null> {
    if (frame.length < 8) throw new ProtocolDecodeError(`request of ${frame.length} bytes is shorter than a request header`);
    const peek = peekRequestHeader(frame);
    const route = this.routes.get(peek.apiKey);
    if (!route) throw new ProtocolDecodeError(`unknown API key ${peek.apiKey}`);
    const { api } = route;
    if (peek.apiVersion < api.minVersion || peek.apiVersion > api.maxVersion) {
      if (api.key === API_VERSIONS_KEY) return this.unsupportedApiVersions(peek.correlationId);
      throw new ProtocolDecodeError(
        `unsupported version ${peek.apiVersion} of ${api.name} (served: ${api.minVersion}-${api.maxVersion})`,
      );
    }
    const flexible = isFlexible(api, peek.apiVersion);
    const reader = new Reader(frame);
    const header = readRequestHeader(reader, flexible);
    const request = api.request.read(reader, header.apiVersion, flexible);
    const response = await route.handle(request, auth ? { header, clientHost, auth } : { header, clientHost });
    if (response === null) return null;
    const w = new Writer();
    writeResponseHeader(w, header.correlationId, api.key, flexible);
    api.response.write(w, response, header.apiVersion, flexible);
    return w.toFrame();
  }

  /** Kafka answers an ApiVersions request it cannot parse with a v0 body carrying UNSUPPORTED_VERSION. */
  private unsupportedApiVersions(correlationId: number): Buffer[] {
    const w = new Writer();
    writeResponseHeader(w, correlationId, API_VERSIONS_KEY, false);
    ApiVersionsApi.response.write(
      w,
      { ...ApiVersionsApi.response.empty(), errorCode: ErrorCode.UNSUPPORTED_VERSION, apiKeys: this.supported() },
      0,
      false,
    );
    return w.toFrame();
  }
}
