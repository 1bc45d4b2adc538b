// Reads the values of typed properties (formats, partitions, from, every, count, headers) into
// plain data, or says what is wrong with them in words a diagnostic can show.

import { RECORD_FORMATS, STRING_ENCODINGS, UNSUPPORTED_FORMATS } from './blockProperties.js';

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const problem = <T>(text: string): Parsed<T> => ({ ok: false, problem: text });

export type RecordFormat =
  | { readonly kind: 'none' }
  | { readonly kind: 'string'; readonly encoding: BufferEncoding }
  | { readonly kind: 'json' }
  /** PRODUCER value only: every non-blank line is one JSON record. */
  | { readonly kind: 'json-lines' }
  | { readonly kind: 'double' | 'float' | 'integer' | 'long' | 'short' };

const FORMAT_SYNTAX = /^([A-Za-z-]+)\s*(?:\(\s*([^)]*?)\s*\))?$/;

/** `reading`: a CONSUMER format (allows none); `forValue`: the PRODUCER value (allows json-lines). */
export function parseFormat(text: string, use: { reading: boolean; forValue: boolean }): Parsed<RecordFormat> {
  const match = FORMAT_SYNTAX.exec(text.trim());
  const name = match?.[1];
  if (match === null || name === undefined) {
    return problem(`Invalid format "${text}". Expected one of ${formatNames(use).join(', ')}.`);
  }
  const argument = match[2];
  if ((UNSUPPORTED_FORMATS as readonly string[]).includes(name)) {
    return problem(`The "${name}" format is not supported by Kafka Workbench.`);
  }
  if (name === 'string') {
    if (argument === undefined || argument === '') {
      return ok({ kind: 'string', encoding: 'utf8' });
    }
    const encoding = argument.toLowerCase();
    if (!(STRING_ENCODINGS as readonly string[]).includes(encoding)) {
      return problem(`Unknown string encoding "${argument}". Expected one of ${STRING_ENCODINGS.join(', ')}.`);
    }
    return ok({ kind: 'string', encoding: encoding as BufferEncoding });
  }
  if (argument !== undefined) {
    return problem(`The "${name}" format takes no argument.`);
  }
  if (name === 'none' && use.reading) {
    return ok({ kind: 'none' });
  }
  if (name === 'json-lines' && use.forValue && !use.reading) {
    return ok({ kind: 'json-lines' });
  }
  if (name === 'json') {
    return ok({ kind: 'json' });
  }
  if (name === 'double' || name === 'float' || name === 'integer' || name === 'long' || name === 'short') {
    return ok({ kind: name });
  }
  return problem(`Unknown format "${name}". Expected one of ${formatNames(use).join(', ')}.`);
}

export function formatNames(use: { reading: boolean; forValue: boolean }): string[] {
  return [...(use.reading ? ['none'] : []), ...RECORD_FORMATS, ...(use.forValue && !use.reading ? ['json-lines'] : [])];
}

/** `0`, `0,2`, `0-2`, `0,2-3`: the sorted, distinct partition indexes. */
export function parsePartitions(text: string): Parsed<number[]> {
  const chosen = new Set<number>();
  for (const rawPart of text.split(',')) {
    const part = rawPart.trim();
    const range = /^(\d{1,6})\s*-\s*(\d{1,6})$/.exec(part);
    if (range !== null) {
      const first = Number(range[1]);
      const last = Number(range[2]);
      if (first > last) {
        return problem(`Invalid partition range "${part}": ${first} is after ${last}.`);
      }
      if (last - first > 10_000) {
        return problem(`Partition range "${part}" is too large.`);
      }
      for (let partition = first; partition <= last; partition++) {
        chosen.add(partition);
      }
    } else if (/^\d{1,6}$/.test(part)) {
      chosen.add(Number(part));
    } else {
      return problem(`Invalid partitions "${text}". Expected a number (0), a list (0,2), a range (0-2) or a mix (0,2-3).`);
    }
  }
  return ok([...chosen].sort((a, b) => a - b));
}

export type StartPosition =
  | { readonly kind: 'earliest' }
  | { readonly kind: 'latest' }
  /** Decimal string: offsets are 64-bit. */
  | { readonly kind: 'offset'; readonly offset: string }
  | { readonly kind: 'timestamp'; readonly timestamp: number };

const DATE_LIKE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function parseStartPosition(text: string): Parsed<StartPosition> {
  const value = text.trim();
  if (value === 'earliest' || value === 'latest') {
    return ok({ kind: value });
  }
  if (/^\d{1,19}$/.test(value)) {
    return ok({ kind: 'offset', offset: value });
  }
  if (DATE_LIKE.test(value)) {
    const timestamp = Date.parse(value);
    if (!Number.isNaN(timestamp)) {
      return ok({ kind: 'timestamp', timestamp });
    }
  }
  return problem(`Invalid "from" value "${value}". Expected earliest, latest, an offset or a date and time such as 2024-05-01T12:00:00Z.`);
}

const DURATION_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
export const MIN_EVERY_MS = 100;

/** `500ms`, `5s`, `1m`, `1h` (a bare number is seconds) in milliseconds. */
export function parseDuration(text: string): Parsed<number> {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(text.trim());
  if (match === null) {
    return problem(`Invalid interval "${text}". Expected a duration such as 500ms, 5s, 1m or 1h.`);
  }
  const milliseconds = Number(match[1]) * DURATION_UNITS[match[2] ?? 's'];
  if (milliseconds < MIN_EVERY_MS) {
    return problem(`Interval "${text}" is too short; the minimum is ${MIN_EVERY_MS}ms.`);
  }
  return ok(Math.round(milliseconds));
}

export const MAX_COUNT = 10_000;

export function parseCount(text: string): Parsed<number> {
  const value = text.trim();
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1 || Number(value) > MAX_COUNT) {
    return problem(`Invalid count "${value}". Expected a whole number from 1 to ${MAX_COUNT}.`);
  }
  return ok(Number(value));
}

export interface HeaderPair {
  readonly name: string;
  readonly value: string;
}

/** `name=value, other=value`: a header value may contain `=`; names may not be empty. */
export function parseHeaders(text: string): Parsed<HeaderPair[]> {
  const headers: HeaderPair[] = [];
  if (text.trim().length === 0) {
    return ok(headers);
  }
  for (const rawPair of text.split(',')) {
    const pair = rawPair.trim();
    const equals = pair.indexOf('=');
    if (equals <= 0) {
      return problem(`Invalid header "${pair}". Expected name=value pairs separated by commas.`);
    }
    headers.push({ name: pair.slice(0, equals).trim(), value: pair.slice(equals + 1).trim() });
  }
  return ok(headers);
}
