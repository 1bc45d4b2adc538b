// The group-to-partition mapping must match Kafka's (Utils.abs(groupId.hashCode) % n) exactly.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { javaStringHashCode, partitionForGroup } from '../../../../broker/group/groupPartition.js';

test('javaStringHashCode matches values Java computes', () => {
  assert.equal(javaStringHashCode(''), 0);
  assert.equal(javaStringHashCode('a'), 97);
  assert.equal(javaStringHashCode('hello'), 99162322);
  assert.equal(javaStringHashCode('Hello World'), -862545276);
  // Code units, not code points: U+1F600 is two UTF-16 units (0xD83D 0xDE00).
  assert.equal(javaStringHashCode('\u{1F600}'), 0xd83d * 31 + 0xde00);
  assert.equal(javaStringHashCode('polygenelubricants'), -0x80000000);
});

test('partitionForGroup takes Kafka abs (MIN_VALUE -> 0) modulo the partition count', () => {
  assert.equal(partitionForGroup('hello', 50), 99162322 % 50);
  assert.equal(partitionForGroup('Hello World', 50), 862545276 % 50);
  assert.equal(partitionForGroup('polygenelubricants', 50), 0);
  assert.equal(partitionForGroup('anything', 1), 0);
  assert.throws(() => partitionForGroup('g', 0), RangeError);
});
