// The LZ4 frame decoder on hand-made frames: linked blocks, overlapping matches, checksummed
// blocks, stored blocks, and the malformed inputs it must refuse instead of reading out of bounds.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as lz4 from 'lz4js';
import { Lz4FormatError, decodeLz4Frames } from '../../../../broker/records/lz4Frame.js';

function frame(flags: number, blocks: Buffer[], trailer: Buffer = Buffer.alloc(0)): Buffer {
  const parts: Buffer[] = [Buffer.from([0x04, 0x22, 0x4d, 0x18, flags, 0x40, 0x00])];
  for (const block of blocks) parts.push(block);
  parts.push(Buffer.alloc(4), trailer);
  return Buffer.concat(parts);
}

function sized(data: number[], stored = false): Buffer {
  const size = Buffer.alloc(4);
  size.writeUInt32LE((data.length | (stored ? 0x80000000 : 0)) >>> 0);
  return Buffer.concat([size, Buffer.from(data)]);
}

test('a linked second block copies from the first; a match may overlap its own output', () => {
  const first = sized([0x40, ...Buffer.from('abcd')]);
  const second = sized([0x04, 0x04, 0x00, 0x10, ...Buffer.from('z')]);
  assert.equal(decodeLz4Frames(frame(0x40, [first, second])).toString(), 'abcdabcdabcdz');
  const repeat = sized([0x1f, ...Buffer.from('x'), 0x01, 0x00, 0x05, 0x00]); // 1 literal, then a 24-byte match at offset 1
  assert.equal(decodeLz4Frames(frame(0x60, [repeat])).toString(), 'x'.repeat(25));
});

test('stored blocks, block checksums, content checksum and content size are honoured', () => {
  const withChecksum = Buffer.concat([sized([...Buffer.from('hello')], true), Buffer.from([1, 2, 3, 4])]);
  const flags = 0x40 | 0x10 | 0x04;
  assert.equal(decodeLz4Frames(frame(flags, [withChecksum], Buffer.from([9, 9, 9, 9]))).toString(), 'hello');
  const sizedFrame = Buffer.concat([
    Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x48, 0x40]), Buffer.from([5, 0, 0, 0, 0, 0, 0, 0]), Buffer.from([0]),
    sized([...Buffer.from('world')], true), Buffer.alloc(4),
  ]);
  assert.equal(decodeLz4Frames(sizedFrame).toString(), 'world');
});

test('two concatenated frames decode back to back', () => {
  const a = Buffer.from(lz4.compress(Buffer.from('first ')));
  const b = Buffer.from(lz4.compress(Buffer.from('second')));
  assert.equal(decodeLz4Frames(Buffer.concat([a, b])).toString(), 'first second');
});

test('malformed frames are refused', () => {
  const ok = frame(0x40, [sized([0x40, ...Buffer.from('abcd')])]);
  assert.throws(() => decodeLz4Frames(Buffer.from('nope')), Lz4FormatError);
  assert.throws(() => decodeLz4Frames(ok.subarray(0, ok.length - 2)), /truncated/);
  assert.throws(() => decodeLz4Frames(frame(0x40, [sized([0x00, 0x05, 0x00])])), /reaches before the output/);
  assert.throws(() => decodeLz4Frames(frame(0x40, [sized([0xf0])])), /inside a length/);
  assert.throws(() => decodeLz4Frames(frame(0x80, [])), /frame version/);
});
