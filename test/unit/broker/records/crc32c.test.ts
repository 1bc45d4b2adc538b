// CRC32C against published check values, and the slicing-by-16 path against a bytewise reference.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { crc32c } from '../../../../broker/records/crc32c.js';
import { mulberry32, randomInt, seedFromEnv } from '../../../support/seededRandom.js';

function bytewiseCrc32c(buf: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of buf) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

test('known vectors', () => {
  assert.equal(crc32c(Buffer.from('123456789')), 0xe3069283);
  assert.equal(crc32c(Buffer.alloc(0)), 0);
  assert.equal(crc32c(Buffer.alloc(32, 0)), 0x8a9136aa); // RFC 3720 B.4: 32 bytes of zeros
  assert.equal(crc32c(Buffer.alloc(32, 0xff)), 0x62a8ab43); // RFC 3720 B.4: 32 bytes of 0xff
});

test('a sub-range equals the CRC of the copied range', () => {
  const buf = Buffer.from('xx123456789yy');
  assert.equal(crc32c(buf, 2, 11), 0xe3069283);
  assert.throws(() => crc32c(buf, 5, 100), RangeError);
});

test('matches a bytewise reference on every length and alignment up to 64', () => {
  const random = mulberry32(seedFromEnv('CRC_SEED', 'crc32c reference'));
  const next = (): number => randomInt(random, 256);
  const data = Buffer.from(Array.from({ length: 80 }, next));
  for (let start = 0; start < 16; start++) {
    for (let end = start; end <= start + 64; end++) {
      assert.equal(crc32c(data, start, end), bytewiseCrc32c(data.subarray(start, end)), `range [${start}, ${end})`);
    }
  }
});
