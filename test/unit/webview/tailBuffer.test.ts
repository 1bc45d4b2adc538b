import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TailBuffer } from '../../../webview/tailBuffer.js';
import type { TailRecord } from '../../../webview/protocol.js';

function records(from: number, count: number): TailRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    partition: 0,
    offset: String(from + i),
    timestamp: '0',
    key: null,
    value: `v${from + i}`,
    headers: [],
  }));
}

describe('TailBuffer', () => {
  it('keeps records newest first', () => {
    const buffer = new TailBuffer(10);
    const change = buffer.add(records(0, 3));
    assert.deepEqual(change.added.map((r) => r.offset), ['2', '1', '0']);
    assert.equal(change.removedFromEnd, 0);
    assert.deepEqual(buffer.records().map((r) => r.offset), ['2', '1', '0']);
  });

  it('drops the oldest rows beyond capacity and says how many to remove', () => {
    const buffer = new TailBuffer(4);
    buffer.add(records(0, 3));
    const change = buffer.add(records(3, 2));
    assert.equal(change.removedFromEnd, 1);
    assert.deepEqual(buffer.records().map((r) => r.offset), ['4', '3', '2', '1']);
  });

  it('keeps only the newest records of an oversized arrival', () => {
    const buffer = new TailBuffer(3);
    buffer.add(records(0, 2));
    const change = buffer.add(records(2, 5));
    assert.deepEqual(change.added.map((r) => r.offset), ['6', '5', '4']);
    assert.equal(change.removedFromEnd, 2);
    assert.equal(buffer.size, 3);
  });

  it('clears, and rejects a capacity below one', () => {
    const buffer = new TailBuffer(2);
    buffer.add(records(0, 2));
    buffer.clear();
    assert.equal(buffer.size, 0);
    assert.throws(() => new TailBuffer(0), RangeError);
  });

  it('filters: visible records are the matching ones, newest first, and a new filter re-applies to all held', () => {
    const buffer = new TailBuffer(100);
    buffer.setFilter((r) => Number(r.offset) % 2 === 0);
    const change = buffer.add(records(0, 6));
    assert.deepEqual(change.added.map((r) => r.offset), ['4', '2', '0']);
    assert.equal(buffer.visibleCount, 3);
    assert.equal(buffer.visibleAt(0)?.offset, '4');
    assert.equal(buffer.setFilter(() => true), 6);
    assert.deepEqual(buffer.visible().map((r) => r.offset), ['5', '4', '3', '2', '1', '0']);
  });

  it('counts records dropped for capacity until cleared, and holds 10,000 by default', () => {
    const buffer = new TailBuffer(5);
    buffer.add(records(0, 4));
    const change = buffer.add(records(4, 4));
    assert.equal(change.dropped, 3);
    assert.equal(buffer.dropped, 3);
    buffer.add(records(8, 1));
    assert.equal(buffer.dropped, 4);
    buffer.clear();
    assert.equal(buffer.dropped, 0);
    assert.equal(new TailBuffer().capacity, 10_000);
  });

  it('keeps up with 10,000 records a second arriving in 100 ms batches (size stays bounded)', () => {
    const buffer = new TailBuffer();
    buffer.setFilter((r) => r.value !== 'never');
    for (let batch = 0; batch < 50; batch++) {
      buffer.add(records(batch * 1000, 1000));
    }
    assert.equal(buffer.size, 10_000);
    assert.equal(buffer.visibleCount, 10_000);
    assert.equal(buffer.dropped, 40_000);
    assert.equal(buffer.visibleAt(0)?.offset, '49999');
  });
});
