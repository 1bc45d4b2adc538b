import assert from 'node:assert/strict';
import { test } from 'node:test';
import { murmur2, partitionForKey, toPositive } from '../../../../extension/kafka/murmur2.js';

const ascii = (text: string): Uint8Array => Buffer.from(text, 'latin1');

// The values Kafka's own UtilsTest expects from Utils.murmur2 (Java client).
const javaVectors: ReadonlyArray<readonly [Uint8Array, number]> = [
  [ascii('21'), -973932308],
  [ascii('foobar'), -790332482],
  [ascii('a-little-bit-long-string'), -985981536],
  [ascii('a-little-bit-longer-string'), -1486304829],
  [ascii('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8'), -58897971],
  [new Uint8Array([0x61, 0x62, 0x63]), 479470107],
];

test('murmur2 equals the Java client on its known vectors', () => {
  for (const [bytes, expected] of javaVectors) {
    assert.equal(murmur2(bytes), expected, Buffer.from(bytes).toString('latin1'));
  }
});

test('murmur2 covers every tail length (0 to 3 trailing bytes) deterministically', () => {
  for (let length = 0; length < 9; length++) {
    const bytes = new Uint8Array(length).map((_, i) => 200 + i);
    const hash = murmur2(bytes);
    assert.ok(Number.isInteger(hash) && hash >= -(2 ** 31) && hash < 2 ** 31);
    assert.equal(murmur2(bytes), hash);
  }
});

test('toPositive clears the sign bit like Kafka (not Math.abs)', () => {
  assert.equal(toPositive(-1), 0x7fffffff);
  assert.equal(toPositive(-(2 ** 31)), 0);
  assert.equal(toPositive(5), 5);
});

test('partitionForKey is toPositive(murmur2) mod the partition count', () => {
  for (const [bytes, expected] of javaVectors) {
    for (const count of [1, 3, 4, 12]) {
      assert.equal(partitionForKey(bytes, count), (expected & 0x7fffffff) % count);
    }
  }
  assert.throws(() => partitionForKey(ascii('k'), 0), RangeError);
});

test('partitionForKey agrees with @platformatic/kafka compatibilityPartitioner', async () => {
  const { compatibilityPartitioner } = await import('@platformatic/kafka');
  for (let i = 0; i < 50; i++) {
    const key = Buffer.from(`key-${i}`);
    // The client's partitioner returns the hash; the producer applies "mod partitions" itself.
    const fromClient = (compatibilityPartitioner as (message: unknown, key: Buffer) => number)(undefined, key);
    assert.equal(partitionForKey(key, 7), fromClient % 7);
  }
});
