import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePartitionCount, partitionCountProblem, topicNameProblem } from '../../../../extension/topics/topicInputValidation.js';

describe('topicNameProblem', () => {
  it('accepts names made of legal characters', () => {
    for (const name of ['orders', 'a', 'Orders.v2_eu-west', '0', '_x', 'a'.repeat(249)]) {
      assert.equal(topicNameProblem(name), undefined, name);
    }
  });

  it('rejects empty, "." and ".."', () => {
    assert.match(topicNameProblem('') ?? '', /empty/);
    assert.match(topicNameProblem('.') ?? '', /not allowed/);
    assert.match(topicNameProblem('..') ?? '', /not allowed/);
  });

  it('rejects names longer than 249 characters', () => {
    assert.match(topicNameProblem('a'.repeat(250)) ?? '', /at most 249/);
  });

  it('rejects illegal characters', () => {
    for (const name of ['has space', 'slash/x', 'é', 'tab\t', 'a:b', 'star*']) {
      assert.match(topicNameProblem(name) ?? '', /only contain/, name);
    }
  });
});

describe('partitionCountProblem', () => {
  it('accepts positive integers, with surrounding spaces', () => {
    for (const text of ['1', '12', ' 3 ', '10000']) {
      assert.equal(partitionCountProblem(text), undefined, text);
    }
  });

  it('rejects zero, negatives, fractions, words and huge counts', () => {
    for (const text of ['0', '-1', '1.5', 'two', '', '1e3', '10001']) {
      assert.notEqual(partitionCountProblem(text), undefined, text);
    }
  });

  it('parsePartitionCount returns the number or throws on bad input', () => {
    assert.equal(parsePartitionCount(' 7 '), 7);
    assert.throws(() => parsePartitionCount('0'), RangeError);
  });
});
