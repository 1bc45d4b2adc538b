// Re-encodes a record batch keeping only some of its records, for compaction: offsets, timestamps,
// producer fields, leader epoch and compression stay as they were; removed records leave offset gaps.

import { compress } from '../records/compression.js';
import { crc32c } from '../records/crc32c.js';
import { ATTR_LOG_APPEND_TIME, BATCH_HEADER_SIZE, BATCH_LOG_OVERHEAD, BatchField, type BatchHeader } from '../records/recordBatch.js';
import { varlongBytes, type DecodedRecord } from '../records/records.js';

function bytesField(value: Buffer | null): Buffer[] {
  return value === null ? [varlongBytes(-1n)] : [varlongBytes(BigInt(value.length)), value];
}

function encodeKeptRecord(record: DecodedRecord, header: BatchHeader): Buffer {
  // Under LogAppendTime the decoded timestamp is the batch's; the deltas no longer matter to readers.
  const timestampDelta = header.logAppendTime ? 0n : record.timestamp - header.baseTimestamp;
  const parts: Buffer[] = [
    Buffer.from([0]),
    varlongBytes(timestampDelta),
    varlongBytes(record.offset - header.baseOffset),
    ...bytesField(record.key),
    ...bytesField(record.value),
    varlongBytes(BigInt(record.headers.length)),
  ];
  for (const h of record.headers) parts.push(...bytesField(Buffer.from(h.key, 'utf8')), ...bytesField(h.value));
  const body = Buffer.concat(parts);
  return Buffer.concat([varlongBytes(BigInt(body.length)), body]);
}

/**
 * The batch with only `kept` (a non-empty subset of its records, in order). lastOffsetDelta is kept, as
 * Kafka's cleaner does, so the batch still ends where it did and producer sequences stay consistent.
 */
export function batchWithRecords(header: BatchHeader, kept: readonly DecodedRecord[]): Buffer {
  const body = compress(header.compression, Buffer.concat(kept.map((r) => encodeKeptRecord(r, header))));
  const out = Buffer.alloc(BATCH_HEADER_SIZE + body.length);
  header.bytes.copy(out, 0, 0, BATCH_HEADER_SIZE);
  out.writeInt32BE(out.length - BATCH_LOG_OVERHEAD, BatchField.batchLength);
  if (!(header.attributes & ATTR_LOG_APPEND_TIME)) {
    const max = kept.reduce((m, r) => (r.timestamp > m ? r.timestamp : m), kept[0]?.timestamp ?? header.maxTimestamp);
    out.writeBigInt64BE(max, BatchField.maxTimestamp);
  }
  out.writeInt32BE(kept.length, BatchField.recordCount);
  body.copy(out, BATCH_HEADER_SIZE);
  out.writeUInt32BE(crc32c(out, BatchField.attributes), BatchField.crc);
  return out;
}
