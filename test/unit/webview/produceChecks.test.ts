import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countProblem, jsonValueProblem, partitionProblem, rateProblem } from '../../../webview/produceChecks.js';

describe('produce checks', () => {
  it('JSON values are checked after placeholders are filled', () => {
    assert.equal(jsonValueProblem('{"a": 1}'), undefined);
    assert.equal(jsonValueProblem('{"n": {{counter}}, "id": "{{uuid}}"}'), undefined);
    assert.match(jsonValueProblem('{"a": ') ?? '', /not valid JSON/);
    assert.match(jsonValueProblem('') ?? '', /not valid JSON/);
  });

  it('a partition must exist in the topic', () => {
    assert.equal(partitionProblem('', [0, 1, 2]), undefined);
    assert.equal(partitionProblem('2', [0, 1, 2]), undefined);
    assert.match(partitionProblem('3', [0, 1, 2]) ?? '', /out of range: this topic has partitions 0 to 2/);
    assert.match(partitionProblem('-1', [0, 1, 2]) ?? '', /whole number/);
    assert.match(partitionProblem('0', []) ?? '', /not known/);
  });

  it('count and rate', () => {
    assert.equal(countProblem('10'), undefined);
    assert.match(countProblem('0') ?? '', /at least 1/);
    assert.match(countProblem('2000000') ?? '', /At most/);
    assert.equal(rateProblem(''), undefined);
    assert.equal(rateProblem('2.5'), undefined);
    assert.match(rateProblem('fast') ?? '', /rate/);
  });
});
