// Test helpers for API schemas: encode a message, decode it back, and check that re-encoding gives the same
// bytes. Golden-byte tests reuse roundTripBytes with frames captured from real clients.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Reader } from '../../../../broker/protocol/reader.js';
import { isFlexible, type ApiSchema, type Type } from '../../../../broker/protocol/schema.js';
import { Writer } from '../../../../broker/protocol/writer.js';

export type Side = 'request' | 'response';

function typeOf<Req, Res>(api: ApiSchema<Req, Res>, side: Side): Type<unknown> {
  return (side === 'request' ? api.request : api.response);
}

/** The message body (no header) of one side of an API at a version. */
export function encodeBody<Req, Res>(api: ApiSchema<Req, Res>, version: number, side: Side, value: unknown): Buffer {
  const w = new Writer();
  typeOf(api, side).write(w, value, version, isFlexible(api, version));
  return w.toBuffer();
}

/** Decodes a message body and insists that it used every byte. */
export function decodeBody<Req, Res>(api: ApiSchema<Req, Res>, version: number, side: Side, bytes: Buffer): unknown {
  const r = new Reader(bytes);
  const value = typeOf(api, side).read(r, version, isFlexible(api, version));
  assert.equal(r.remaining, 0, `${api.name} v${version} ${side}: ${r.remaining} bytes left after decoding`);
  return value;
}

/** Decodes bytes and re-encodes them; the bytes must come back identical. */
export function roundTripBytes<Req, Res>(api: ApiSchema<Req, Res>, version: number, side: Side, bytes: Buffer): unknown {
  const decoded = decodeBody(api, version, side, bytes);
  const again = encodeBody(api, version, side, decoded);
  assert.equal(again.toString('hex'), bytes.toString('hex'), `${api.name} v${version} ${side}: re-encoding changed the bytes`);
  return decoded;
}

export interface RoundTrip<T> {
  readonly bytes: Buffer;
  readonly decoded: T;
}

/** Encodes `value`, decodes it back, and checks that re-encoding the decoded value gives the same bytes. */
export function roundTrip<Req, Res>(api: ApiSchema<Req, Res>, version: number, value: Req, side?: 'request'): RoundTrip<Req>;
export function roundTrip<Req, Res>(api: ApiSchema<Req, Res>, version: number, value: Res, side: 'response'): RoundTrip<Res>;
export function roundTrip<Req, Res>(api: ApiSchema<Req, Res>, version: number, value: unknown, side: Side = 'request'): RoundTrip<unknown> {
  const bytes = encodeBody(api, version, side, value);
  const decoded = roundTripBytes(api, version, side, bytes);
  return { bytes, decoded };
}

/** Sample messages for one API: each returns, for a version, a value with every field of that version
 *  set to something other than its default and every other field at its default. */
export interface ApiSamples<Req, Res> {
  readonly request: (version: number) => Req;
  readonly response: (version: number) => Res;
}

/**
 * Registers tests for every served version: the version's sample survives a round trip unchanged, and a
 * sample with every field set, encoded at the version, decodes to that version's sample (absent fields are
 * dropped and come back as their defaults). Samples must build every version-dependent field with at().
 */
export function testAllVersions<Req, Res>(api: ApiSchema<Req, Res>, samples: ApiSamples<NoInfer<Req>, NoInfer<Res>>): void {
  for (const side of ['request', 'response'] as const) {
    const sample = (v: number): unknown => (side === 'request' ? samples.request(v) : samples.response(v));
    for (let v = api.minVersion; v <= api.maxVersion; v++) {
      test(`${api.name} v${v} ${side} round-trips every field`, () => {
        const value = sample(v);
        const { decoded } = roundTrip(api as ApiSchema<unknown, unknown>, v, value, side as 'request');
        assert.deepStrictEqual(decoded, value);
      });
      test(`${api.name} v${v} ${side} drops fields the version does not have`, () => {
        const everything = sample(EVERY_FIELD);
        const decoded = decodeBody(api, v, side, encodeBody(api, v, side, everything));
        assert.deepStrictEqual(decoded, sample(v));
      });
    }
  }
}

/** A pseudo-version for samples: every field of every version is set. */
export const EVERY_FIELD = -1;

/** A field's sample value: the value when the version has the field (or for EVERY_FIELD), else its default. */
export function at<T>(version: number, min: number, value: T, empty: T, max = Infinity): T {
  return version === EVERY_FIELD || (version >= min && version <= max) ? value : empty;
}
