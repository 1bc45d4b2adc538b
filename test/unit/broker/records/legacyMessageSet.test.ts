// Legacy message sets (magic 0 and 1) built by hand and by the encoder, up-converted to RecordBatch v2
// and read back with the project's record decoder; bad CRCs, framing and codecs are refused.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import * as snappy from 'snappyjs';
import * as lz4 from 'lz4js';
import {
  crc32, encodeLegacyMessageSet, isLegacyMessageSet, NO_TIMESTAMP, readLegacyMessages, upConvertMessageSet,
  UnsupportedLegacyCompressionError,
} from '../../../../broker/records/legacyMessageSet.js';
import { Compression, CorruptBatchError, splitBatches } from '../../../../broker/records/recordBatch.js';
import { decodeRecords, encodeBatch } from '../../../../broker/records/records.js';

const text = (b: Buffer | null): string | null => (b === null ? null : b.toString('utf8'));

/** One message framed byte by byte, its CRC from Node's own CRC-32 (an implementation independent of ours). */
function handMessage(offset: bigint, magic: number, attributes: number, timestamp: bigint | null, key: Buffer | null, value: Buffer | null): Buffer {
  const int32 = (n: number): Buffer => { const b = Buffer.alloc(4); b.writeInt32BE(n); return b; };
  const parts: Buffer[] = [Buffer.from([magic, attributes])];
  if (timestamp !== null) { const t = Buffer.alloc(8); t.writeBigInt64BE(timestamp); parts.push(t); }
  for (const field of [key, value]) parts.push(field === null ? int32(-1) : Buffer.concat([int32(field.length), field]));
  const afterCrc = Buffer.concat(parts);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(afterCrc));
  const head = Buffer.alloc(12);
  head.writeBigInt64BE(offset);
  head.writeInt32BE(4 + afterCrc.length, 8);
  return Buffer.concat([head, crc, afterCrc]);
}

function onlyBatch(records: Buffer): ReturnType<typeof splitBatches>[number] {
  const batches = splitBatches(records);
  assert.equal(batches.length, 1);
  const [batch] = batches;
  assert.ok(batch);
  return batch;
}

test('crc32 is CRC-32 IEEE (check value of "123456789")', () => {
  assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
  const data = Buffer.from('legacy messages use the other CRC');
  assert.equal(crc32(data), zlib.crc32(data));
});

test('a hand-framed magic 0 set becomes one uncompressed v2 batch with NO_TIMESTAMP records', () => {
  const set = Buffer.concat([
    handMessage(0n, 0, 0, null, null, Buffer.from('first')),
    handMessage(1n, 0, 0, null, Buffer.from('k2'), Buffer.from('second')),
    handMessage(2n, 0, 0, null, Buffer.from('k3'), null),
  ]);
  assert.ok(isLegacyMessageSet(set));
  const batch = onlyBatch(upConvertMessageSet(set));
  assert.equal(batch.magic, 2);
  assert.equal(batch.compression, Compression.None);
  assert.equal(batch.recordCount, 3);
  assert.equal(batch.producerId, -1n);
  assert.equal(batch.maxTimestamp, NO_TIMESTAMP);
  const records = decodeRecords(batch);
  assert.deepEqual(records.map((r) => [text(r.key), text(r.value)]), [[null, 'first'], ['k2', 'second'], ['k3', null]]);
  assert.deepEqual(records.map((r) => r.offset), [0n, 1n, 2n]);
  assert.ok(records.every((r) => r.timestamp === NO_TIMESTAMP && r.headers.length === 0));
});

test('a hand-framed magic 1 set keeps its timestamps; the encoder frames the same bytes', () => {
  const set = Buffer.concat([
    handMessage(0n, 1, 0, 1_700_000_000_500n, Buffer.from('a'), Buffer.from('one')),
    handMessage(1n, 1, 0, 1_700_000_000_100n, null, Buffer.from('two')),
  ]);
  const encoded = encodeLegacyMessageSet({ magic: 1, messages: [
    { key: 'a', value: 'one', timestamp: 1_700_000_000_500n },
    { value: 'two', timestamp: 1_700_000_000_100n },
  ] });
  assert.equal(encoded.toString('hex'), set.toString('hex'));
  const batch = onlyBatch(upConvertMessageSet(set));
  assert.equal(batch.maxTimestamp, 1_700_000_000_500n);
  assert.deepEqual(decodeRecords(batch).map((r) => [r.timestamp, text(r.value)]), [[1_700_000_000_500n, 'one'], [1_700_000_000_100n, 'two']]);
});

test('compressed wrappers (gzip, snappy, lz4; magic 0 and 1) become a v2 batch compressed with the same codec', () => {
  const values = Array.from({ length: 50 }, (_, i) => `value-${i}-${'xyz'.repeat(10)}`);
  for (const magic of [0, 1] as const) {
    for (const codec of [Compression.Gzip, Compression.Snappy, Compression.Lz4]) {
      const set = encodeLegacyMessageSet({ magic, compression: codec, messages: values.map((value, i) => ({ key: `k${i}`, value, timestamp: 1000n + BigInt(i) })) });
      const top = readLegacyMessages(set);
      assert.equal(top.length, 1, 'one wrapper');
      assert.equal(top[0]?.compression, codec);
      const batch = onlyBatch(upConvertMessageSet(set));
      assert.equal(batch.compression, codec, `magic ${magic} codec ${codec}`);
      const records = decodeRecords(batch);
      assert.deepEqual(records.map((r) => text(r.value)), values);
      assert.deepEqual(records.map((r) => text(r.key)), values.map((_, i) => `k${i}`));
      assert.deepEqual(records.map((r) => r.timestamp), values.map((_, i) => (magic === 1 ? 1000n + BigInt(i) : NO_TIMESTAMP)));
    }
  }
});

test('raw (librdkafka) snappy and lz4 with a magic 0 "broken" header checksum are accepted', () => {
  const inner = encodeLegacyMessageSet({ magic: 0, messages: [{ value: 'alpha' }, { value: 'beta' }] });
  const rawSnappy = Buffer.from(snappy.compress(inner));
  const lz4Frame = Buffer.from(lz4.compress(inner));
  // Old Kafka computed the frame header checksum over the magic too: any value there must be accepted.
  const hcAt = 4 + 2 + ((lz4Frame[4] ?? 0) & 0x08 ? 8 : 0);
  lz4Frame[hcAt] = ((lz4Frame[hcAt] ?? 0) ^ 0x5a) & 0xff;
  for (const [codec, payload] of [[Compression.Snappy, rawSnappy], [Compression.Lz4, lz4Frame]] as const) {
    const set = handMessage(1n, 0, codec, null, null, payload);
    const batch = onlyBatch(upConvertMessageSet(set));
    assert.equal(batch.compression, codec);
    assert.deepEqual(decodeRecords(batch).map((r) => text(r.value)), ['alpha', 'beta']);
  }
});

test('a plain message followed by a compressed wrapper keeps order and takes the wrapper\'s codec', () => {
  const set = Buffer.concat([
    encodeLegacyMessageSet({ magic: 1, messages: [{ value: 'plain' }] }),
    encodeLegacyMessageSet({ magic: 1, compression: Compression.Gzip, messages: [{ value: 'in-1' }, { value: 'in-2' }] }),
  ]);
  const batch = onlyBatch(upConvertMessageSet(set));
  assert.equal(batch.compression, Compression.Gzip);
  assert.deepEqual(decodeRecords(batch).map((r) => text(r.value)), ['plain', 'in-1', 'in-2']);
});

test('a bad CRC, in a top-level or an inner message, is refused as corrupt', () => {
  const set = encodeLegacyMessageSet({ magic: 1, messages: [{ value: 'one' }, { value: 'two' }] });
  const flipped = Buffer.from(set);
  flipped[flipped.length - 1] ^= 0x01;
  assert.throws(() => upConvertMessageSet(flipped), (e: unknown) => e instanceof CorruptBatchError && /CRC mismatch/.test(e.message));

  const badInner = Buffer.from(set);
  badInner[badInner.length - 1] ^= 0x01;
  const wrapper = handMessage(1n, 1, Compression.Gzip, 0n, null, zlib.gzipSync(badInner));
  assert.throws(() => upConvertMessageSet(wrapper), (e: unknown) => e instanceof CorruptBatchError && /CRC mismatch/.test(e.message));
});

test('malformed sets are refused: truncated, empty, nested compression, inner magic mismatch, v2 batches', () => {
  const set = encodeLegacyMessageSet({ magic: 0, messages: [{ value: 'one' }, { value: 'two' }] });
  assert.throws(() => upConvertMessageSet(set.subarray(0, set.length - 3)), CorruptBatchError);
  assert.throws(() => upConvertMessageSet(Buffer.alloc(0)), CorruptBatchError);

  const wrapped = encodeLegacyMessageSet({ magic: 0, compression: Compression.Gzip, messages: [{ value: 'x' }] });
  assert.throws(() => upConvertMessageSet(handMessage(0n, 0, Compression.Gzip, null, null, zlib.gzipSync(wrapped))), /nested compression/);

  const magic0Inner = encodeLegacyMessageSet({ magic: 0, messages: [{ value: 'x' }] });
  assert.throws(() => upConvertMessageSet(handMessage(0n, 1, Compression.Gzip, 5n, null, zlib.gzipSync(magic0Inner))), /inner magic 0/);

  assert.throws(() => upConvertMessageSet(handMessage(0n, 0, Compression.Gzip, null, null, Buffer.from('not gzip'))), CorruptBatchError);

  const v2 = encodeBatch({ records: [{ value: 'v2' }] });
  assert.equal(isLegacyMessageSet(v2), false);
  assert.throws(() => upConvertMessageSet(v2), CorruptBatchError);
});

test('zstd (codec 4) in a legacy message is refused as an unsupported compression type', () => {
  const set = encodeLegacyMessageSet({ magic: 1, compression: Compression.Zstd, messages: [{ value: 'z' }] });
  assert.throws(() => upConvertMessageSet(set), UnsupportedLegacyCompressionError);
});
