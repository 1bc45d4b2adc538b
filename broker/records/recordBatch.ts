// Kafka RecordBatch v2 (magic 2) framing: split a records buffer into validated batches and set
// the fields the broker owns (base offset, leader epoch, LogAppendTime) on a copy.

import { crc32c } from './crc32c.js';

/** Byte offsets of the RecordBatch v2 header fields. */
export const BatchField = {
  baseOffset: 0,
  batchLength: 8,
  partitionLeaderEpoch: 12,
  magic: 16,
  crc: 17,
  attributes: 21,
  lastOffsetDelta: 23,
  baseTimestamp: 27,
  maxTimestamp: 35,
  producerId: 43,
  producerEpoch: 51,
  baseSequence: 53,
  recordCount: 57,
  records: 61,
} as const;

/** Bytes before batchLength's count starts: baseOffset + batchLength. */
export const BATCH_LOG_OVERHEAD = 12;
export const BATCH_HEADER_SIZE = BatchField.records;

/** Compression codec ids, as stored in attributes & 7. */
export const Compression = {
  None: 0,
  Gzip: 1,
  Snappy: 2,
  Lz4: 3,
  Zstd: 4,
} as const;
export type Compression = (typeof Compression)[keyof typeof Compression];

export const ATTR_COMPRESSION_MASK = 0x07;
export const ATTR_LOG_APPEND_TIME = 0x08;
export const ATTR_TRANSACTIONAL = 0x10;
export const ATTR_CONTROL = 0x20;

export class CorruptBatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorruptBatchError';
  }
}

export interface BatchHeader {
  /** The batch's bytes: a view into the buffer it was split from, not a copy. */
  bytes: Buffer;
  baseOffset: bigint;
  batchLength: number;
  partitionLeaderEpoch: number;
  magic: number;
  crc: number;
  attributes: number;
  lastOffsetDelta: number;
  baseTimestamp: bigint;
  maxTimestamp: bigint;
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
  compression: Compression;
  logAppendTime: boolean;
  transactional: boolean;
  control: boolean;
}

/**
 * Where the batches come from decides how strictly offsets are checked: a producer's batches
 * are dense (lastOffsetDelta == recordCount - 1, at least one record), while batches copied
 * from a leader's log may have been compacted (gaps, even zero records).
 */
export type BatchOrigin = 'producer' | 'replica';

export function readBatchHeader(bytes: Buffer): BatchHeader {
  const attributes = bytes.readInt16BE(BatchField.attributes);
  return {
    bytes,
    baseOffset: bytes.readBigInt64BE(BatchField.baseOffset),
    batchLength: bytes.readInt32BE(BatchField.batchLength),
    partitionLeaderEpoch: bytes.readInt32BE(BatchField.partitionLeaderEpoch),
    magic: bytes.readInt8(BatchField.magic),
    crc: bytes.readUInt32BE(BatchField.crc),
    attributes,
    lastOffsetDelta: bytes.readInt32BE(BatchField.lastOffsetDelta),
    baseTimestamp: bytes.readBigInt64BE(BatchField.baseTimestamp),
    maxTimestamp: bytes.readBigInt64BE(BatchField.maxTimestamp),
    producerId: bytes.readBigInt64BE(BatchField.producerId),
    producerEpoch: bytes.readInt16BE(BatchField.producerEpoch),
    baseSequence: bytes.readInt32BE(BatchField.baseSequence),
    recordCount: bytes.readInt32BE(BatchField.recordCount),
    compression: (attributes & ATTR_COMPRESSION_MASK) as Compression,
    logAppendTime: (attributes & ATTR_LOG_APPEND_TIME) !== 0,
    transactional: (attributes & ATTR_TRANSACTIONAL) !== 0,
    control: (attributes & ATTR_CONTROL) !== 0,
  };
}

/**
 * Splits a records buffer into whole, checked batches. Throws CorruptBatchError on the first
 * problem, so a caller can refuse the whole request before storing anything.
 */
export function splitBatches(records: Buffer, origin: BatchOrigin = 'producer'): BatchHeader[] {
  const batches: BatchHeader[] = [];
  let pos = 0;
  while (pos < records.length) {
    const where = `batch #${batches.length} at byte ${pos}`;
    const remaining = records.length - pos;
    if (remaining < BATCH_HEADER_SIZE) {
      throw new CorruptBatchError(`${where}: ${remaining} bytes left, a batch header needs ${BATCH_HEADER_SIZE}`);
    }
    const batchLength = records.readInt32BE(pos + BatchField.batchLength);
    const size = BATCH_LOG_OVERHEAD + batchLength;
    if (size < BATCH_HEADER_SIZE) {
      throw new CorruptBatchError(`${where}: batchLength ${batchLength} is smaller than the header`);
    }
    if (size > remaining) {
      throw new CorruptBatchError(`${where}: batchLength ${batchLength} runs past the end (${remaining} bytes left)`);
    }
    const bytes = records.subarray(pos, pos + size);
    const magic = bytes.readInt8(BatchField.magic);
    if (magic !== 2) {
      throw new CorruptBatchError(`${where}: magic ${magic}, only RecordBatch v2 (magic 2) is supported`);
    }
    const header = readBatchHeader(bytes);
    const actualCrc = crc32c(bytes, BatchField.attributes);
    if (actualCrc !== header.crc) {
      throw new CorruptBatchError(
        `${where}: CRC mismatch (stored 0x${header.crc.toString(16)}, computed 0x${actualCrc.toString(16)})`,
      );
    }
    checkCounts(header, origin, where);
    batches.push(header);
    pos += size;
  }
  return batches;
}

function checkCounts(header: BatchHeader, origin: BatchOrigin, where: string): void {
  const { recordCount, lastOffsetDelta } = header;
  if (recordCount < 0) throw new CorruptBatchError(`${where}: negative recordCount ${recordCount}`);
  if (lastOffsetDelta < 0) throw new CorruptBatchError(`${where}: negative lastOffsetDelta ${lastOffsetDelta}`);
  if (origin === 'producer') {
    if (recordCount === 0) throw new CorruptBatchError(`${where}: a produced batch has no records`);
    if (lastOffsetDelta !== recordCount - 1) {
      throw new CorruptBatchError(`${where}: lastOffsetDelta ${lastOffsetDelta} does not match recordCount ${recordCount}`);
    }
  } else if (lastOffsetDelta < recordCount - 1) {
    throw new CorruptBatchError(`${where}: lastOffsetDelta ${lastOffsetDelta} is too small for recordCount ${recordCount}`);
  }
  // An uncompressed record takes at least 7 bytes (length, attributes, 3 varints, 2 nulls, headers):
  // a count the bytes cannot hold is a lie we catch before anyone decodes it.
  if (header.compression === Compression.None && recordCount * 7 > header.bytes.length - BATCH_HEADER_SIZE) {
    throw new CorruptBatchError(`${where}: recordCount ${recordCount} cannot fit in ${header.bytes.length} bytes`);
  }
}

export interface BrokerFields {
  baseOffset: bigint;
  partitionLeaderEpoch: number;
  /** Set when the topic uses LogAppendTime: the broker's clock, in ms, at append. */
  logAppendTime?: bigint;
}

/**
 * A copy of the batch with the broker's fields set. Base offset and leader epoch sit before the
 * CRC'd range, so the CRC is recomputed only when LogAppendTime changes attributes and maxTimestamp.
 */
export function withBrokerFields(batch: BatchHeader | Buffer, fields: BrokerFields): Buffer {
  const source = Buffer.isBuffer(batch) ? batch : batch.bytes;
  const out = Buffer.allocUnsafe(source.length);
  source.copy(out);
  setBrokerFields(out, fields);
  return out;
}

/** withBrokerFields without the copy: patches `out` itself, for bytes nobody else reads or keeps. */
export function setBrokerFields(out: Buffer, fields: BrokerFields): void {
  out.writeBigInt64BE(fields.baseOffset, BatchField.baseOffset);
  out.writeInt32BE(fields.partitionLeaderEpoch, BatchField.partitionLeaderEpoch);
  if (fields.logAppendTime !== undefined) {
    const attributes = out.readInt16BE(BatchField.attributes);
    out.writeInt16BE(attributes | ATTR_LOG_APPEND_TIME, BatchField.attributes);
    out.writeBigInt64BE(fields.logAppendTime, BatchField.maxTimestamp);
    out.writeUInt32BE(crc32c(out, BatchField.attributes), BatchField.crc);
  }
}

/** The last offset a batch covers, from its header. */
export function lastOffsetOf(batch: BatchHeader): bigint {
  return batch.baseOffset + BigInt(batch.lastOffsetDelta);
}
