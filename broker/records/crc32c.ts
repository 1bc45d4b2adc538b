// CRC32C (Castagnoli), the checksum of Kafka's RecordBatch v2 and of our storage journal frames.
// Plain JS with slicing-by-16 tables: sixteen bytes per step, no native module (measured 1.0-1.45x
// faster than slicing-by-8 on batches of 1 KB and more, which is where the broker spends its CRC time).

const POLY_REFLECTED = 0x82f63b78;

function buildTables(count: number): Uint32Array[] {
  const tables: Uint32Array[] = [];
  const first = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY_REFLECTED : c >>> 1;
    first[n] = c >>> 0;
  }
  tables.push(first);
  for (let t = 1; t < count; t++) {
    const prev = tables[t - 1];
    const next = new Uint32Array(256);
    for (let n = 0; n < 256; n++) next[n] = (prev[n] >>> 8) ^ first[prev[n] & 0xff];
    tables.push(next);
  }
  return tables;
}

const [T0, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15] = buildTables(16) as [
  Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array,
  Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array,
];

/** CRC32C of buf[start, end) as an unsigned 32-bit integer. */
export function crc32c(buf: Uint8Array, start = 0, end = buf.length): number {
  if (start < 0 || end > buf.length || start > end) {
    throw new RangeError(`crc32c range [${start}, ${end}) outside buffer of ${buf.length} bytes`);
  }
  let crc = 0xffffffff;
  let i = start;
  const fastEnd = end - ((end - start) & 15);
  while (i < fastEnd) {
    const lo = (crc ^ (buf[i] | (buf[i + 1] << 8) | (buf[i + 2] << 16) | (buf[i + 3] << 24))) >>> 0;
    crc =
      T15[lo & 0xff] ^
      T14[(lo >>> 8) & 0xff] ^
      T13[(lo >>> 16) & 0xff] ^
      T12[lo >>> 24] ^
      T11[buf[i + 4]] ^
      T10[buf[i + 5]] ^
      T9[buf[i + 6]] ^
      T8[buf[i + 7]] ^
      T7[buf[i + 8]] ^
      T6[buf[i + 9]] ^
      T5[buf[i + 10]] ^
      T4[buf[i + 11]] ^
      T3[buf[i + 12]] ^
      T2[buf[i + 13]] ^
      T1[buf[i + 14]] ^
      T0[buf[i + 15]];
    i += 16;
  }
  while (i < end) crc = T0[(crc ^ buf[i++]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
