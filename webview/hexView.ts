// How the record details show a value: pretty-printed when it is JSON, and its bytes as a hex dump
// (from the host's 0x… form for binary values, else the text's UTF-8).

import type { TailRecord } from './protocol.js';

const HEX_LIMIT_BYTES = 4096;

export function prettyValue(value: string | null): string {
  if (value === null) {
    return 'null';
  }
  try {
    return JSON.stringify(JSON.parse(value), null, 2);
  } catch {
    return value;
  }
}

/** The value's bytes: from its hex form when it was binary, else its UTF-8 encoding. */
export function valueBytes(record: TailRecord): Uint8Array {
  if (record.value === null) {
    return new Uint8Array(0);
  }
  if (record.valueIsBinary === true) {
    const hex = (/^0x([0-9a-f]*)/.exec(record.value)?.[1] ?? '').slice(0, HEX_LIMIT_BYTES * 2);
    const bytes = new Uint8Array(hex.length / 2);
    for (let i = 0; i < bytes.length; i++) {
      bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
    }
    return bytes;
  }
  return new TextEncoder().encode(record.value).subarray(0, HEX_LIMIT_BYTES);
}

/** A classic hex dump: offset, 16 bytes in hex, the printable ASCII. */
export function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += 16) {
    const row = bytes.subarray(at, at + 16);
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${at.toString(16).padStart(8, '0')}  ${hex.padEnd(47, ' ')}  ${ascii}`);
  }
  return lines.join('\n');
}

