// Sequence rules of idempotent producers on one partition, against Kafka's: duplicates, gaps, fencing.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readBatchHeader, type BatchHeader } from '../../../../broker/records/recordBatch.js';
import { encodeBatch } from '../../../../broker/records/records.js';
import { CACHED_BATCHES_PER_PRODUCER, ProducerStateTable } from '../../../../broker/log/producerState.js';

function batch(producerId: bigint, producerEpoch: number, baseSequence: number, count = 1): BatchHeader {
  const records = Array.from({ length: count }, (_, i) => ({ value: `v${baseSequence + i}` }));
  return readBatchHeader(encodeBatch({ records, producerId, producerEpoch, baseSequence }));
}

test('an unknown producer may start at any sequence (KIP-360), then must follow on', () => {
  const table = new ProducerStateTable();
  const first = batch(7n, 0, 42, 3);
  assert.equal(table.check(first).kind, 'append');
  table.record(first, 0n);
  assert.equal(table.check(batch(7n, 0, 45)).kind, 'append');
  const gap = table.check(batch(7n, 0, 46));
  assert.equal(gap.kind, 'outOfOrder');
});

test('a retried batch among the last five is a duplicate with its original offsets', () => {
  const table = new ProducerStateTable();
  for (let i = 0; i < 7; i++) table.record(batch(1n, 0, i * 2, 2), BigInt(100 + i * 2));
  const recent = table.check(batch(1n, 0, 12, 2));
  assert.equal(recent.kind, 'duplicate');
  assert.equal(recent.kind === 'duplicate' && recent.batch.firstOffset, 112n);
  assert.equal(recent.kind === 'duplicate' && recent.batch.lastOffset, 113n);
  assert.equal(table.describe(1n)?.batches.length, CACHED_BATCHES_PER_PRODUCER);
  // Older than the cache: Kafka can no longer tell, so it is out of sequence.
  assert.equal(table.check(batch(1n, 0, 0, 2)).kind, 'outOfOrder');
  // Same first sequence but a different extent is not the same batch.
  assert.equal(table.check(batch(1n, 0, 12, 1)).kind, 'outOfOrder');
});

test('an older epoch is fenced; a newer epoch must restart at sequence 0', () => {
  const table = new ProducerStateTable();
  table.record(batch(3n, 2, 0, 5), 0n);
  assert.equal(table.check(batch(3n, 1, 5)).kind, 'fenced');
  assert.equal(table.check(batch(3n, 3, 5)).kind, 'outOfOrder');
  assert.equal(table.check(batch(3n, 3, 0)).kind, 'append');
  table.record(batch(3n, 3, 0), 5n);
  assert.deepEqual(table.describe(3n)?.epoch, 3);
  assert.equal(table.describe(3n)?.batches.length, 1);
});

test('batches of one request chain through the pending map', () => {
  const table = new ProducerStateTable();
  table.record(batch(9n, 0, 0, 2), 0n);
  const pending = new Map([[9n, { epoch: 0, lastSeq: 3 }]]);
  assert.equal(table.check(batch(9n, 0, 4), pending).kind, 'append');
  assert.equal(table.check(batch(9n, 0, 2), pending).kind, 'outOfOrder');
});

test('sequences wrap from Int32 max to 0', () => {
  const table = new ProducerStateTable();
  table.record(batch(5n, 0, 0x7ffffffe, 2), 0n);
  assert.equal(table.check(batch(5n, 0, 0)).kind, 'append');
});

test('dropBelow forgets producers whose batches all left the log', () => {
  const table = new ProducerStateTable();
  table.record(batch(1n, 0, 0), 0n);
  table.record(batch(2n, 0, 0), 1n);
  table.dropBelow(1n);
  assert.equal(table.describe(1n), undefined);
  assert.ok(table.describe(2n));
});
