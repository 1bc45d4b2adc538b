import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rowWindow, scrollAfterInsert } from '../../../webview/virtualWindow.js';

describe('rowWindow', () => {
  const base = { rowHeight: 20, viewportHeight: 200, overscan: 5 };

  it('renders only the rows in view plus the overscan', () => {
    const window = rowWindow({ ...base, scrollTop: 0, rowCount: 10_000 });
    assert.deepEqual(window, { start: 0, end: 16, offsetTop: 0, totalHeight: 200_000 });
    const middle = rowWindow({ ...base, scrollTop: 1000, rowCount: 10_000 });
    assert.equal(middle.start, 45);
    assert.equal(middle.end, 66);
    assert.equal(middle.offsetTop, 900);
  });

  it('never renders more than the viewport needs, however many rows there are', () => {
    for (const rowCount of [0, 1, 15, 100_000]) {
      for (const scrollTop of [0, 55, 10_000, 1e9]) {
        const window = rowWindow({ ...base, scrollTop, rowCount });
        assert.ok(window.end - window.start <= 200 / 20 + 1 + 2 * 5, `${rowCount}@${scrollTop}`);
        assert.ok(window.start >= 0 && window.end <= rowCount && window.start <= window.end);
      }
    }
  });

  it('clamps a scroll position past the end to the last screenful', () => {
    const window = rowWindow({ ...base, scrollTop: 1e9, rowCount: 100 });
    assert.equal(window.end, 100);
    assert.equal(window.start, 85);
  });

  it('keeps the reader still when rows arrive on top, and follows at the top', () => {
    assert.equal(scrollAfterInsert(0, 10, 20), 0);
    assert.equal(scrollAfterInsert(400, 10, 20), 600);
  });
});
