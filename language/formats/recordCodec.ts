// Turns record text into bytes and bytes back into text for each key/value format, the way Kafka's
// Java (de)serializers lay them out (big-endian numbers, strings in the given encoding).

import type { RecordFormat } from '../schema/propertyValues.js';

export class RecordEncodingError extends Error {}

function numberFrom(text: string, format: string): number {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (trimmed === '' || Number.isNaN(value)) {
    throw new RecordEncodingError(`"${cutForMessage(trimmed)}" is not a number (format ${format}).`);
  }
  return value;
}

function integerFrom(text: string, format: string, min: number, max: number): number {
  const value = numberFrom(text, format);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RecordEncodingError(`"${cutForMessage(text.trim())}" is not a whole number from ${min} to ${max} (format ${format}).`);
  }
  return value;
}

function cutForMessage(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Bytes for `text` in `format`; null for the `none` format. Throws RecordEncodingError. */
export function encodeRecordText(text: string, format: RecordFormat): Buffer | null {
  switch (format.kind) {
    case 'none':
      return null;
    case 'string':
      return Buffer.from(text, format.encoding);
    case 'json':
    case 'json-lines':
      try {
        JSON.parse(text);
      } catch (error) {
        throw new RecordEncodingError(`Invalid JSON: ${(error as Error).message}`);
      }
      return Buffer.from(text, 'utf8');
    case 'double': {
      const buffer = Buffer.alloc(8);
      buffer.writeDoubleBE(numberFrom(text, 'double'));
      return buffer;
    }
    case 'float': {
      const buffer = Buffer.alloc(4);
      buffer.writeFloatBE(numberFrom(text, 'float'));
      return buffer;
    }
    case 'integer': {
      const buffer = Buffer.alloc(4);
      buffer.writeInt32BE(integerFrom(text, 'integer', -2_147_483_648, 2_147_483_647));
      return buffer;
    }
    case 'short': {
      const buffer = Buffer.alloc(2);
      buffer.writeInt16BE(integerFrom(text, 'short', -32_768, 32_767));
      return buffer;
    }
    case 'long': {
      const trimmed = text.trim();
      if (!/^-?\d{1,19}$/.test(trimmed)) {
        throw new RecordEncodingError(`"${cutForMessage(trimmed)}" is not a whole number (format long).`);
      }
      const buffer = Buffer.alloc(8);
      try {
        buffer.writeBigInt64BE(BigInt(trimmed));
      } catch {
        throw new RecordEncodingError(`"${trimmed}" does not fit in a long.`);
      }
      return buffer;
    }
  }
}

/** Text for bytes read in `format`; undefined when the bytes do not fit the format (the caller falls back). */
export function decodeRecordBytes(bytes: Uint8Array | null | undefined, format: RecordFormat): string | null | undefined {
  if (bytes === null || bytes === undefined) {
    return null;
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (format.kind) {
    case 'none':
      return null;
    case 'string':
      return buffer.toString(format.encoding);
    case 'json':
    case 'json-lines':
      return buffer.toString('utf8');
    case 'double':
      return buffer.length === 8 ? String(buffer.readDoubleBE(0)) : undefined;
    case 'float':
      return buffer.length === 4 ? String(buffer.readFloatBE(0)) : undefined;
    case 'integer':
      return buffer.length === 4 ? String(buffer.readInt32BE(0)) : undefined;
    case 'short':
      return buffer.length === 2 ? String(buffer.readInt16BE(0)) : undefined;
    case 'long':
      return buffer.length === 8 ? buffer.readBigInt64BE(0).toString() : undefined;
  }
}
