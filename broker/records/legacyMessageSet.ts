// Legacy message sets (magic 0 and 1), as Produce v0-2 carries them: reading and checking them, and
// up-converting one to a single RecordBatch v2 so the log only ever holds magic 2, as Kafka does.

import { compress, decompress } from './compression.js';
import { Compression, CorruptBatchError } from './recordBatch.js';
import { encodeBatch, type RecordToEncode } from './records.js';

/** Kafka's NO_TIMESTAMP: what a magic 0 message (which has no timestamp) becomes after up-conversion. */
export const NO_TIMESTAMP = -1n;

const LOG_OVERHEAD = 12; // offset int64 + message_size int32
const CRC_SIZE = 4;
/** crc, magic, attributes, key length, value length: the smallest magic 0 message body. */
const MIN_MESSAGE_SIZE_V0 = CRC_SIZE + 1 + 1 + 4 + 4;
const MIN_MESSAGE_SIZE_V1 = MIN_MESSAGE_SIZE_V0 + 8;
const ATTR_CODEC_MASK = 0x07;
/** Magic 1 only: the wrapper's timestamp is the broker's append time and overrides the inner ones. */
const ATTR_LOG_APPEND_TIME = 0x08;

/** A legacy message used zstd (or an unknown codec), which only RecordBatch v2 may carry. */
export class UnsupportedLegacyCompressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedLegacyCompressionError';
  }
}

export interface LegacyMessage {
  offset: bigint;
  magic: 0 | 1;
  attributes: number;
  compression: Compression;
  /** NO_TIMESTAMP for magic 0. */
  timestamp: bigint;
  key: Buffer | null;
  value: Buffer | null;
}

/** True when the bytes start like a legacy message (magic 0 or 1) rather than a RecordBatch v2. */
export function isLegacyMessageSet(records: Buffer): boolean {
  const magicAt = LOG_OVERHEAD + CRC_SIZE;
  return records.length > magicAt && (records[magicAt] === 0 || records[magicAt] === 1);
}

/**
 * Reads the top-level messages of a message set, checking each one's CRC-32 and framing. Compressed
 * wrappers are returned as they are; see `flattenMessages` for their inner messages.
 */
export function readLegacyMessages(messageSet: Buffer): LegacyMessage[] {
  const messages: LegacyMessage[] = [];
  let pos = 0;
  while (pos < messageSet.length) {
    const where = `message #${messages.length} at byte ${pos}`;
    if (messageSet.length - pos < LOG_OVERHEAD) throw new CorruptBatchError(`${where}: truncated offset and size`);
    const offset = messageSet.readBigInt64BE(pos);
    const size = messageSet.readInt32BE(pos + 8);
    const start = pos + LOG_OVERHEAD;
    if (size < MIN_MESSAGE_SIZE_V0) throw new CorruptBatchError(`${where}: message_size ${size} is too small`);
    if (start + size > messageSet.length) {
      throw new CorruptBatchError(`${where}: message_size ${size} runs past the end (${messageSet.length - start} bytes left)`);
    }
    messages.push(readMessage(messageSet.subarray(start, start + size), offset, where));
    pos = start + size;
  }
  return messages;
}

function readMessage(body: Buffer, offset: bigint, where: string): LegacyMessage {
  const storedCrc = body.readUInt32BE(0);
  const actualCrc = crc32(body, CRC_SIZE);
  if (storedCrc !== actualCrc) {
    throw new CorruptBatchError(`${where}: CRC mismatch (stored 0x${storedCrc.toString(16)}, computed 0x${actualCrc.toString(16)})`);
  }
  const magic = body.readInt8(4);
  if (magic !== 0 && magic !== 1) throw new CorruptBatchError(`${where}: magic ${magic} is not a legacy message`);
  if (magic === 1 && body.length < MIN_MESSAGE_SIZE_V1) throw new CorruptBatchError(`${where}: too short for magic 1`);
  const attributes = body.readInt8(5);
  let pos = 6;
  let timestamp = NO_TIMESTAMP;
  if (magic === 1) {
    timestamp = body.readBigInt64BE(pos);
    pos += 8;
  }
  const field = (name: string): Buffer | null => {
    if (pos + 4 > body.length) throw new CorruptBatchError(`${where}: truncated ${name} length`);
    const length = body.readInt32BE(pos);
    pos += 4;
    if (length < 0) return null;
    if (pos + length > body.length) throw new CorruptBatchError(`${where}: ${name} of ${length} bytes runs past the message`);
    const bytes = body.subarray(pos, pos + length);
    pos += length;
    return bytes;
  };
  const key = field('key');
  const value = field('value');
  if (pos !== body.length) throw new CorruptBatchError(`${where}: ${body.length - pos} bytes after the value`);
  const codec = attributes & ATTR_CODEC_MASK;
  if (codec > Compression.Lz4) {
    throw new UnsupportedLegacyCompressionError(`${where}: compression codec ${codec} needs RecordBatch v2 (magic ${magic} given)`);
  }
  return { offset, magic, attributes, compression: codec as Compression, timestamp, key, value };
}

/**
 * The messages a producer meant, in order: uncompressed messages as they are, compressed wrappers
 * replaced by their decompressed inner messages (which must be uncompressed and of the wrapper's magic).
 * Offsets are the producer's and carry no meaning here: the broker assigns them.
 */
export function flattenMessages(messages: readonly LegacyMessage[]): LegacyMessage[] {
  const out: LegacyMessage[] = [];
  for (const [i, message] of messages.entries()) {
    if (message.compression === Compression.None) {
      out.push(message);
      continue;
    }
    if (message.value === null) throw new CorruptBatchError(`message #${i}: a compressed wrapper has no value`);
    const inner = readLegacyMessages(decompress(message.compression, message.value));
    if (inner.length === 0) throw new CorruptBatchError(`message #${i}: a compressed wrapper holds no messages`);
    for (const m of inner) {
      if (m.compression !== Compression.None) throw new CorruptBatchError(`message #${i}: nested compression`);
      if (m.magic !== message.magic) {
        throw new CorruptBatchError(`message #${i}: inner magic ${m.magic} differs from the wrapper's ${message.magic}`);
      }
      const logAppendTime = message.magic === 1 && (message.attributes & ATTR_LOG_APPEND_TIME) !== 0;
      out.push(logAppendTime ? { ...m, timestamp: message.timestamp } : m);
    }
  }
  return out;
}

/**
 * Up-converts a whole legacy message set (one partition of a Produce v0-2 request) to one RecordBatch v2
 * holding the same keys, values and timestamps (NO_TIMESTAMP for magic 0), compressed with the codec the
 * producer used (the last compressed wrapper's, as Kafka picks it), with no producer id. Throws
 * CorruptBatchError (nothing should be stored) for a bad CRC or framing, UnsupportedLegacyCompressionError for zstd.
 */
export function upConvertMessageSet(messageSet: Buffer): Buffer {
  const top = readLegacyMessages(messageSet);
  if (top.length === 0) throw new CorruptBatchError('the message set holds no messages');
  const codec = top.reduce<Compression>((c, m) => (m.compression === Compression.None ? c : m.compression), Compression.None);
  const records: RecordToEncode[] = flattenMessages(top).map((m) => ({ key: m.key, value: m.value, timestamp: m.timestamp }));
  return encodeBatch({ records, compression: codec });
}

export interface LegacyMessageToEncode {
  key?: Buffer | string | null;
  value?: Buffer | string | null;
  /** Magic 1 only; defaults to now. */
  timestamp?: bigint;
}

export interface LegacyMessageSetToEncode {
  magic: 0 | 1;
  messages: LegacyMessageToEncode[];
  /** When set, the messages go inside one compressed wrapper, as a pre-0.11 producer sends them. */
  compression?: Compression;
}

/** Encodes a legacy message set as an old producer frames it (inner offsets 0..n-1), for tests and tools. */
export function encodeLegacyMessageSet(set: LegacyMessageSetToEncode): Buffer {
  const now = BigInt(Date.now());
  const timestamps = set.messages.map((m) => m.timestamp ?? now);
  const plain = Buffer.concat(set.messages.map((m, i) => encodeMessage(BigInt(i), set.magic, 0, timestamps[i] ?? now, m.key, m.value)));
  const codec = set.compression ?? Compression.None;
  if (codec === Compression.None) return plain;
  const maxTimestamp = timestamps.reduce((max, t) => (t > max ? t : max), NO_TIMESTAMP);
  // A magic 1 wrapper's offset is its last inner message's; inner offsets are relative to it.
  return encodeMessage(BigInt(set.messages.length - 1), set.magic, codec, maxTimestamp, null, compress(codec, plain));
}

function encodeMessage(offset: bigint, magic: 0 | 1, attributes: number, timestamp: bigint, key?: Buffer | string | null, value?: Buffer | string | null): Buffer {
  const keyBytes = asBytes(key);
  const valueBytes = asBytes(value);
  const body = Buffer.alloc((magic === 1 ? MIN_MESSAGE_SIZE_V1 : MIN_MESSAGE_SIZE_V0) + (keyBytes?.length ?? 0) + (valueBytes?.length ?? 0));
  let pos = CRC_SIZE;
  body.writeInt8(magic, pos++);
  body.writeInt8(attributes, pos++);
  if (magic === 1) pos = body.writeBigInt64BE(timestamp, pos);
  for (const bytes of [keyBytes, valueBytes]) {
    pos = body.writeInt32BE(bytes === null ? -1 : bytes.length, pos);
    if (bytes !== null) pos += bytes.copy(body, pos);
  }
  body.writeUInt32BE(crc32(body, CRC_SIZE), 0);
  const head = Buffer.alloc(LOG_OVERHEAD);
  head.writeBigInt64BE(offset, 0);
  head.writeInt32BE(body.length, 8);
  return Buffer.concat([head, body]);
}

function asBytes(value: Buffer | string | null | undefined): Buffer | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}

// CRC-32 (IEEE, reflected 0xEDB88320) as legacy messages use it; RecordBatch v2 switched to CRC-32C.
const CRC32_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Buffer, start = 0, end = bytes.length): number {
  let crc = 0xffffffff;
  for (let i = start; i < end; i++) crc = CRC32_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
