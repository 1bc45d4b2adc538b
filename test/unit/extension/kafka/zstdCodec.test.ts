// The client's zstd codec on a Node without zlib zstd: real zstd compression (smaller than its input,
// so not raw blocks) that fzstd reads back, installed once however often it is asked for.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compressionsAlgorithms } from '@platformatic/kafka';
import { decompress } from 'fzstd';
import { availableCompressions } from '../../../../extension/kafka/produceRecord.js';
import { canProduceZstd, enableZstd, enableZstdDecoding } from '../../../../extension/kafka/zstdCodec.js';
import { mulberry32, randomInt, seedFromEnv } from '../../../support/seededRandom.js';

const ZSTD_MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);

/** Text-like bytes: words from a small vocabulary, so any real compressor shrinks them a lot. */
function compressibleBytes(size: number, seed: number): Buffer {
  const random = mulberry32(seed);
  const words = ['kafka', 'record', 'batch', 'offset', 'partition', 'zstd', 'value', 'key', 'header', 'topic'];
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    const word = words[randomInt(random, words.length)] ?? 'x';
    parts.push(word);
    length += word.length + 1;
  }
  return Buffer.from(parts.join(' ').slice(0, size), 'utf8');
}

const seed = seedFromEnv('ZSTD_CODEC_SEED', 'zstdCodec.test');

// First in the file (each test file is its own process), so the compressor has not been loaded yet.
test('a zstd send racing the compressor\'s load fails with a clear message instead of hanging', async () => {
  const loading = enableZstd();
  assert.throws(() => compressionsAlgorithms.zstd.compressSync(Buffer.from('early')), /still loading/);
  await loading;
  assert.ok(compressionsAlgorithms.zstd.compressSync(Buffer.from('ready')).length > 0);
});

test('the client compresses zstd with a real compressor that fzstd reads back', async () => {
  await enableZstd();
  assert.equal(canProduceZstd(), true);
  assert.equal(compressionsAlgorithms.zstd.available, true);
  for (const size of [0, 1, 1000, 64 * 1024, 4 * 1024 * 1024]) {
    const input = compressibleBytes(size, seed + size);
    const compressed = compressionsAlgorithms.zstd.compressSync(input);
    assert.ok(Buffer.isBuffer(compressed), 'the client expects a Buffer back');
    assert.deepEqual(compressed.subarray(0, 4), ZSTD_MAGIC, `a zstd frame for ${size} bytes`);
    if (size >= 1000) {
      // Raw (stored) blocks would be larger than the input; real compression of text is far smaller.
      assert.ok(compressed.length < input.length / 2, `${size} bytes compressed to ${compressed.length}`);
    }
    assert.deepEqual(Buffer.from(decompress(compressed)), input, `round trip of ${size} bytes`);
    assert.deepEqual(compressionsAlgorithms.zstd.decompressSync(compressed), input, `the client's reader, ${size} bytes`);
  }
});

test('random bytes survive the round trip too (incompressible input)', async () => {
  await enableZstd();
  const random = mulberry32(seed);
  const input = Buffer.from(Array.from({ length: 10_000 }, () => randomInt(random, 256)));
  const compressed = compressionsAlgorithms.zstd.compressSync(input);
  assert.deepEqual(Buffer.from(decompress(compressed)), input);
});

test('enabling again changes nothing: same codec functions, same result', async () => {
  await enableZstd();
  const { compressSync, decompressSync } = compressionsAlgorithms.zstd;
  await Promise.all([enableZstd(), enableZstd()]);
  enableZstdDecoding();
  assert.equal(compressionsAlgorithms.zstd.compressSync, compressSync);
  assert.equal(compressionsAlgorithms.zstd.decompressSync, decompressSync);
});

test('the Produce panel is offered zstd', async () => {
  assert.deepEqual(await availableCompressions(), ['none', 'gzip', 'snappy', 'lz4', 'zstd']);
});
