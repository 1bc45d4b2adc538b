// Request and response headers. The request header's version follows from the API and version
// (v2, with tagged fields, for flexible versions); the client id is always a classic nullable string.
// ApiVersions responses always use header v0 so that any client can read them before negotiating.

import { Reader } from './reader.js';
import { type Writer } from './writer.js';

export interface RequestHeader {
  readonly apiKey: number;
  readonly apiVersion: number;
  readonly correlationId: number;
  readonly clientId: string | null;
}

export const API_VERSIONS_KEY = 18;

/** The fixed first 8 bytes of every request: enough to answer even an unknown API. */
export function peekRequestHeader(frame: Buffer): Pick<RequestHeader, 'apiKey' | 'apiVersion' | 'correlationId'> {
  const r = new Reader(frame);
  return { apiKey: r.int16(), apiVersion: r.int16(), correlationId: r.int32() };
}

/** Decodes the header; `flexible` says whether tagged fields follow (request header v2). */
export function readRequestHeader(r: Reader, flexible: boolean): RequestHeader {
  const apiKey = r.int16();
  const apiVersion = r.int16();
  const correlationId = r.int32();
  const clientId = r.nullableString();
  if (flexible) skipTaggedFields(r);
  return { apiKey, apiVersion, correlationId, clientId };
}

export function writeRequestHeader(w: Writer, header: RequestHeader, flexible: boolean): void {
  w.int16(header.apiKey).int16(header.apiVersion).int32(header.correlationId).nullableString(header.clientId);
  if (flexible) w.unsignedVarint(0);
}

export function writeResponseHeader(w: Writer, correlationId: number, apiKey: number, flexible: boolean): void {
  w.int32(correlationId);
  if (flexible && apiKey !== API_VERSIONS_KEY) w.unsignedVarint(0);
}

export function readResponseHeader(r: Reader, apiKey: number, flexible: boolean): number {
  const correlationId = r.int32();
  if (flexible && apiKey !== API_VERSIONS_KEY) skipTaggedFields(r);
  return correlationId;
}

function skipTaggedFields(r: Reader): void {
  const count = r.unsignedVarint();
  for (let i = 0; i < count; i++) {
    r.unsignedVarint();
    r.raw(r.unsignedVarint());
  }
}
