import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TailBuffer } from '../../../webview/tailBuffer.js';
import type { TailRecord } from '../../../webview/protocol.js';
import { mulberry32, randomInt, seedFromEnv } from '../../support/seededRandom.js';

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

  it('adds the records the host let go (droppedBefore) to the dropped count, until cleared', () => {
    const buffer = new TailBuffer(5);
    buffer.add(records(0, 2));
    const change = buffer.add(records(10, 4), 8);
    assert.equal(change.dropped, 1, 'the change still reports only what this buffer dropped');
    assert.equal(buffer.dropped, 9);
    assert.equal(buffer.size + buffer.dropped, 2 + 8 + 4, 'held + dropped = everything read');
    assert.deepEqual(buffer.records().map((r) => r.offset), ['13', '12', '11', '10', '1']);
    assert.throws(() => buffer.add(records(20, 1), -1), RangeError);
    assert.throws(() => buffer.add(records(20, 1), 1.5), RangeError);
    buffer.clear();
    assert.equal(buffer.dropped, 0);
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

  it('matches a plain model over random arrivals, filters and clears (held, visible, dropped, changes)', () => {
    const seed = seedFromEnv('TAIL_BUFFER_SEED', 'TailBuffer model');
    const random = mulberry32(seed);
    const capacity = 1 + randomInt(random, 40);
    const buffer = new TailBuffer(capacity);
    let model: TailRecord[] = [];
    let dropped = 0;
    let predicate = (_r: TailRecord): boolean => true;
    let next = 0;
    for (let step = 0; step < 2_000; step++) {
      const action = randomInt(random, 20);
      if (action === 0) {
        const modulus = 1 + randomInt(random, 4);
        predicate = (r) => Number(r.offset) % modulus === 0;
        buffer.setFilter(predicate);
      } else if (action === 1) {
        buffer.clear();
        model = [];
        dropped = 0;
      } else {
        const arrival = records(next, randomInt(random, capacity * 3));
        next += arrival.length;
        const visibleBefore = model.filter(predicate);
        const change = buffer.add(arrival);
        model = [...model, ...arrival];
        const overflow = Math.max(0, model.length - capacity);
        const cut = new Set(model.slice(0, overflow));
        model = model.slice(overflow);
        dropped += overflow;
        assert.equal(change.dropped, overflow, `seed ${seed} step ${step}`);
        assert.equal(change.removedFromEnd, visibleBefore.filter((r) => cut.has(r)).length, `seed ${seed} step ${step}`);
        assert.deepEqual(change.added, arrival.filter((r) => predicate(r) && !cut.has(r)).reverse(), `seed ${seed} step ${step}`);
      }
      const visible = model.filter(predicate).reverse();
      assert.equal(buffer.size, model.length, `seed ${seed} step ${step}`);
      assert.equal(buffer.dropped, dropped, `seed ${seed} step ${step}`);
      assert.equal(buffer.visibleCount, visible.length, `seed ${seed} step ${step}`);
      assert.deepEqual(buffer.visible(), visible, `seed ${seed} step ${step}`);
      assert.deepEqual(buffer.records(), [...model].reverse(), `seed ${seed} step ${step}`);
      const index = randomInt(random, visible.length + 2) - 1;
      assert.equal(buffer.visibleAt(index), visible[index], `seed ${seed} step ${step} index ${index}`);
    }
  });

  it('trims in O(1) amortised: a million records through a full buffer copy each one at most a few times', () => {
    const buffer = new TailBuffer(10_000);
    let copied = 0;
    const originalSlice = Array.prototype.slice;
    // Counts the elements the buffer copies when it compacts (its only bulk copy).
    Array.prototype.slice = function (this: unknown[], ...args: [number?, number?]) {
      const result = originalSlice.apply(this, args) as unknown[];
      copied += result.length;
      return result;
    };
    try {
      for (let batch = 0; batch < 1_000; batch++) {
        buffer.add(records(batch * 1_000, 1_000));
      }
    } finally {
      Array.prototype.slice = originalSlice;
    }
    assert.equal(buffer.size, 10_000);
    assert.equal(buffer.dropped, 990_000);
    assert.ok(copied < 3 * 1_000_000, `copied ${copied} elements for 1,000,000 records`);
  });
});

