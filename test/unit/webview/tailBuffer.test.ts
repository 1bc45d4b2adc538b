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
});
