// Reading the extension's timing lines back out of its output channel log (bench/extensionLog.mjs).
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../../support/repoRoot.js';

interface Timing {
  ms: number;
  loggedAt: number;
}
interface ExtensionLog {
  extensionTimings(logText: string): { activate: Timing[]; populated: Timing[] };
}

let extensionLog: ExtensionLog;

before(async () => {
  // The bench is plain ESM outside the compiled tree, so it is loaded from the source folder.
  extensionLog = (await import(pathToFileURL(join(repoRoot, 'bench', 'extensionLog.mjs')).href)) as ExtensionLog;
});

describe('extensionTimings', () => {
  it('reads both lines of every window load in the order written, ignoring other lines', () => {
    const text = [
      '2026-11-22 03:18:20.100 [info] activate() returned in 12.5 ms',
      '2026-11-22 03:18:20.300 [info] Starting the embedded cluster: cli.js start',
      '2026-11-22 03:18:26.000 [info] Topics view populated in 5900.2 ms after activation',
      '2026-11-22 03:18:40.064 [info] activate() returned in 64 ms',
      '2026-11-22 03:18:40.900 [info] Topics view populated in 900.0 ms after activation',
      '',
    ].join('\n');
    const timings = extensionLog.extensionTimings(text);
    assert.deepEqual(timings.activate.map((t) => t.ms), [12.5, 64]);
    assert.deepEqual(timings.populated.map((t) => t.ms), [5900.2, 900]);
    assert.equal(timings.activate[1].loggedAt - timings.activate[0].loggedAt, 19_964);
    assert.equal(timings.activate[0].loggedAt, new Date('2026-11-22T03:18:20.100').getTime());
  });

  it('orders lines from several log files by their timestamps, not by where they appear', () => {
    const later = '2026-11-22 03:18:40.064 [info] activate() returned in 2 ms\n';
    const earlier = '2026-11-22 03:18:20.100 [info] activate() returned in 1 ms\n';
    assert.deepEqual(extensionLog.extensionTimings(later + earlier).activate.map((t) => t.ms), [1, 2]);
  });

  it('finds nothing in a log without the lines', () => {
    assert.deepEqual(extensionLog.extensionTimings('2026-11-22 03:18:20.100 [error] activate() failed\n'), { activate: [], populated: [] });
  });
});
