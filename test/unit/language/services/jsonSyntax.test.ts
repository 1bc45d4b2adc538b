import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { findJsonSyntaxError } from '../../../../language/services/jsonSyntax.js';
import { mulberry32, seedFromEnv } from '../../../support/seededRandom.js';

const seed = seedFromEnv('KAFKA_TEST_SEED', 'jsonSyntax');

describe('findJsonSyntaxError', () => {
  it('accepts valid JSON', () => {
    for (const text of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]} ', '"s"', '0', '{"a":{"b":[{}]}}']) {
      assert.equal(findJsonSyntaxError(text), undefined, text);
    }
  });

  it('points at the first problem', () => {
    assert.equal(findJsonSyntaxError('{\n  "a": 1,\n  "b": \n}')!.offset, 20);
    assert.equal(findJsonSyntaxError('{"a" 1}')!.offset, 5);
    assert.equal(findJsonSyntaxError('{a: 1}')!.offset, 1);
    assert.equal(findJsonSyntaxError('[1,]')!.offset, 3);
    assert.equal(findJsonSyntaxError('{"a":1')!.offset, 6);
    assert.equal(findJsonSyntaxError('{} x')!.offset, 3);
    assert.equal(findJsonSyntaxError('')!.offset, 0);
  });

  it('survives deep nesting', () => {
    assert.ok(findJsonSyntaxError('['.repeat(1_000_000)) !== undefined);
  });

  it('agrees with JSON.parse on random mutations of valid JSON', () => {
    const random = mulberry32(seed);
    const base = '{"a": [1, 2.5, {"b": null}], "c": "d", "e": true}';
    const alphabet = '{}[],:"1 aetn.-';
    for (let round = 0; round < 2000; round++) {
      const chars = [...base];
      const position = Math.floor(random() * chars.length);
      chars[position] = alphabet[Math.floor(random() * alphabet.length)]!;
      const text = chars.join('');
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      assert.equal(findJsonSyntaxError(text) === undefined, valid, text);
    }
  });
});
