import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandTemplate, hasPlaceholders } from '../../../webview/recordTemplates.js';

describe('expandTemplate', () => {
  let uuids = 0;
  const context = { counter: 7, timestamp: 1700000000123, uuid: () => `uuid-${++uuids}` };

  it('fills counter, timestamp and a fresh uuid per placeholder', () => {
    uuids = 0;
    assert.equal(
      expandTemplate('{"n": {{counter}}, "at": {{ timestamp }}, "id": "{{uuid}}", "id2": "{{uuid}}"}', context),
      '{"n": 7, "at": 1700000000123, "id": "uuid-1", "id2": "uuid-2"}',
    );
  });

  it('leaves text without placeholders and unknown placeholders alone', () => {
    assert.equal(expandTemplate('plain {{other}} {counter}', context), 'plain {{other}} {counter}');
    assert.equal(hasPlaceholders('plain {{other}}'), false);
    assert.equal(hasPlaceholders('n={{counter}}'), true);
    assert.equal(hasPlaceholders('n={{counter}}'), true);
  });
});
