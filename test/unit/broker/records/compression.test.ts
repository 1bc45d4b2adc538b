// Each codec round-trips, and decodes what the reference tools produce (fixtures made with the
// zstd and lz4 command-line tools; xerial snappy framing as Java's producer writes it).

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as snappy from 'snappyjs';
import { compress, decompress } from '../../../../broker/records/compression.js';
import { Compression, CorruptBatchError } from '../../../../broker/records/recordBatch.js';

const PLAIN = Buffer.from('kafka workbench '.repeat(64));
// `zstd -c -19` of PLAIN, and `zstd -c --no-content-size --check` (a streaming frame with a checksum).
const ZSTD_CLI = ['KLUv/QRovQAAgGthZmthIHdvcmtiZW5jaCABANpPNZduPoHp', 'KLUv/QRYvQAAgGthZmthIHdvcmtiZW5jaCABANpPNZduPoHp'];
// `lz4 -c -BD -BX` of PLAIN: linked blocks, block checksums, content checksum.
const LZ4_CLI = 'BCJNGHRAvR4AAAD/AWthZmthIHdvcmtiZW5jaCAQAP///9tQZW5jaCCYhDWgAAAAAE9Xy1Y=';

const codecs = [Compression.None, Compression.Gzip, Compression.Snappy, Compression.Lz4, Compression.Zstd];

test('every codec round-trips empty, small, large and incompressible data', () => {
  const random = Buffer.alloc(300_000);
  for (let i = 0; i < random.length; i++) random[i] = (i * 2654435761) >>> 24;
  for (const codec of codecs) {
    for (const data of [Buffer.alloc(0), Buffer.from('x'), PLAIN, random]) {
      assert.deepEqual(decompress(codec, compress(codec, data)), data, `codec ${codec}, ${data.length} bytes`);
    }
  }
});

test('gzip, snappy and lz4 actually shrink repetitive data', () => {
  for (const codec of [Compression.Gzip, Compression.Snappy, Compression.Lz4]) {
    assert.ok(compress(codec, PLAIN).length < PLAIN.length / 4, `codec ${codec}`);
  }
});

test('decodes zstd and lz4 frames written by the reference tools', () => {
  for (const fixture of ZSTD_CLI) assert.deepEqual(decompress(Compression.Zstd, Buffer.from(fixture, 'base64')), PLAIN);
  assert.deepEqual(decompress(Compression.Lz4, Buffer.from(LZ4_CLI, 'base64')), PLAIN);
});

test('snappy decodes both raw blocks (librdkafka) and xerial framing (Java)', () => {
  const raw = Buffer.from(snappy.compress(PLAIN));
  assert.deepEqual(decompress(Compression.Snappy, raw), PLAIN);
  const framed = compress(Compression.Snappy, Buffer.concat([PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN]));
  assert.equal(framed.subarray(0, 8).toString('latin1'), '\x82SNAPPY\x00');
  assert.ok(framed.readInt32BE(16) < 32 * 1024, 'more than one chunk');
  assert.equal(decompress(Compression.Snappy, framed).length, PLAIN.length * 33);
});

test('garbage is a CorruptBatchError naming the codec', () => {
  const garbage = Buffer.from('definitely not compressed at all');
  for (const codec of [Compression.Gzip, Compression.Lz4, Compression.Zstd]) {
    assert.throws(() => decompress(codec, garbage), (e: unknown) => e instanceof CorruptBatchError && /cannot decompress/.test(e.message));
  }
});
