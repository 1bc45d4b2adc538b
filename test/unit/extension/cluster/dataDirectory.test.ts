import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { idleTimeoutMs, resolveDataDirectory } from '../../../../extension/cluster/dataDirectory.js';

describe('resolveDataDirectory', () => {
  const home = path.resolve('/home/someone');

  it('defaults to ~/.kafka-workbench/data', () => {
    assert.equal(resolveDataDirectory('', home), path.join(home, '.kafka-workbench', 'data'));
    assert.equal(resolveDataDirectory(undefined, home), path.join(home, '.kafka-workbench', 'data'));
  });

  it('expands ~ and resolves the rest', () => {
    assert.equal(resolveDataDirectory('~/kafka', home), path.join(home, 'kafka'));
    assert.equal(resolveDataDirectory(' /tmp/x ', home), path.resolve('/tmp/x'));
  });

  it('converts idle minutes to milliseconds, falling back to 10 minutes', () => {
    assert.equal(idleTimeoutMs(2), 120_000);
    assert.equal(idleTimeoutMs(0), 0);
    assert.equal(idleTimeoutMs(-1), 600_000);
    assert.equal(idleTimeoutMs(undefined), 600_000);
  });
});
