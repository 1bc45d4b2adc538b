import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TailCursor, type FetchedBatch, type FetchedRecord } from '../../../../extension/tail/tailCursor.js';

function record(offsetDelta: number, value: string, headers: FetchedRecord['headers'] = []): FetchedRecord {
  return { offsetDelta, timestampDelta: BigInt(offsetDelta), key: Buffer.from(`k${offsetDelta}`), value: Buffer.from(value), headers };
}

function batch(firstOffset: bigint, values: string[], attributes = 0): FetchedBatch {
  return {
    firstOffset,
    firstTimestamp: 1_700_000_000_000n,
    lastOffsetDelta: values.length - 1,
    attributes,
    records: values.map((value, index) => record(index, value)),
  };
}

describe('TailCursor', () => {
  it('returns records from the requested offset on and advances past them', () => {
    const cursor = new TailCursor();
    cursor.startAt(0, 10n);
    const fresh = cursor.accept(0, [batch(10n, ['a', 'b'])]);
    assert.deepEqual(fresh.map((r) => [r.offset, r.value, r.key, r.timestamp]), [
      ['10', 'a', 'k0', '1700000000000'],
      ['11', 'b', 'k1', '1700000000001'],
    ]);
    assert.equal(cursor.nextOffset(0), 12n);
  });

  it('skips the part of a batch before the requested offset', () => {
    const cursor = new TailCursor();
    cursor.startAt(2, 11n);
    const fresh = cursor.accept(2, [batch(10n, ['a', 'b', 'c'])]);
    assert.deepEqual(fresh.map((r) => [r.partition, r.offset]), [
      [2, '11'],
      [2, '12'],
    ]);
  });

  it('steps over control batches without showing them', () => {
    const cursor = new TailCursor();
    cursor.startAt(0, 5n);
    const fresh = cursor.accept(0, [batch(5n, ['marker'], 0x20), batch(6n, ['x'])]);
    assert.deepEqual(fresh.map((r) => r.offset), ['6']);
    assert.equal(cursor.nextOffset(0), 7n);
  });

  it('moves past a batch whose last records were compacted away', () => {
    const cursor = new TailCursor();
    cursor.startAt(0, 0n);
    const compacted: FetchedBatch = { ...batch(0n, ['a']), lastOffsetDelta: 4 };
    cursor.accept(0, [compacted]);
    assert.equal(cursor.nextOffset(0), 5n);
  });

  it('keeps headers, null values and partitions apart', () => {
    const cursor = new TailCursor();
    cursor.startAt(0, 0n);
    cursor.startAt(1, 0n);
    const withHeaders: FetchedBatch = {
      ...batch(0n, ['v']),
      records: [{ ...record(0, 'v', [[Buffer.from('h'), Buffer.from('1')], [Buffer.from('n'), null]]), value: null }],
    };
    const [shown] = cursor.accept(1, [withHeaders]);
    assert.deepEqual(shown?.headers, [
      ['h', '1'],
      ['n', null],
    ]);
    assert.equal(shown?.value, null);
    assert.equal(cursor.nextOffset(0), 0n);
    assert.deepEqual(cursor.partitions(), [0, 1]);
  });

  it('refuses partitions it was not told to tail', () => {
    assert.throws(() => new TailCursor().nextOffset(3), /not tailed/);
  });
});
