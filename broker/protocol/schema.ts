// A small declarative schema language for Kafka messages: one definition per message gives both the
// decoder and the encoder for every version, so the two can never disagree. Field versions, nullable
// and compact ("flexible") encodings and tagged fields follow the rules of Kafka's message JSON.

import { ProtocolDecodeError, type Reader } from './reader.js';
import type { Writer } from './writer.js';

/** A wire type: how one value is read and written at a given version. */
export interface Type<T> {
  read(r: Reader, version: number, flexible: boolean): T;
  write(w: Writer, value: T, version: number, flexible: boolean): void;
  /** The value a field takes when absent from a version, or when a tagged field is not sent. */
  readonly empty: () => T;
}

/** An inclusive version range; `max` is Infinity for "N+". */
export interface VersionRange {
  readonly min: number;
  readonly max: number;
}

export function versions(spec: string): VersionRange {
  const plus = /^(\d+)\+$/.exec(spec);
  if (plus) return { min: Number(plus[1]), max: Infinity };
  const range = /^(\d+)-(\d+)$/.exec(spec);
  if (range) return { min: Number(range[1]), max: Number(range[2]) };
  if (/^\d+$/.test(spec)) return { min: Number(spec), max: Number(spec) };
  throw new Error(`bad version spec ${spec}`);
}

function inRange(range: VersionRange, version: number): boolean {
  return version >= range.min && version <= range.max;
}

export interface FieldSpec<T> {
  readonly type: Type<T>;
  readonly versions: VersionRange;
  /** For tagged fields: the tag number, sent in the tagged-field section of flexible versions. */
  readonly tag?: number;
  readonly empty?: () => T;
}

/** A field present in the versions `spec` ("0+", "3-7", "12"). */
export function f<T>(type: Type<T>, spec = '0+', empty?: () => T): FieldSpec<T> {
  return empty ? { type, versions: versions(spec), empty } : { type, versions: versions(spec) };
}

/** A tagged field: only in flexible versions, written only when it differs from its empty value. */
export function tagged<T>(type: Type<T>, tag: number, spec: string, empty?: () => T): FieldSpec<T> {
  return { type, versions: versions(spec), tag, ...(empty ? { empty } : {}) };
}

type Fields = Record<string, FieldSpec<unknown>>;
export type StructValue<F extends Fields> = { [K in keyof F]: F[K] extends FieldSpec<infer T> ? T : never };
export type Infer<S> = S extends Type<infer T> ? T : never;

/** A struct type; its value is a plain object with one property per field, in declaration order. */
export function struct<F extends Fields>(fields: F): Type<StructValue<F>> {
  const entries = Object.entries(fields);
  const plain = entries.filter(([, spec]) => spec.tag === undefined);
  const taggedEntries = entries
    .filter(([, spec]) => spec.tag !== undefined)
    .sort((a, b) => (a[1].tag ?? 0) - (b[1].tag ?? 0));
  const emptyOf = (spec: FieldSpec<unknown>): unknown => (spec.empty ?? spec.type.empty)();

  const makeEmpty = (): StructValue<F> => {
    const out: Record<string, unknown> = {};
    for (const [name, spec] of entries) out[name] = emptyOf(spec);
    return out as StructValue<F>;
  };

  return {
    empty: makeEmpty,
    read(r, version, flexible) {
      const out: Record<string, unknown> = {};
      for (const [name, spec] of plain) {
        out[name] = inRange(spec.versions, version) ? spec.type.read(r, version, flexible) : emptyOf(spec);
      }
      for (const [name, spec] of taggedEntries) out[name] = emptyOf(spec);
      if (flexible) {
        const count = r.unsignedVarint();
        for (let i = 0; i < count; i++) {
          const tag = r.unsignedVarint();
          const size = r.unsignedVarint();
          const known = taggedEntries.find(([, spec]) => spec.tag === tag && inRange(spec.versions, version));
          if (!known) {
            r.raw(size); // unknown tags are skipped, as Kafka does
            continue;
          }
          const end = r.offset + size;
          if (end > r.end) throw new ProtocolDecodeError(`tagged field ${tag} runs past the frame`);
          out[known[0]] = known[1].type.read(r, version, flexible);
          if (r.offset !== end) throw new ProtocolDecodeError(`tagged field ${tag} size mismatch`);
        }
      }
      return out as StructValue<F>;
    },
    write(w, value, version, flexible) {
      const v = value as Record<string, unknown>;
      for (const [name, spec] of plain) {
        if (inRange(spec.versions, version)) spec.type.write(w, v[name] ?? emptyOf(spec), version, flexible);
      }
      if (!flexible) return;
      const present = taggedEntries.filter(
        ([name, spec]) => inRange(spec.versions, version) && v[name] !== undefined && !isEmptyValue(v[name], emptyOf(spec)),
      );
      w.unsignedVarint(present.length);
      for (const [name, spec] of present) {
        const body = new (w.constructor as new () => Writer)();
        spec.type.write(body, v[name], version, flexible);
        w.unsignedVarint(spec.tag ?? 0).unsignedVarint(body.length).rawList(body.toChunks());
      }
    },
  };
}

function isEmptyValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === 0 && b.length === 0;
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  // Field by field rather than JSON.stringify, which throws on the bigints of int64 fields.
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    const keys = Object.keys(rb);
    return Object.keys(ra).length === keys.length && keys.every((k) => isEmptyValue(ra[k], rb[k]));
  }
  return false;
}

function simple<T>(empty: T, read: (r: Reader) => T, write: (w: Writer, v: T) => void): Type<T> {
  return { empty: () => empty, read: (r) => read(r), write: (w, v) => write(w, v) };
}

export const int8 = simple(0, (r) => r.int8(), (w, v) => w.int8(v));
export const int16 = simple(0, (r) => r.int16(), (w, v) => w.int16(v));
export const uint16 = simple(0, (r) => r.uint16(), (w, v) => w.uint16(v));
export const int32 = simple(0, (r) => r.int32(), (w, v) => w.int32(v));
export const uint32 = simple(0, (r) => r.uint32(), (w, v) => w.uint32(v));
export const int64 = simple(0n, (r) => r.int64(), (w, v) => w.int64(v));
export const float64 = simple(0, (r) => r.float64(), (w, v) => w.float64(v));
export const bool = simple(false, (r) => r.bool(), (w, v) => w.bool(v));
export const ZERO_UUID = '00000000000000000000000000000000';
export const uuid = simple(ZERO_UUID, (r) => r.uuid(), (w, v) => w.uuid(v));

export const str: Type<string> = {
  empty: () => '',
  read: (r, _v, flexible) => (flexible ? r.compactString() : r.string()),
  write: (w, v, _v, flexible) => void (flexible ? w.compactString(v) : w.string(v)),
};

export const nstr: Type<string | null> = {
  empty: () => null,
  read: (r, _v, flexible) => (flexible ? r.compactNullableString() : r.nullableString()),
  write: (w, v, _v, flexible) => void (flexible ? w.compactNullableString(v) : w.nullableString(v)),
};

/** Bytes, or a record set; decoded as a view into the frame, encoded from one or several chunks. */
export type BytesValue = Buffer | readonly Buffer[] | null;
export const nbytes: Type<BytesValue> = {
  empty: () => null,
  read: (r, _v, flexible) => (flexible ? r.compactNullableBytes() : r.nullableBytes()),
  write: (w, v, _v, flexible) => void (flexible ? w.compactNullableBytes(v) : w.nullableBytes(v)),
};

/** Non-nullable bytes: an empty buffer stands for "nothing". */
export const bytes: Type<Buffer> = {
  empty: () => Buffer.alloc(0),
  read: (r, _v, flexible) => (flexible ? r.compactNullableBytes() : r.nullableBytes()) ?? Buffer.alloc(0),
  write: (w, v, _v, flexible) => void (flexible ? w.compactNullableBytes(v) : w.nullableBytes(v)),
};

export function array<T>(item: Type<T>): Type<T[]> {
  return {
    empty: () => [],
    read(r, version, flexible) {
      const n = r.arrayLength(flexible);
      const out: T[] = [];
      for (let i = 0; i < n; i++) out.push(item.read(r, version, flexible));
      return out;
    },
    write(w, v, version, flexible) {
      w.arrayLength(v.length, flexible);
      for (const x of v) item.write(w, x, version, flexible);
    },
  };
}

/** An array that may be null on the wire (-1, or 0 in compact form). */
export function narray<T>(item: Type<T>): Type<T[] | null> {
  return {
    empty: () => null,
    read(r, version, flexible) {
      const n = r.arrayLength(flexible);
      if (n === -1) return null;
      const out: T[] = [];
      for (let i = 0; i < n; i++) out.push(item.read(r, version, flexible));
      return out;
    },
    write(w, v, version, flexible) {
      w.arrayLength(v === null ? null : v.length, flexible);
      if (v) for (const x of v) item.write(w, x, version, flexible);
    },
  };
}

/** A Kafka API: its key, the versions served, the first flexible version, and its two messages. */
export interface ApiSchema<Req, Res> {
  readonly key: number;
  readonly name: string;
  readonly minVersion: number;
  readonly maxVersion: number;
  /** First version that uses compact encodings and tagged fields; Infinity if none. */
  readonly flexibleFrom: number;
  readonly request: Type<Req>;
  readonly response: Type<Res>;
}

export function defineApi<Req, Res>(api: ApiSchema<Req, Res>): ApiSchema<Req, Res> {
  return api;
}

export function isFlexible(api: Pick<ApiSchema<unknown, unknown>, 'flexibleFrom'>, version: number): boolean {
  return version >= api.flexibleFrom;
}
