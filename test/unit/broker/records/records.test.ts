// encodeBatch -> decodeRecords round trips: keys, values, nulls, headers, timestamps, every codec.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { BatchField, Compression, CorruptBatchError, splitBatches } from '../../../../broker/records/recordBatch.js';
import { crc32c } from '../../../../broker/records/crc32c.js';
import { decodeRecords, encodeBatch, varlongBytes } from '../../../../broker/records/records.js';
import { mulberry32, randomInt, seedFromEnv } from '../../../support/seededRandom.js';

const codecs = [Compression.None, Compression.Gzip, Compression.Snappy, Compression.Lz4, Compression.Zstd];

test('round trip with headers, null key/value and out-of-order timestamps for every codec', () => {
  const records = [
    { key: Buffer.from('k1'), value: Buffer.from('v1'), headers: [{ key: 'trace', value: Buffer.from('abc') }, { key: 'nil', value: null }], timestamp: 1_700_000_000_000n },
    { key: null, value: Buffer.alloc(5000, 7), headers: [], timestamp: 1_699_999_999_000n },
    { key: Buffer.from('k3'), value: null, headers: [{ key: 'ünï', value: Buffer.alloc(0) }], timestamp: 1_700_000_000_500n },
  ];
  for (const compression of codecs) {
    const bytes = encodeBatch({ baseOffset: 100n, records, compression });
    const [header] = splitBatches(bytes);
    assert.equal(header.compression, compression);
    assert.equal(header.maxTimestamp, 1_700_000_000_500n);
    const decoded = decodeRecords(bytes);
    assert.deepEqual(
      decoded,
      records.map((r, i) => ({ offset: 100n + BigInt(i), timestamp: r.timestamp, key: r.key, value: r.value, headers: r.headers })),
      `codec ${compression}`,
    );
  }
});

test('an empty key and an empty value stay empty, not null', () => {
  const [record] = decodeRecords(encodeBatch({ records: [{ key: '', value: '' }] }));
  assert.deepEqual(record.key, Buffer.alloc(0));
  assert.deepEqual(record.value, Buffer.alloc(0));
});

test('varlong zigzag encoding matches Kafka for edge values', () => {
  assert.deepEqual(varlongBytes(0n), Buffer.from([0]));
  assert.deepEqual(varlongBytes(-1n), Buffer.from([1]));
  assert.deepEqual(varlongBytes(1n), Buffer.from([2]));
  assert.deepEqual(varlongBytes(-64n), Buffer.from([0x7f]));
  assert.deepEqual(varlongBytes(64n), Buffer.from([0x80, 0x01]));
  assert.equal(varlongBytes(-(2n ** 63n)).length, 10);
});

test('a record count that disagrees with the content is a CorruptBatchError', () => {
  const bytes = encodeBatch({ records: [{ value: 'a' }, { value: 'b' }] });
  const lying = Buffer.from(bytes);
  lying.writeInt32BE(1, BatchField.recordCount);
  lying.writeInt32BE(0, BatchField.lastOffsetDelta);
  lying.writeUInt32BE(crc32c(lying, BatchField.attributes), BatchField.crc);
  assert.equal(splitBatches(lying).length, 1, 'the header alone looks fine');
  assert.throws(() => decodeRecords(lying), CorruptBatchError);
});

test('random batches round-trip (seed in RECORDS_SEED)', () => {
  const seed = seedFromEnv('RECORDS_SEED', 'records round-trip');
  const random = mulberry32(seed);
  const rand = (n: number): number => randomInt(random, n);
  const bytesOf = (n: number): Buffer | null => (n === 0 ? null : Buffer.from(Array.from({ length: n - 1 }, () => rand(256))));
  for (let round = 0; round < 50; round++) {
    const records = Array.from({ length: 1 + rand(20) }, () => ({
      key: bytesOf(rand(40)),
      value: bytesOf(rand(3000)),
      headers: Array.from({ length: rand(3) }, (_, h) => ({ key: `h${h}`, value: bytesOf(rand(10)) })),
      timestamp: 1_000_000n + BigInt(rand(100_000)),
    }));
    const compression = codecs[rand(codecs.length)];
    const baseOffset = BigInt(rand(1_000_000));
    const decoded = decodeRecords(encodeBatch({ baseOffset, records, compression }));
    assert.deepEqual(
      decoded,
      records.map((r, i) => ({ ...r, offset: baseOffset + BigInt(i) })),
      `round ${round} with RECORDS_SEED=${seed}`,
    );
  }
});
