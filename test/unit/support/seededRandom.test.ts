// The shared test PRNG: same seed, same sequence; numbers in range; the seed comes from the env var when set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mulberry32, randomInt, seedFromEnv } from '../../support/seededRandom.js';

test('the same seed gives the same sequence, another seed another one', () => {
  const take = (seed: number): number[] => {
    const random = mulberry32(seed);
    return Array.from({ length: 20 }, () => random());
  };
  assert.deepEqual(take(42), take(42));
  assert.notDeepEqual(take(42), take(43));
});

test('numbers stay in [0, 1) and whole numbers in [0, n), covering the range', () => {
  const random = mulberry32(7);
  const seen = new Set<number>();
  for (let i = 0; i < 10_000; i++) {
    const x = random();
    assert.ok(x >= 0 && x < 1, String(x));
    const k = randomInt(random, 10);
    assert.ok(Number.isInteger(k) && k >= 0 && k < 10, String(k));
    seen.add(k);
  }
  assert.equal(seen.size, 10);
});

test('the seed comes from the named env var when it is set, and a bad one is refused', () => {
  const name = 'KW_SEEDED_RANDOM_TEST_SEED';
  try {
    process.env[name] = '1234';
    assert.equal(seedFromEnv(name, 'seededRandom test'), 1234);
    process.env[name] = 'abc';
    assert.throws(() => seedFromEnv(name, 'seededRandom test'), /KW_SEEDED_RANDOM_TEST_SEED/);
    delete process.env[name];
    const fresh = seedFromEnv(name, 'seededRandom test');
    assert.ok(Number.isSafeInteger(fresh) && fresh >= 0);
  } finally {
    delete process.env[name];
  }
});
