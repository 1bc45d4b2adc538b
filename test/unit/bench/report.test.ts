// The bench's table and JSON formatting (bench/report.mjs), which `npm run bench` prints and writes.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Report from '../../../bench/report.mjs';
import { repoRoot } from '../../support/repoRoot.js';

let report: typeof Report;

before(async () => {
  // The bench is plain ESM outside the compiled tree, so it is loaded from the source folder.
  report = (await import(pathToFileURL(join(repoRoot, 'bench', 'report.mjs')).href)) as typeof Report;
});

describe('bench report', () => {
  it('formats numbers with fewer decimals as they grow, and a dash for missing ones', () => {
    assert.equal(report.formatNumber(1234567.8), '1,234,568');
    assert.equal(report.formatNumber(42.345), '42.3');
    assert.equal(report.formatNumber(3.14159), '3.14');
    assert.equal(report.formatNumber(0.12345), '0.123');
    assert.equal(report.formatNumber(NaN), '—');
    assert.equal(report.formatNumber(null), '—');
  });

  it('computes ratios only when both sides are usable numbers', () => {
    assert.equal(report.ratio(150, 100), 1.5);
    assert.equal(report.ratio(150, 0), null);
    assert.equal(report.ratio(150, null), null);
    assert.equal(report.ratio(NaN, 100), null);
    assert.equal(report.formatRatio(1.5), '1.50×');
    assert.equal(report.formatRatio(null), '—');
  });

  it('a measured row takes figure / peer as its ratio unless told otherwise', () => {
    const row = report.measuredRow({ line: 'Produce 100 B', figure: 300, unit: 'records/s', peer: 200, peerName: 'Redis XADD' });
    assert.equal(row.ratio, 1.5);
    assert.equal(row.status, 'measured');
    const limit = report.measuredRow({ line: 'Limit', figure: 500, unit: 'MB/s', peer: 50, ratio: 0.1 });
    assert.equal(limit.ratio, 0.1);
  });

  it('prints a Markdown table: one header, one line per row, not-yet and failed rows, escaped pipes', () => {
    const rows = [
      report.measuredRow({ line: 'Produce 100 B', figure: 123456, unit: 'records/s', peer: 100000, peerName: 'Redis XADD', notes: 'a | b' }),
      report.notYetRow('Cold start, 3 brokers', 'not yet: replication'),
      report.failedRow('Extension activate() duration', 'the extension step failed: no chromium'),
    ];
    const lines = report.markdownTable(rows).split('\n');
    assert.equal(lines.length, 5);
    assert.equal(lines[0], '| line | figure | unit | peer / limit | ratio | notes |');
    assert.equal(lines[2], '| Produce 100 B | 123,456 | records/s | 100,000 (Redis XADD) | 1.23× | a \\| b |');
    assert.equal(lines[3], '| Cold start, 3 brokers | not yet |  |  | — | not yet: replication |');
    assert.equal(lines[4], '| Extension activate() duration | failed |  |  | — | the extension step failed: no chromium |');
  });

  it('the report names the date, the machine and the mode; the JSON keeps unrounded figures', () => {
    const machine = { date: '2026-11-22T00:00:00.000Z', nproc: 2, cpuModel: 'Test CPU', totalMemoryBytes: 8 * 2 ** 30, node: 'v20.20.2', loadAverage: [1, 0.5, 0.25] };
    const rows = [report.measuredRow({ line: 'Consume', figure: 1234.5678, unit: 'records/s' })];
    const text = report.markdownReport({ machine, mode: 'quick', rows, seconds: 12 });
    assert.match(text, /^## Kafka Workbench bench \(quick\)/);
    assert.match(text, /2026-11-22T00:00:00.000Z · 2 cores \(Test CPU\) · 8.0 GiB RAM · Node v20.20.2 · load average at start 1.00 0.50 0.25/);
    const json = JSON.parse(report.resultsJson({ machine, mode: 'quick', rows, seconds: 12, extra: { sizes: { n: 1 } } })) as {
      mode: string; rows: Array<{ figure: number }>; sizes: { n: number }; machine: { nproc: number };
    };
    assert.equal(json.mode, 'quick');
    assert.equal(json.rows[0]?.figure, 1234.5678);
    assert.deepEqual(json.sizes, { n: 1 });
    assert.equal(json.machine.nproc, 2);
  });
});
