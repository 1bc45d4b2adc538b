import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FrameError, FrameReader } from '../../../../broker/server/frameReader.js';

function frame(body: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  return Buffer.concat([size, body]);
}

test('frames split across chunks and several frames in one chunk', () => {
  const reader = new FrameReader(1024);
  const a = frame(Buffer.from('hello'));
  const b = frame(Buffer.from('world!'));
  const all = Buffer.concat([a, b]);
  assert.deepEqual(reader.push(all.subarray(0, 3)), []);
  assert.deepEqual(reader.push(all.subarray(3, 7)), []);
  const out = reader.push(all.subarray(7));
  assert.deepEqual(out.map((f) => f.toString()), ['hello', 'world!']);
  assert.equal(reader.pending, 0);
});

test('an oversized declared size is refused before the body is read', () => {
  const reader = new FrameReader(100);
  const header = Buffer.alloc(4);
  header.writeInt32BE(101);
  assert.throws(() => reader.push(header), (err: unknown) => err instanceof FrameError && /exceeds socket.request.max.bytes \(100\)/.test(err.message));
});

test('a negative size is refused', () => {
  const reader = new FrameReader(100);
  assert.throws(() => reader.push(Buffer.from([0xff, 0xff, 0xff, 0xf0])), /negative frame size/);
});
