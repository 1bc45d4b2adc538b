// The record-batch codecs (gzip, snappy, lz4, zstd) behind one pair of calls, all pure JS so the
// broker bundle needs no native module: zlib for gzip, snappyjs, lz4js to encode and our own
// lz4Frame to decode (lz4js misreads block checksums), fzstd to decode zstd.

import * as zlib from 'node:zlib';
import * as snappy from 'snappyjs';
import * as lz4 from 'lz4js';
import { decompress as zstdDecompress } from 'fzstd';
import { decodeLz4Frames } from './lz4Frame.js';
import { Compression, CorruptBatchError } from './recordBatch.js';

export function compress(codec: Compression, data: Buffer): Buffer {
  switch (codec) {
    case Compression.None: return data;
    case Compression.Gzip: return zlib.gzipSync(data);
    case Compression.Snappy: return xerialSnappyCompress(data);
    case Compression.Lz4: return toBuffer(lz4.compress(data));
    case Compression.Zstd: return zstdStoredFrame(data);
  }
}

export function decompress(codec: Compression, data: Buffer): Buffer {
  try {
    switch (codec) {
      case Compression.None: return data;
      case Compression.Gzip: return zlib.gunzipSync(data);
      case Compression.Snappy: return snappyDecompress(data);
      case Compression.Lz4: return decodeLz4Frames(data);
      case Compression.Zstd: return toBuffer(zstdDecompress(data));
    }
  } catch (err) {
    if (err instanceof CorruptBatchError) throw err;
    throw new CorruptBatchError(`cannot decompress ${codecName(codec)} records: ${(err as Error).message}`);
  }
  throw new CorruptBatchError(`unknown compression codec ${codec as number}`);
}

export function codecName(codec: number): string {
  return ['none', 'gzip', 'snappy', 'lz4', 'zstd'][codec] ?? `codec ${codec}`;
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// Java's producer wraps snappy in xerial's stream framing: an 8-byte magic, two int32 versions,
// then chunks of [int32 compressed length][raw snappy block]. librdkafka sends raw snappy.
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_SIZE = 16;
const XERIAL_CHUNK = 32 * 1024;

function snappyDecompress(data: Buffer): Buffer {
  if (data.length < XERIAL_HEADER_SIZE || !data.subarray(0, 8).equals(XERIAL_MAGIC)) {
    return toBuffer(snappy.uncompress(data));
  }
  const chunks: Buffer[] = [];
  let pos = XERIAL_HEADER_SIZE;
  while (pos < data.length) {
    if (pos + 4 > data.length) throw new CorruptBatchError('xerial snappy: truncated chunk length');
    const length = data.readInt32BE(pos);
    pos += 4;
    if (length < 0 || pos + length > data.length) throw new CorruptBatchError('xerial snappy: chunk runs past the end');
    chunks.push(toBuffer(snappy.uncompress(data.subarray(pos, pos + length))));
    pos += length;
  }
  return Buffer.concat(chunks);
}

function xerialSnappyCompress(data: Buffer): Buffer {
  const header = Buffer.alloc(XERIAL_HEADER_SIZE);
  XERIAL_MAGIC.copy(header);
  header.writeInt32BE(1, 8);
  header.writeInt32BE(1, 12);
  const parts: Buffer[] = [header];
  for (let pos = 0; pos < data.length; pos += XERIAL_CHUNK) {
    const block = toBuffer(snappy.compress(data.subarray(pos, pos + XERIAL_CHUNK)));
    const length = Buffer.alloc(4);
    length.writeInt32BE(block.length);
    parts.push(length, block);
  }
  return Buffer.concat(parts);
}

// No pure-JS zstd compressor is small and maintained, so we write a valid zstd frame of raw
// (stored) blocks: every decoder reads it, it just does not shrink. Only tests and tools encode.
const ZSTD_MAGIC = 0xfd2fb528;
const ZSTD_MAX_BLOCK = 128 * 1024;

function zstdStoredFrame(data: Buffer): Buffer {
  const blockCount = Math.max(1, Math.ceil(data.length / ZSTD_MAX_BLOCK));
  const out = Buffer.alloc(6 + blockCount * 3 + data.length);
  out.writeUInt32LE(ZSTD_MAGIC, 0);
  out[4] = 0x00; // no content size, not single segment, no checksum, no dictionary
  out[5] = 7 << 3; // window 2^(10+7) = 128 KiB, enough for one block
  let pos = 6;
  for (let i = 0; i < blockCount; i++) {
    const chunk = data.subarray(i * ZSTD_MAX_BLOCK, (i + 1) * ZSTD_MAX_BLOCK);
    const last = i === blockCount - 1 ? 1 : 0;
    out.writeUIntLE((chunk.length << 3) | last, pos, 3); // block type 0 = raw
    pos += 3;
    chunk.copy(out, pos);
    pos += chunk.length;
  }
  return out;
}
