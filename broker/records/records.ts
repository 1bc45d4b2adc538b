// The records inside a RecordBatch v2: decoding for compaction, ListOffsets and tests, and an
// encoder for tests and our own tools. Varints are zigzag, as in Kafka's record format.

import {
  ATTR_CONTROL, ATTR_LOG_APPEND_TIME, ATTR_TRANSACTIONAL, BATCH_HEADER_SIZE, BATCH_LOG_OVERHEAD, BatchField,
  Compression, CorruptBatchError, readBatchHeader, type BatchHeader,
} from './recordBatch.js';
import { compress, decompress } from './compression.js';
import { crc32c } from './crc32c.js';

export interface RecordHeader {
  key: string;
  value: Buffer | null;
}

export interface DecodedRecord {
  offset: bigint;
  timestamp: bigint;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}

/**
 * Decodes every record of one batch. Under LogAppendTime each record's timestamp is the batch's
 * maxTimestamp, as consumers see it. Throws CorruptBatchError on malformed content.
 */
export function decodeRecords(batch: BatchHeader | Buffer): DecodedRecord[] {
  const header = Buffer.isBuffer(batch) ? readBatchHeader(batch) : batch;
  const body = decompress(header.compression, header.bytes.subarray(BATCH_HEADER_SIZE));
  const cursor = new RecordCursor(body);
  const records: DecodedRecord[] = [];
  for (let i = 0; i < header.recordCount; i++) {
    const length = cursor.varint();
    const end = cursor.pos + length;
    if (length < 0 || end > body.length) throw new CorruptBatchError(`record ${i}: length ${length} runs past the records`);
    cursor.pos += 1; // record attributes: unused in v2
    const timestampDelta = cursor.varlong();
    const offsetDelta = cursor.varint();
    const key = cursor.bytes();
    const value = cursor.bytes();
    const headerCount = cursor.varint();
    if (headerCount < 0) throw new CorruptBatchError(`record ${i}: negative header count`);
    const headers: RecordHeader[] = [];
    for (let h = 0; h < headerCount; h++) {
      const headerKey = cursor.bytes();
      if (headerKey === null) throw new CorruptBatchError(`record ${i}: null header key`);
      headers.push({ key: headerKey.toString('utf8'), value: cursor.bytes() });
    }
    if (cursor.pos !== end) throw new CorruptBatchError(`record ${i}: length ${length} does not match its content`);
    records.push({
      offset: header.baseOffset + BigInt(offsetDelta),
      timestamp: header.logAppendTime ? header.maxTimestamp : header.baseTimestamp + BigInt(timestampDelta),
      key,
      value,
      headers,
    });
  }
  if (cursor.pos !== body.length) {
    throw new CorruptBatchError(`${body.length - cursor.pos} bytes after the last of ${header.recordCount} records`);
  }
  return records;
}

class RecordCursor {
  pos = 0;
  constructor(private readonly buf: Buffer) {}

  private byte(): number {
    if (this.pos >= this.buf.length) throw new CorruptBatchError('records end inside a varint');
    return this.buf[this.pos++];
  }

  /** A zigzag varlong as a number: exact for |value| < 2^53, which covers every real delta. */
  varlong(): number {
    let raw = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      raw += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2;
      scale *= 128;
    }
    throw new CorruptBatchError('varint longer than 10 bytes');
  }

  varint(): number {
    const value = this.varlong();
    if (value < -0x80000000 || value > 0x7fffffff) throw new CorruptBatchError(`varint ${value} is out of int32 range`);
    return value;
  }

  bytes(): Buffer | null {
    const length = this.varint();
    if (length < 0) return null;
    if (this.pos + length > this.buf.length) throw new CorruptBatchError(`a ${length}-byte field runs past the records`);
    const out = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }
}

export interface RecordToEncode {
  key?: Buffer | string | null;
  value?: Buffer | string | null;
  headers?: { key: string; value: Buffer | string | null }[];
  /** Milliseconds since the epoch; defaults to now. */
  timestamp?: bigint | number;
}

export interface BatchToEncode {
  baseOffset?: bigint;
  records: RecordToEncode[];
  compression?: Compression;
  producerId?: bigint;
  producerEpoch?: number;
  baseSequence?: number;
  partitionLeaderEpoch?: number;
  transactional?: boolean;
  control?: boolean;
  logAppendTime?: boolean;
}

/** Encodes one RecordBatch v2 with a valid CRC, as a producer would frame it. */
export function encodeBatch(batch: BatchToEncode): Buffer {
  const now = BigInt(Date.now());
  const timestamps = batch.records.map((r) => (r.timestamp === undefined ? now : BigInt(r.timestamp)));
  const baseTimestamp = timestamps[0] ?? now;
  const maxTimestamp = timestamps.reduce((max, t) => (t > max ? t : max), baseTimestamp);
  const codec = batch.compression ?? Compression.None;
  const body = compress(codec, Buffer.concat(batch.records.map((r, i) => encodeRecord(r, i, (timestamps[i]) - baseTimestamp))));

  const out = Buffer.alloc(BATCH_HEADER_SIZE + body.length);
  let attributes = codec;
  if (batch.logAppendTime) attributes |= ATTR_LOG_APPEND_TIME;
  if (batch.transactional) attributes |= ATTR_TRANSACTIONAL;
  if (batch.control) attributes |= ATTR_CONTROL;
  out.writeBigInt64BE(batch.baseOffset ?? 0n, BatchField.baseOffset);
  out.writeInt32BE(out.length - BATCH_LOG_OVERHEAD, BatchField.batchLength);
  out.writeInt32BE(batch.partitionLeaderEpoch ?? -1, BatchField.partitionLeaderEpoch);
  out.writeInt8(2, BatchField.magic);
  out.writeInt16BE(attributes, BatchField.attributes);
  out.writeInt32BE(Math.max(0, batch.records.length - 1), BatchField.lastOffsetDelta);
  out.writeBigInt64BE(baseTimestamp, BatchField.baseTimestamp);
  out.writeBigInt64BE(maxTimestamp, BatchField.maxTimestamp);
  out.writeBigInt64BE(batch.producerId ?? -1n, BatchField.producerId);
  out.writeInt16BE(batch.producerEpoch ?? -1, BatchField.producerEpoch);
  out.writeInt32BE(batch.baseSequence ?? -1, BatchField.baseSequence);
  out.writeInt32BE(batch.records.length, BatchField.recordCount);
  body.copy(out, BATCH_HEADER_SIZE);
  out.writeUInt32BE(crc32c(out, BatchField.attributes), BatchField.crc);
  return out;
}

function asBytes(value: Buffer | string | null | undefined): Buffer | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}

function encodeRecord(record: RecordToEncode, offsetDelta: number, timestampDelta: bigint): Buffer {
  const parts: Buffer[] = [Buffer.from([0]), varlongBytes(timestampDelta), varlongBytes(BigInt(offsetDelta))];
  pushBytesField(parts, asBytes(record.key));
  pushBytesField(parts, asBytes(record.value));
  const headers = record.headers ?? [];
  parts.push(varlongBytes(BigInt(headers.length)));
  for (const h of headers) {
    pushBytesField(parts, Buffer.from(h.key, 'utf8'));
    pushBytesField(parts, asBytes(h.value));
  }
  const body = Buffer.concat(parts);
  return Buffer.concat([varlongBytes(BigInt(body.length)), body]);
}

function pushBytesField(parts: Buffer[], bytes: Buffer | null): void {
  if (bytes === null) {
    parts.push(varlongBytes(-1n));
  } else {
    parts.push(varlongBytes(BigInt(bytes.length)), bytes);
  }
}

/** Zigzag varlong encoding of a signed 64-bit value. */
export function varlongBytes(value: bigint): Buffer {
  let zigzag = BigInt.asUintN(64, (value << 1n) ^ (value >> 63n));
  const out: number[] = [];
  while (zigzag >= 0x80n) {
    out.push(Number(zigzag & 0x7fn) | 0x80);
    zigzag >>= 7n;
  }
  out.push(Number(zigzag));
  return Buffer.from(out);
}
