import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bytesToDisplayText } from '../../../../extension/tail/recordText.js';

describe('bytesToDisplayText', () => {
  it('keeps null distinct from empty', () => {
    assert.equal(bytesToDisplayText(null), null);
    assert.equal(bytesToDisplayText(undefined), null);
    assert.equal(bytesToDisplayText(Buffer.alloc(0)), '');
  });

  it('decodes UTF-8 text, markup included, unchanged', () => {
    assert.equal(bytesToDisplayText(Buffer.from('héllo <b>wörld</b> 🚀')), 'héllo <b>wörld</b> 🚀');
  });

  it('shows invalid UTF-8 as hex', () => {
    assert.equal(bytesToDisplayText(Buffer.from([0xff, 0x00, 0x10])), '0xff0010');
  });

  it('cuts long contents and says how much was left out', () => {
    assert.equal(bytesToDisplayText(Buffer.from('abcdefghij'), 4), 'abcd… (6 more characters)');
    assert.equal(bytesToDisplayText(Buffer.from([0xff, 1, 2, 3, 4, 5]), 4), '0xff01… (4 more bytes)');
  });

  it('reads a view into a larger buffer at its own offset', () => {
    const whole = Buffer.from([0xff, 0xfe, 0xaa, 0xbb, 0xcc]);
    assert.equal(bytesToDisplayText(whole.subarray(2, 4)), '0xaabb');
  });
});
