import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Reader } from '../../../../broker/protocol/reader.js';
import { Writer } from '../../../../broker/protocol/writer.js';

test('fixed-size writes that cross the scratch buffer boundary stay in order', () => {
  // Regression: a write that made the writer start a new scratch buffer used to land in the old one.
  for (const initial of [1, 3, 7, 16]) {
    const w = new Writer(initial);
    for (let i = 0; i < 200; i++) w.int8(i % 100).int16(i).int32(i * 1000).int64(BigInt(i) * 1_000_000_007n).unsignedVarint(i * 300);
    const r = new Reader(w.toBuffer());
    for (let i = 0; i < 200; i++) {
      assert.equal(r.int8(), i % 100);
      assert.equal(r.int16(), i);
      assert.equal(r.int32(), i * 1000);
      assert.equal(r.int64(), BigInt(i) * 1_000_000_007n);
      assert.equal(r.unsignedVarint(), i * 300);
    }
    assert.equal(r.remaining, 0);
  }
});

test('nested writers copied in with rawList keep the outer bytes intact', () => {
  const w = new Writer();
  w.int32(0x11223344);
  for (let i = 0; i < 100; i++) {
    const body = new Writer();
    body.int64(BigInt(i)).int32(i);
    w.unsignedVarint(i).unsignedVarint(body.length).rawList(body.toChunks());
  }
  const out = w.toBuffer();
  assert.equal(out.readInt32BE(0), 0x11223344);
  const r = new Reader(out, 4);
  for (let i = 0; i < 100; i++) {
    assert.equal(r.unsignedVarint(), i);
    assert.equal(r.unsignedVarint(), 12);
    assert.equal(r.int64(), BigInt(i));
    assert.equal(r.int32(), i);
  }
});
