import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileFilter } from '../../../webview/recordFilter.js';
import { record } from './records.js';

describe('compileFilter', () => {
  const order = record(1, { key: 'order-17', value: '{"total": 42}', headers: [['trace-id', 'ABC-123'], ['empty', null]] });
  const other = record(2, { key: null, value: 'hello' });

  it('matches everything when the pattern is empty, and says it is inactive', () => {
    const filter = compileFilter({ mode: 'text', pattern: '', caseSensitive: false });
    assert.ok(filter.ok && !filter.active && filter.matches(order) && filter.matches(other));
  });

  it('text mode searches key, value, header names and header values, ignoring case by default', () => {
    for (const pattern of ['ORDER-17', 'total', 'TRACE-id', 'abc-1']) {
      const filter = compileFilter({ mode: 'text', pattern, caseSensitive: false });
      assert.ok(filter.ok && filter.matches(order), pattern);
      assert.ok(filter.ok && !filter.matches(other), pattern);
    }
    const strict = compileFilter({ mode: 'text', pattern: 'ORDER', caseSensitive: true });
    assert.ok(strict.ok && !strict.matches(order));
  });

  it('text mode treats regex characters literally', () => {
    const filter = compileFilter({ mode: 'text', pattern: '{"total"', caseSensitive: false });
    assert.ok(filter.ok && filter.matches(order));
  });

  it('regex mode matches any field and gives the same answer every time (no lastIndex state)', () => {
    const filter = compileFilter({ mode: 'regex', pattern: '^order-\\d+$', caseSensitive: false });
    assert.ok(filter.ok);
    for (let i = 0; i < 3; i++) {
      assert.ok(filter.matches(order));
      assert.ok(!filter.matches(other));
    }
    const header = compileFilter({ mode: 'regex', pattern: 'abc-[0-9]{3}', caseSensitive: true });
    assert.ok(header.ok && !header.matches(order));
  });

  it('a bad regular expression is an error, not a filter', () => {
    const filter = compileFilter({ mode: 'regex', pattern: '([a-z', caseSensitive: false });
    assert.equal(filter.ok, false);
    assert.match(filter.ok ? '' : filter.error, /Invalid regular expression/);
  });
});
