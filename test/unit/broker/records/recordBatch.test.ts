// Splitting and validating RecordBatch v2 buffers, and the broker-owned fields set on a copy.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { crc32c } from '../../../../broker/records/crc32c.js';
import {
  BatchField, Compression, CorruptBatchError, readBatchHeader, setBrokerFields, splitBatches, withBrokerFields,
} from '../../../../broker/records/recordBatch.js';
import { decodeRecords, encodeBatch } from '../../../../broker/records/records.js';

function twoRecords(timestamp = 1_000n): Buffer {
  return encodeBatch({ records: [{ key: 'a', value: '1', timestamp }, { key: 'b', value: '2', timestamp: timestamp + 5n }] });
}

test('splits concatenated batches into views with parsed headers', () => {
  const first = twoRecords();
  const second = encodeBatch({ records: [{ value: 'x' }], compression: Compression.Gzip, producerId: 7n, producerEpoch: 1, baseSequence: 3 });
  const all = Buffer.concat([first, second]);
  const batches = splitBatches(all);
  assert.equal(batches.length, 2);
  const [a, b] = batches as [ReturnType<typeof readBatchHeader>, ReturnType<typeof readBatchHeader>];
  assert.equal(a.bytes.buffer, all.buffer, 'a view, not a copy');
  assert.equal(a.bytes.length, first.length);
  assert.equal(a.recordCount, 2);
  assert.equal(a.lastOffsetDelta, 1);
  assert.equal(a.baseTimestamp, 1_000n);
  assert.equal(a.maxTimestamp, 1_005n);
  assert.equal(a.magic, 2);
  assert.equal(b.compression, Compression.Gzip);
  assert.equal(b.producerId, 7n);
  assert.equal(b.producerEpoch, 1);
  assert.equal(b.baseSequence, 3);
  assert.equal(splitBatches(Buffer.alloc(0)).length, 0);
});

test('a flipped byte anywhere in the CRC range is a CorruptBatchError', () => {
  const batch = twoRecords();
  for (let i = BatchField.attributes; i < batch.length; i++) {
    const bad = Buffer.from(batch);
    bad[i] = (bad[i]) ^ 0x01;
    assert.throws(() => splitBatches(bad), CorruptBatchError, `byte ${i}`);
  }
});

test('structural problems are CorruptBatchErrors with a clear message', () => {
  const batch = twoRecords();
  assert.throws(() => splitBatches(batch.subarray(0, batch.length - 1)), /runs past the end/);
  assert.throws(() => splitBatches(Buffer.concat([batch, batch.subarray(0, 20)])), /batch #1 at byte \d+: 20 bytes left/);
  const wrongMagic = Buffer.from(batch);
  wrongMagic.writeInt8(1, BatchField.magic);
  assert.throws(() => splitBatches(wrongMagic), /magic 1/);
  const tinyLength = Buffer.from(batch);
  tinyLength.writeInt32BE(10, BatchField.batchLength);
  assert.throws(() => splitBatches(tinyLength), /smaller than the header/);

  const recrc = (buf: Buffer): Buffer => {
    buf.writeUInt32BE(crc32c(buf, BatchField.attributes), BatchField.crc);
    return buf;
  };
  const wrongDelta = Buffer.from(batch);
  wrongDelta.writeInt32BE(5, BatchField.lastOffsetDelta);
  assert.throws(() => splitBatches(recrc(wrongDelta)), /lastOffsetDelta 5 does not match recordCount 2/);
  // A compacted batch copied from a leader may have gaps, so a replica accepts the same bytes.
  assert.equal(splitBatches(wrongDelta, 'replica').length, 1);
  const negativeCount = Buffer.from(batch);
  negativeCount.writeInt32BE(-1, BatchField.recordCount);
  assert.throws(() => splitBatches(recrc(negativeCount), 'replica'), /negative recordCount/);
  const hugeCount = Buffer.from(batch);
  hugeCount.writeInt32BE(1000, BatchField.recordCount);
  hugeCount.writeInt32BE(999, BatchField.lastOffsetDelta);
  assert.throws(() => splitBatches(recrc(hugeCount)), /cannot fit/);
  for (const err of [() => splitBatches(wrongMagic)]) {
    assert.throws(err, (e: unknown) => e instanceof CorruptBatchError && e.name === 'CorruptBatchError');
  }
});

test('withBrokerFields sets offset and epoch on a copy without touching the CRC', () => {
  const request = twoRecords();
  const before = Buffer.from(request);
  const [header] = splitBatches(request);
  const stored = withBrokerFields(header, { baseOffset: 42n, partitionLeaderEpoch: 3 });
  assert.deepEqual(request, before, 'the request buffer is not mutated');
  const parsed = readBatchHeader(stored);
  assert.equal(parsed.baseOffset, 42n);
  assert.equal(parsed.partitionLeaderEpoch, 3);
  assert.equal(parsed.crc, header.crc);
  assert.equal(splitBatches(stored).length, 1, 'still valid');
  assert.deepEqual(decodeRecords(stored).map((r) => r.offset), [42n, 43n]);
});

test('withBrokerFields under LogAppendTime sets the attribute bit, maxTimestamp and a new CRC', () => {
  const request = twoRecords(1_000n);
  const stored = withBrokerFields(request, { baseOffset: 0n, partitionLeaderEpoch: 0, logAppendTime: 9_999n });
  const parsed = readBatchHeader(stored);
  assert.equal(parsed.logAppendTime, true);
  assert.equal(parsed.maxTimestamp, 9_999n);
  assert.equal(parsed.baseTimestamp, 1_000n, 'Kafka leaves baseTimestamp as the producer set it');
  assert.notEqual(parsed.crc, readBatchHeader(request).crc);
  assert.equal(splitBatches(stored).length, 1, 'the new CRC is valid');
  assert.deepEqual(decodeRecords(stored).map((r) => r.timestamp), [9_999n, 9_999n]);
});

test('setBrokerFields patches the batch in place, byte for byte what withBrokerFields copies', () => {
  for (const fields of [{ baseOffset: 7n, partitionLeaderEpoch: 2 }, { baseOffset: 0n, partitionLeaderEpoch: 0, logAppendTime: 5_000n }]) {
    const request = twoRecords();
    const copied = withBrokerFields(request, fields);
    setBrokerFields(request, fields);
    assert.deepEqual(request, copied);
    assert.equal(splitBatches(request).length, 1, 'still valid');
  }
});
