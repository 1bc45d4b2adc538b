// The spare segment buffer: handed out when large enough (zeroed on request), the larger one kept.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { SegmentBufferPool } from '../../../../broker/storage/segmentBufferPool.js';

test('a buffer given back is handed out again, zeroed when asked', () => {
  const pool = new SegmentBufferPool();
  const first = pool.take(1000, true);
  assert.ok(first.byteLength >= 1000);
  new Uint8Array(first).fill(7);
  pool.give(first);
  assert.equal(pool.spareBytes, first.byteLength);
  const again = pool.take(900, true);
  assert.equal(again, first);
  assert.equal(pool.spareBytes, 0);
  assert.ok(new Uint8Array(again, 0, 900).every((b) => b === 0), 'the requested bytes read as zeros');
  pool.give(again);
  const unzeroed = pool.take(900, false);
  assert.equal(unzeroed, first, 'a file read need not pay for zeroing');
});

test('a spare too small stays for later; the larger of two is kept', () => {
  const pool = new SegmentBufferPool();
  const small = pool.take(10, false);
  pool.give(small);
  const big = pool.take(small.byteLength + 1, false);
  assert.notEqual(big, small);
  assert.equal(pool.spareBytes, small.byteLength, 'the small spare was not dropped');
  pool.give(big);
  assert.equal(pool.spareBytes, big.byteLength);
  pool.give(small);
  assert.equal(pool.spareBytes, big.byteLength);
});
