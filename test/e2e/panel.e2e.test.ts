// End-to-end: the Produce & Tail panel in a real VS Code (code-server) in chromium: a topic created
// through the UI, a record with headers produced and tailed, filters (and a bad regex refused in
// place), a hostile value shown as text, a tail started from a time, exports to JSON and CSV read
// back from disk, N records at a rate from a template with a jump to exactly those, pause, resume
// and clear while another client produces, a re-send from the history of recent sends, every control
// named for screen readers, the whole produce-and-read loop from the keyboard alone, and a zstd
// record produced from the panel that kcat reads and that is stored as a zstd batch.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kafka, Producer } from 'kafkajs';
import type { Frame, Locator } from 'playwright-core';
import { MetadataApi } from '../../broker/protocol/apis/metadata.js';
import { ZERO_UUID } from '../../broker/protocol/schema.js';
import { Compression } from '../../broker/records/recordBatch.js';
import { kafkajsClient } from '../compat/support/clients.js';
import { RawConnection } from '../compat/support/rawConnection.js';
import { fetchStoredBatches } from '../compat/support/rawFetch.js';
import { runKcat } from '../support/kcat.js';
import { waitFor } from '../support/waitFor.js';
import { screenshotForDocs } from './support/screenshots.js';
import { notification, quickInput } from './support/sideBar.js';
import { resultsDir, UI_MS, useWorkbench } from './support/useWorkbench.js';

const screenshots = resultsDir(join('e2e', 'panel'));
const topic = 'e2e-panel';
const hostile = '<img src=x onerror=alert(1)>';

/** A row of the tail as drawn: `marked` when it is one of the records a jump asked for. */
interface ShownRow {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: string;
  marked: boolean;
}

// Runs inside the webview (a string: this project's Node types have no DOM). The list is virtualised,
// so it scrolls through it a page at a time, reading the rows drawn after each animation frame, and
// returns every record it holds (filtered), newest first, then scrolls back to the top.
const READ_SHOWN_ROWS = `(async () => {
  const viewport = document.getElementById('tail-viewport');
  const drawn = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const text = (cell) => (cell === null || cell.classList.contains('is-null') ? null : cell.textContent);
  const rows = new Map();
  viewport.scrollTop = 0;
  await drawn();
  for (;;) {
    for (const row of document.querySelectorAll('tr.record')) {
      rows.set(Number(row.dataset.index), {
        partition: Number(row.dataset.partition),
        offset: row.dataset.offset,
        key: text(row.querySelector('.r-key')),
        value: text(row.querySelector('.r-value')),
        headers: row.querySelector('.r-headers')?.textContent ?? '',
        marked: row.classList.contains('marked'),
      });
    }
    const end = viewport.scrollHeight - viewport.clientHeight;
    if (viewport.scrollTop >= end) break;
    viewport.scrollTop = Math.min(end, viewport.scrollTop + Math.max(22, viewport.clientHeight - 44));
    await drawn();
  }
  viewport.scrollTop = 0;
  await drawn();
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map((entry) => entry[1]);
})()`;

/** An interactive element as the accessibility audit reports it. */
interface AuditedControl {
  what: string;
  name: string;
  from: string;
}

// Runs inside the webview: every visible interactive element that assistive technology sees, with the
// accessible name a screen reader would announce, computed from the DOM in accname's order
// (aria-labelledby, aria-label, <label>, the text of roles named by their content, title). A
// placeholder alone names nothing (it vanishes once there is text), so it counts as missing.
const AUDIT_NAMES = `(() => {
  const interactive = 'input, select, textarea, button, summary, a[href], [tabindex], '
    + '[role=button], [role=checkbox], [role=listbox], [role=option], [role=row], [role=grid]';
  const text = (el) => (el.textContent || '').replace(/\\s+/g, ' ').trim();
  const implicitRole = (el) => {
    if (el.tagName === 'INPUT') return ['checkbox', 'radio', 'button', 'submit', 'reset'].includes(el.type) ? (el.type === 'checkbox' || el.type === 'radio' ? el.type : 'button') : 'textbox';
    return { BUTTON: 'button', SUMMARY: 'button', A: 'link', SELECT: 'combobox', TEXTAREA: 'textbox' }[el.tagName] || '';
  };
  const namedByContent = new Set(['button', 'link', 'checkbox', 'option', 'row', 'gridcell', 'cell']);
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const nameOf = (el) => {
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter((id) => id !== '');
    const byIds = ids.map((id) => document.getElementById(id)).filter((found) => found !== null).map(text).join(' ').trim();
    if (byIds !== '') return { name: byIds, from: 'aria-labelledby' };
    const label = (el.getAttribute('aria-label') || '').trim();
    if (label !== '') return { name: label, from: 'aria-label' };
    const labels = el.labels ? Array.from(el.labels).map(text).join(' ').trim() : '';
    if (labels !== '') return { name: labels, from: 'label' };
    const role = el.getAttribute('role') || implicitRole(el);
    if (namedByContent.has(role) && text(el) !== '') return { name: text(el), from: 'content' };
    const title = (el.getAttribute('title') || '').trim();
    if (title !== '') return { name: title, from: 'title' };
    return { name: '', from: el.hasAttribute('placeholder') ? 'placeholder only' : 'nothing' };
  };
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
    + (el.getAttribute('role') ? '[role=' + el.getAttribute('role') + ']' : '');
  return Array.from(document.querySelectorAll(interactive))
    .filter((el) => visible(el) && el.closest('[aria-hidden="true"]') === null)
    .map((el) => ({ what: describe(el), ...nameOf(el) }));
})()`;

/** The fields of an RFC 4180 CSV text (CRLF rows, quoted fields may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += char;
    }
  }
  assert.equal(field + row.join(''), '', 'the CSV ends with CRLF');
  return rows;
}

/** `date` as a datetime-local value in the browser's (and this machine's) time zone, to the second. */
function localDateTime(date: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

describe('Produce & Tail panel in VS Code', () => {
  let kafka: Kafka | undefined;
  let outside: Producer | undefined;
  const workbench = useWorkbench({
    results: screenshots,
    openKafkaView: true,
    waitForCluster: true,
    beforeClose: async () => {
      await outside?.disconnect();
    },
  });
  let panel: Frame;
  let dialogs = 0;
  /** Where the first record (key, value and a header) landed: the history test sends it again. */
  let first: { partition: number; offset: string } | undefined;

  const answer = async (prompt: string, text: string | undefined): Promise<void> => {
    await workbench().page.locator('.quick-input-widget', { hasText: prompt }).waitFor({ timeout: UI_MS });
    if (text !== undefined) await quickInput(workbench().page).fill(text);
    await quickInput(workbench().page).press('Enter');
  };
  const row = (partition: number, offset: string): Locator => panel.locator(`tr.record[data-partition="${partition}"][data-offset="${offset}"]`);

  /** Fills the form and produces; returns where the record landed. */
  const produce = async (value: string): Promise<{ partition: number; offset: string }> => {
    const result = panel.locator('#produce-result');
    await panel.locator('#value').fill(value);
    const before = (await result.textContent()) ?? '';
    await panel.locator('#produce').click();
    await waitFor(async () => {
      const text = (await result.textContent()) ?? '';
      return text !== before && /Produced to partition \d+ at offset \d+/.test(text);
    }, { what: `the produce result for ${value}`, timeoutMs: UI_MS, intervalMs: 100 });
    const match = /Produced to partition (\d+) at offset (\d+)/.exec((await result.textContent()) ?? '');
    assert.ok(match);
    return { partition: Number(match[1]), offset: match[2] ?? '' };
  };

  const shownRows = async (): Promise<ShownRow[]> => await panel.evaluate<ShownRow[]>(READ_SHOWN_ROWS);
  const tailCount = (): Promise<string> => panel.locator('#tail-count').textContent().then((text) => text ?? '');
  const waitForTailCount = (expected: string): Promise<unknown> =>
    waitFor(async () => (await tailCount()) === expected, { what: `the tail to say "${expected}"`, timeoutMs: UI_MS, intervalMs: 100 });

  /** Produces from another client (kafkajs), as an app beside the editor would. */
  const produceOutside = async (values: readonly string[]): Promise<void> => {
    if (outside === undefined) {
      kafka = kafkajsClient(`127.0.0.1:${workbench().clusterPort}`, { clientId: 'panel-e2e-outside' });
      outside = kafka.producer();
      await outside.connect();
    }
    await outside.send({ topic, messages: values.map((value) => ({ value })) });
  };

  /** Answers the save dialog (code-server's is a quick input) once it proposes `fileName` in the workspace. */
  const saveAsProposed = async (fileName: string): Promise<void> => {
    await workbench().page.locator('.quick-input-widget').waitFor({ timeout: UI_MS });
    // The proposed path is filled in after the dialog opens; Enter before that would answer a folder.
    await waitFor(async () => (await quickInput(workbench().page).inputValue()).endsWith(`/workspace/${fileName}`), {
      what: `the save dialog to propose ${fileName} in the workspace`,
      timeoutMs: UI_MS,
      intervalMs: 100,
    });
    await quickInput(workbench().page).press('Enter');
  };

  /** Starts the tail again from the topic's end, with nothing shown. */
  const tailFromLatest = async (): Promise<void> => {
    await panel.locator('#tail-from').selectOption('latest');
    await panel.locator('#tail-restart').click();
    await panel.locator('#tail-status[data-state="live"]').waitFor({ timeout: UI_MS });
    await waitForTailCount('0 records');
  };

  before(() => {
    // An alert() from record contents would open a dialog: count them (there must be none).
    workbench().page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
  });

  it('creates a topic through the UI with partitions, replication factor and a config', async () => {
    await workbench().runCommand('Kafka: Create Topic');
    await answer('Topic name', topic);
    await answer('Number of partitions', '2');
    // Validation as the user types: a replication factor beyond the brokers is refused in place.
    await workbench().page.locator('.quick-input-widget', { hasText: 'Replication factor' }).waitFor({ timeout: UI_MS });
    await quickInput(workbench().page).fill('99');
    await workbench().page.locator('.quick-input-widget .quick-input-message', { hasText: 'at most' }).waitFor({ timeout: UI_MS });
    await quickInput(workbench().page).fill('1');
    await quickInput(workbench().page).press('Enter');
    await answer('Configs as name=value', 'retention.ms=3600000');
    await notification(workbench().page, `Created topic "${topic}"`).waitFor({ timeout: UI_MS });
  });

  it('produces a record with headers and sees it in the tail', async () => {
    await workbench().runCommand('Kafka: Open Produce & Tail');
    // A quick pick of topics: its prompt is a placeholder, so wait for the topic's row itself.
    const choice = workbench().page.locator('.quick-input-list .monaco-list-row', { hasText: topic }).first();
    await choice.waitFor({ timeout: UI_MS });
    await choice.click();
    panel = await workbench().webviewFrame('#produce-form', UI_MS);
    await panel.locator('#tail-status[data-state="live"]').waitFor({ timeout: UI_MS });
    await waitFor(async () => (await panel.locator('#partition option').count()) === 3, { what: 'the partition choices', timeoutMs: UI_MS });

    await panel.locator('#key').fill('order-7');
    await panel.locator('#add-header').click();
    await panel.locator('#header-rows .header-key').first().fill('trace');
    await panel.locator('#header-rows .header-value').first().fill('abc-123');
    const produced = await produce('{"hello":"world"}');
    first = produced;
    const tailed = row(produced.partition, produced.offset);
    await tailed.waitFor({ timeout: UI_MS });
    assert.equal(await tailed.locator('.r-key').textContent(), 'order-7');
    assert.equal(await tailed.locator('.r-value').textContent(), '{"hello":"world"}');
    assert.equal(await tailed.locator('.r-headers').textContent(), 'trace=abc-123');
  });

  it('shows a hostile value as text: no element is made from it and no script runs', async () => {
    const produced = await produce(hostile);
    const tailed = row(produced.partition, produced.offset);
    await tailed.waitFor({ timeout: UI_MS });
    assert.equal(await tailed.locator('.r-value').textContent(), hostile);
    await tailed.click();
    await panel.locator('#record-details .details-value').waitFor({ timeout: UI_MS });
    assert.equal(await panel.locator('#record-details .details-value').textContent(), hostile);
    assert.equal(await panel.locator('img').count(), 0);
    assert.equal(dialogs, 0);
  });

  it('shows invalid JSON and a bad regular expression in place, changing nothing', async () => {
    await panel.locator('#value-format').selectOption('json');
    await panel.locator('#value').fill('{"broken": ');
    const resultBefore = await panel.locator('#produce-result').textContent();
    await panel.locator('#produce').click();
    await panel.locator('#error', { hasText: 'not valid JSON' }).waitFor({ timeout: UI_MS });
    assert.notEqual(await panel.locator('#produce-result').textContent(), resultBefore);
    await panel.locator('#value-format').selectOption('text');

    await panel.locator('#tail-filter').fill('hello');
    await waitFor(async () => (await panel.locator('tr.record').count()) === 1, { what: 'one record matching "hello"', timeoutMs: UI_MS });
    // Screen readers hear the filter's result once typing rests; the list says where each row stands.
    await panel.locator('#tail-announce', { hasText: '1 of 2 records match' }).waitFor({ state: 'attached', timeout: UI_MS });
    assert.equal(await panel.locator('#tail-viewport').getAttribute('aria-rowcount'), '1');
    assert.equal(await panel.locator('tr.record').first().getAttribute('aria-rowindex'), '1');
    await panel.locator('#tail-filter-mode').selectOption('regex');
    await panel.locator('#tail-filter').fill('(["');
    await panel.locator('#filter-error', { hasText: 'Invalid regular expression' }).waitFor({ timeout: UI_MS });
    assert.equal(await panel.locator('tr.record').count(), 1);
    await panel.locator('#tail-filter').fill('hel+o');
    await waitFor(async () => (await panel.locator('#filter-error').textContent()) === '', { what: 'the error to clear', timeoutMs: UI_MS });
    assert.equal(await panel.locator('tr.record .r-value').first().textContent(), '{"hello":"world"}');
    await panel.locator('#tail-filter').fill('');
    await waitFor(async () => (await panel.locator('tr.record').count()) === 2, { what: 'both records again', timeoutMs: UI_MS });
  });

  it('starts the tail from a date and time', async () => {
    const start = new Date(Math.ceil((Date.now() + 1) / 1000) * 1000);
    await waitFor(() => Date.now() > start.getTime(), { what: 'the start time to pass', timeoutMs: 5_000, intervalMs: 50 });
    await panel.locator('#header-rows .remove-header').first().click();
    const later = await produce('after-the-time');
    await panel.locator('#tail-from').selectOption('timestamp');
    await panel.locator('#tail-time').fill(localDateTime(start));
    await panel.locator('#tail-restart').click();
    await row(later.partition, later.offset).waitFor({ timeout: UI_MS });
    await panel.locator('#tail-status[data-state="live"]').waitFor({ timeout: UI_MS });
    const values = await panel.locator('tr.record .r-value').allTextContents();
    assert.deepEqual(values, ['after-the-time']);
  });

  it('exports the visible records to a JSON file chosen in the save dialog', async () => {
    await panel.locator('#export-json').click();
    await saveAsProposed(`${topic}.json`);
    const status = panel.locator('#export-status', { hasText: 'Saved' });
    await status.waitFor({ timeout: UI_MS });
    const path = ((await status.textContent()) ?? '').replace(/^Saved /, '');
    assert.ok(existsSync(path), path);
    const exported = JSON.parse(readFileSync(path, 'utf8')) as { value: string }[];
    assert.deepEqual(exported.map((record) => record.value), ['after-the-time']);
  });

  it('takes a screenshot of the panel with records', async () => {
    await panel.locator('#tail-from').selectOption('earliest');
    await panel.locator('#tail-restart').click();
    await waitFor(async () => (await panel.locator('tr.record').count()) === 3, { what: 'all three records', timeoutMs: UI_MS });
    await panel.locator('tr.record').first().click();
    await screenshotForDocs(workbench(), resultsDir('e2e'), 'produce-tail.png');
  });
  it('produces 20 records at 10 per second from a {{counter}} template, and Show in Tail shows exactly those', async () => {
    // Every text the result line shows, kept by an observer in the webview: progress is only passing.
    await panel.evaluate(`(() => {
      window.resultTexts = [];
      new MutationObserver(() => window.resultTexts.push(document.getElementById('produce-result').textContent))
        .observe(document.getElementById('produce-result'), { childList: true, characterData: true, subtree: true });
    })()`);
    await panel.locator('#key').fill('');
    await panel.locator('#value').fill('rate-{{counter}}');
    await panel.locator('#count').fill('20');
    await panel.locator('#rate').fill('10');
    const startedAt = Date.now();
    await panel.locator('#produce').click();
    const done = panel.locator('#produce-result', { hasText: /^Produced 20 of 20; last at partition \d+, offset \d+$/ });
    await done.waitFor({ timeout: UI_MS });
    // At 10 per second the 20th record is due 1.9 s after the first: sent any sooner, the rate was not kept.
    assert.ok(Date.now() - startedAt >= 1_500, `20 records at 10/s took only ${Date.now() - startedAt} ms`);
    const texts = await panel.evaluate<string[]>('window.resultTexts');
    assert.ok(texts.some((text) => /^Producing… ([1-9]|1[0-9]) of 20;/.test(text)), `progress while producing: ${texts.join(' | ')}`);
    await panel.locator('#show-produced:not([hidden])').waitFor({ timeout: UI_MS });
    const expected = Array.from({ length: 20 }, (_, i) => `rate-${i + 1}`);

    // The live tail (from earliest, after the screenshot) has them among the older records.
    await waitForTailCount('23 records');
    const tailed = (await shownRows()).filter((shown) => shown.value?.startsWith('rate-') === true);
    assert.deepEqual(tailed.map((shown) => shown.value).sort(), [...expected].sort());

    await panel.locator('#show-produced').click();
    await waitFor(async () => (await tailCount()) === '20 records' && (await panel.locator('tr.record.marked').count()) > 0, {
      what: 'the tail to show just the 20 records produced',
      timeoutMs: UI_MS,
      intervalMs: 100,
    });
    const jumped = await shownRows();
    assert.equal(jumped.length, 20);
    assert.deepEqual(jumped.map((shown) => shown.value).sort(), [...expected].sort());
    assert.ok(jumped.every((shown) => shown.marked && shown.key === null), 'every record shown is marked as just produced');
    // The last one produced is at the offset the result line names.
    const last = /partition (\d+), offset (\d+)$/.exec((await done.textContent()) ?? '');
    assert.ok(last);
    assert.equal(jumped.find((shown) => shown.value === 'rate-20')?.offset, last[2]);
    assert.equal(jumped.find((shown) => shown.value === 'rate-20')?.partition, Number(last[1]));
    await panel.locator('#count').fill('1');
    await panel.locator('#rate').fill('');
  });

  it('pauses the tail while another client produces, resumes with what it missed, and clears', async () => {
    await tailFromLatest();
    await produceOutside(['before-pause']);
    await waitForTailCount('1 records');

    await panel.locator('#pause-tail').click();
    // Produced at once, while a fetch begun before the pause may still be waiting for records.
    await produceOutside(['while-paused-1', 'while-paused-2', 'while-paused-3']);
    await panel.locator('#tail-status[data-state="paused"]').waitFor({ timeout: UI_MS });
    assert.equal(await panel.locator('#pause-tail').textContent(), 'Resume');
    assert.equal(await panel.locator('#pause-tail').getAttribute('aria-pressed'), 'true');
    // That nothing arrives can only be watched for a while: several of the tail's fetch rounds (500 ms each).
    const watchUntil = Date.now() + 3_000;
    while (Date.now() < watchUntil) {
      assert.equal(await tailCount(), '1 records', 'the paused list changed');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.deepEqual((await shownRows()).map((shown) => shown.value), ['before-pause']);

    await panel.locator('#pause-tail').click();
    await panel.locator('#tail-status[data-state="live"]').waitFor({ timeout: UI_MS });
    assert.equal(await panel.locator('#pause-tail').getAttribute('aria-pressed'), 'false');
    await waitForTailCount('4 records');
    assert.deepEqual(
      (await shownRows()).map((shown) => shown.value).sort(),
      ['before-pause', 'while-paused-1', 'while-paused-2', 'while-paused-3'],
    );

    await panel.locator('#clear-tail').click();
    await waitForTailCount('0 records');
    assert.equal(await panel.locator('tr.record').count(), 0);
    await produceOutside(['after-clear-1', 'after-clear-2']);
    await waitForTailCount('2 records');
    assert.deepEqual((await shownRows()).map((shown) => shown.value).sort(), ['after-clear-1', 'after-clear-2']);
  });

  it('sends an entry of the recent sends again: the same key, value and headers at a new offset', async () => {
    assert.ok(first !== undefined, 'the first record was produced');
    await panel.locator('#history-box > summary').click();
    const entry = panel.locator('#history li.history-entry', { hasText: 'order-7: {"hello":"world"}' }).first();
    await entry.waitFor({ timeout: UI_MS });
    const result = panel.locator('#produce-result');
    const before = (await result.textContent()) ?? '';
    await entry.locator('button', { hasText: 'Send again' }).click();
    await waitFor(async () => {
      const text = (await result.textContent()) ?? '';
      return text !== before && /^Produced to partition \d+ at offset \d+$/.test(text);
    }, { what: 'the result of sending again', timeoutMs: UI_MS, intervalMs: 100 });
    const match = /^Produced to partition (\d+) at offset (\d+)$/.exec((await result.textContent()) ?? '');
    assert.ok(match);
    const again = { partition: Number(match[1]), offset: match[2] ?? '' };
    // Same key, so the same partition (murmur2), later in it.
    assert.equal(again.partition, first.partition);
    assert.ok(BigInt(again.offset) > BigInt(first.offset), `${again.offset} after ${first.offset}`);
    const tailed = row(again.partition, again.offset);
    await tailed.waitFor({ timeout: UI_MS });
    assert.equal(await tailed.locator('.r-key').textContent(), 'order-7');
    assert.equal(await tailed.locator('.r-value').textContent(), '{"hello":"world"}');
    assert.equal(await tailed.locator('.r-headers').textContent(), 'trace=abc-123');
    // The entry sent again is now the most recent one.
    assert.match((await panel.locator('#history li.history-entry').first().textContent()) ?? '', /^order-7: \{"hello":"world"\}/);
  });

  it('exports the visible records to CSV, quoting commas, quotes and newlines', async () => {
    const awkward = 'a,b "quoted"\nsecond line';
    await panel.locator('#key').fill('csv-key');
    await panel.locator('#add-header').click();
    await panel.locator('#header-rows .header-key').first().fill('note');
    await panel.locator('#header-rows .header-value').first().fill('x,y');
    const awkwardAt = await produce(awkward);
    await panel.locator('#header-rows .remove-header').first().click();
    const plainAt = await produce('plain');
    // Only what the filter lets through is exported.
    await panel.locator('#tail-filter-mode').selectOption('text');
    await panel.locator('#tail-filter').fill('csv-key');
    await waitFor(async () => /^2 of \d+ records match$/.test(await tailCount()), { what: 'the two csv-key records to match', timeoutMs: UI_MS, intervalMs: 100 });

    await panel.locator('#export-csv').click();
    await saveAsProposed(`${topic}.csv`);
    const status = panel.locator('#export-status', { hasText: /^Saved .*\.csv$/ });
    await status.waitFor({ timeout: UI_MS });
    const path = ((await status.textContent()) ?? '').replace(/^Saved /, '');
    const text = readFileSync(path, 'utf8');
    assert.ok(text.startsWith('partition,offset,timestamp,key,value,headers\r\n'), text);
    // Quoted as RFC 4180 says: the whole field in quotes, quotes doubled, the newline kept inside.
    assert.ok(text.includes(',csv-key,"a,b ""quoted""\nsecond line","{""note"":""x,y""}"\r\n'), text);
    const [header, ...rows] = parseCsv(text);
    assert.deepEqual(header, ['partition', 'offset', 'timestamp', 'key', 'value', 'headers']);
    assert.equal(rows.length, 2);
    // Newest first, as the tail shows them.
    const [plainRow, awkwardRow] = rows;
    assert.deepEqual([plainRow[0], plainRow[1], plainRow[3], plainRow[4], plainRow[5]], [String(plainAt.partition), plainAt.offset, 'csv-key', 'plain', '']);
    assert.deepEqual([awkwardRow[0], awkwardRow[1], awkwardRow[3], awkwardRow[4], awkwardRow[5]], [
      String(awkwardAt.partition),
      awkwardAt.offset,
      'csv-key',
      awkward,
      '{"note":"x,y"}',
    ]);
    for (const exported of rows) assert.match(exported[2] ?? '', /^\d{13}$/);
    await panel.locator('#tail-filter').fill('');
  });

  it('names every visible control for screen readers and announces results, errors and drops', async () => {
    // Show as much of the panel as there is: a header row, the offset field, a record's details.
    await panel.locator('#add-header').click();
    await panel.locator('#tail-from').selectOption('offset');
    await panel.locator('tr.record').first().click();
    await panel.locator('#record-details:not([hidden])').waitFor({ timeout: UI_MS });
    await panel.locator('#history-box[open]').waitFor({ timeout: UI_MS });

    // The audit finds what it looks for: an unnamed button and a field named only by its placeholder.
    await panel.evaluate(`(() => {
      const probe = document.createElement('div');
      probe.id = 'audit-probe';
      probe.append(document.createElement('button'), Object.assign(document.createElement('input'), { placeholder: 'only a placeholder' }));
      document.body.append(probe);
    })()`);
    const probed = (await panel.evaluate<AuditedControl[]>(AUDIT_NAMES)).filter((control) => control.name === '');
    await panel.evaluate(`document.getElementById('audit-probe').remove()`);
    assert.deepEqual(probed.map((control) => `${control.what} (${control.from})`), ['button (nothing)', 'input (placeholder only)']);

    const controls = await panel.evaluate<AuditedControl[]>(AUDIT_NAMES);
    const unnamed = controls.filter((control) => control.name === '');
    assert.deepEqual(unnamed, [], `controls without an accessible name:\n${unnamed.map((control) => `${control.what} (${control.from})`).join('\n')}`);
    const named = (what: string): string | undefined => controls.find((control) => control.what.startsWith(what))?.name;
    // The audit did see the panel's parts, and their names are the words on screen.
    assert.equal(named('textarea#value'), 'Value');
    assert.equal(named('input#key'), 'Key');
    assert.equal(named('select#compression'), 'Compression');
    assert.equal(named('input.header-key'), 'Header 1 name');
    assert.equal(named('button.secondary.icon.remove-header'), 'Remove header 1');
    assert.equal(named('input#tail-offset'), 'Offset');
    assert.equal(named('button#produce'), 'Produce');
    assert.match(named('div#tail-viewport') ?? '', /^Tailed records, newest first\./);
    assert.ok(controls.some((control) => control.what.startsWith('tr.record') && control.from === 'content'), 'the audit saw the record rows');
    assert.ok(controls.some((control) => control.name === 'Close record details'), 'the audit saw the details');
    assert.ok(controls.filter((control) => control.name.startsWith('Send again: recent send')).length > 0, 'the audit saw the recent sends');

    // The same names as playwright's own accessible-name computation finds them.
    await panel.getByRole('grid', { name: /^Tailed records/ }).waitFor({ timeout: UI_MS });
    await panel.getByRole('button', { name: 'Close record details' }).waitFor({ timeout: UI_MS });
    await panel.getByRole('textbox', { name: 'Value', exact: true }).waitFor({ timeout: UI_MS });
    // The details are a region named by their heading.
    const heading = (await panel.locator('#details-heading').textContent()) ?? '';
    assert.match(heading, /^Partition \d+ · offset \d+ · /);
    await panel.getByRole('region', { name: heading }).waitFor({ timeout: UI_MS });

    // What changes on its own is announced: results and notices politely, errors at once.
    const regions = await panel.evaluate<Record<string, { role: string | null; live: string | null }>>(`(() => {
      const of = (id) => { const el = document.getElementById(id); return { role: el.getAttribute('role'), live: el.getAttribute('aria-live') }; };
      return Object.fromEntries(['produce-result', 'tail-announce', 'tail-count', 'tail-dropped', 'tail-status', 'export-status', 'error', 'filter-error'].map((id) => [id, of(id)]));
    })()`);
    assert.deepEqual(regions['produce-result'], { role: 'status', live: 'polite' });
    // The count and the dropped notice change every frame while records stream: not live, or a screen
    // reader would read each change; the announcer says the first drop and a filter's result instead.
    assert.deepEqual(regions['tail-announce'], { role: 'status', live: 'polite' });
    assert.deepEqual(regions['tail-count'], { role: null, live: null });
    assert.deepEqual(regions['tail-dropped'], { role: null, live: null });
    assert.deepEqual(regions['tail-status'], { role: 'status', live: 'polite' });
    assert.equal(regions['export-status']?.role, 'status', 'role=status is polite by default');
    assert.equal(regions['error']?.role, 'alert');
    assert.equal(regions['filter-error']?.role, 'alert');

    await panel.locator('#record-details button[aria-label="Close record details"]').click();
    await panel.locator('#record-details').waitFor({ state: 'hidden', timeout: UI_MS });
    await panel.locator('#tail-from').selectOption('latest');
    await panel.locator('#header-rows .remove-header').first().click();
  });

  it('produces and reads records from the keyboard alone, with the focused row drawn as focused', async () => {
    const page = workbench().page;
    const focused = (): Promise<string> =>
      panel.evaluate<string>(`(() => { const a = document.activeElement; return a === null ? '' : a.id || a.className || a.tagName; })()`);
    const result = panel.locator('#produce-result');
    const waitForProduced = async (before: string): Promise<{ partition: number; offset: string }> => {
      await waitFor(async () => {
        const text = (await result.textContent()) ?? '';
        return text !== before && /^Produced to partition \d+ at offset \d+$/.test(text);
      }, { what: 'the produce result', timeoutMs: UI_MS, intervalMs: 100 });
      const match = /^Produced to partition (\d+) at offset (\d+)$/.exec((await result.textContent()) ?? '');
      assert.ok(match);
      return { partition: Number(match[1]), offset: match[2] ?? '' };
    };
    /** Presses Tab until `id` has focus; returns the ids passed on the way. */
    const tabTo = async (id: string, most: number): Promise<string[]> => {
      const passed: string[] = [];
      for (let i = 0; i < most; i++) {
        await page.keyboard.press('Tab');
        const now = await focused();
        if (now === id) return passed;
        passed.push(now);
      }
      assert.fail(`Tab did not reach #${id} in ${most} presses: ${passed.join(' → ')}`);
    };
    await panel.locator('#key').fill('');
    await panel.locator('#value').fill('');
    await panel.locator('#compression').selectOption('none');

    // Focus the panel once; from here on only the keyboard.
    await panel.locator('#key').click();
    await page.keyboard.type('kbd-key');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'value');
    await page.keyboard.type('typed-1');
    let before = (await result.textContent()) ?? '';
    await page.keyboard.press('Control+Enter');
    const first = await waitForProduced(before);
    assert.equal(await focused(), 'value', 'Ctrl+Enter leaves focus in the value');

    await page.keyboard.press('Backspace');
    await page.keyboard.type('2');
    await tabTo('produce', 15);
    before = (await result.textContent()) ?? '';
    await page.keyboard.press('Enter');
    const second = await waitForProduced(before);
    assert.equal(second.partition, first.partition, 'the same key, the same partition');
    assert.equal(await focused(), 'produce', 'focus stays on Produce while and after it sends');
    await row(second.partition, second.offset).waitFor({ timeout: UI_MS });
    await row(first.partition, first.offset).waitFor({ timeout: UI_MS });

    const passed = await tabTo('tail-viewport', 60);
    for (const stop of ['tail-from', 'tail-restart', 'tail-filter', 'pause-tail', 'export-csv']) {
      assert.ok(passed.includes(stop), `Tab passes ${stop} on the way to the list: ${passed.join(' → ')}`);
    }

    const selected = panel.locator('tr.record.selected');
    const selectedAt = async (): Promise<string> => `${await selected.getAttribute('data-partition')}:${await selected.getAttribute('data-offset')}`;
    const waitForSelected = (record: { partition: number; offset: string }): Promise<unknown> =>
      waitFor(async () => (await selected.count()) === 1 && (await selectedAt()) === `${record.partition}:${record.offset}`, {
        what: `row ${record.partition}:${record.offset} to be selected`,
        timeoutMs: UI_MS,
        intervalMs: 50,
      });
    // Newest first: typed-2 is the first row (Home), typed-1 the second. (A row may still be selected
    // from before: the selection follows its record as new ones arrive above it.)
    await page.keyboard.press('Home');
    await waitForSelected(second);
    await page.keyboard.press('ArrowDown');
    await waitForSelected(first);
    await page.keyboard.press('ArrowUp');
    await waitForSelected(second);
    assert.equal(await focused(), 'tail-viewport');
    assert.equal(await selected.getAttribute('aria-selected'), 'true');
    assert.equal(await selected.getAttribute('id'), await panel.locator('#tail-viewport').getAttribute('aria-activedescendant'));
    const ring = await panel.evaluate<{ style: string; width: string }>(`(() => {
      const style = getComputedStyle(document.querySelector('tr.record.selected'));
      return { style: style.outlineStyle, width: style.outlineWidth };
    })()`);
    assert.notEqual(ring.style, 'none', 'the focused row has an outline');
    assert.ok(parseFloat(ring.width) >= 1, `the focused row's outline is ${ring.width} wide`);

    await page.keyboard.press('Enter');
    await panel.locator('#record-details:not([hidden])').waitFor({ timeout: UI_MS });
    assert.equal(await panel.locator('#record-details .details-value').textContent(), 'typed-2');
    assert.match((await panel.locator('#details-heading').textContent()) ?? '', new RegExp(`^Partition ${second.partition} · offset ${second.offset} · `));
    assert.equal(await panel.evaluate<boolean>(`document.getElementById('record-details').contains(document.activeElement)`), true, 'focus moved into the details');

    await page.keyboard.press('Escape');
    await panel.locator('#record-details').waitFor({ state: 'hidden', timeout: UI_MS });
    assert.equal(await focused(), 'tail-viewport', 'Escape returns focus to the list');
    // The list goes on from the row whose details were open.
    assert.equal(await selectedAt(), `${second.partition}:${second.offset}`);
    await page.keyboard.press('ArrowDown');
    await waitForSelected(first);
  });

  it('produces a zstd record from the panel: the tail and kcat read it, and the stored batch is zstd', async () => {
    const bootstrap = `127.0.0.1:${workbench().clusterPort}`;
    // Under the 500 characters a tail row shows, and repetitive, so zstd has something to squeeze.
    const value = `zstd-from-the-panel ${'compressible '.repeat(30)}`.trim();
    assert.equal(await panel.locator('#compression option[value="zstd"]').isDisabled(), false, 'zstd is offered');
    await panel.locator('#compression').selectOption('zstd');
    await panel.locator('#key').fill('zstd-key');
    const produced = await produce(value);
    const tailed = row(produced.partition, produced.offset);
    await tailed.waitFor({ timeout: UI_MS });
    assert.equal(await tailed.locator('.r-value').textContent(), value);
    assert.equal(await tailed.locator('.r-key').textContent(), 'zstd-key');

    const kcat = await runKcat(
      ['-C', '-b', bootstrap, '-t', topic, '-p', String(produced.partition), '-o', produced.offset, '-c', '1', '-e', '-q', '-f', '%k|%s\\n'],
      { timeoutMs: 60_000 },
    );
    assert.equal(kcat.exitCode, 0, kcat.stderr);
    assert.equal(kcat.stdout, `zstd-key|${value}\n`);

    // The codec is in the stored batch's attributes, which no client shows: fetch the raw batch from the leader.
    const seed = await RawConnection.connect(workbench().clusterPort);
    let leaderPort: number;
    try {
      const meta = await seed.request(MetadataApi, 12, {
        topics: [{ topicId: ZERO_UUID, name: topic }],
        allowAutoTopicCreation: false,
        includeClusterAuthorizedOperations: false,
        includeTopicAuthorizedOperations: false,
      });
      const leaderId = meta.topics[0]?.partitions.find((p) => p.partitionIndex === produced.partition)?.leaderId;
      const leader = meta.brokers.find((broker) => broker.nodeId === leaderId);
      assert.ok(leader, `a leader for partition ${produced.partition}`);
      leaderPort = leader.port;
    } finally {
      seed.close();
    }
    const conn = await RawConnection.connect(leaderPort);
    try {
      const offset = BigInt(produced.offset);
      const batches = await fetchStoredBatches(conn, topic, produced.partition, offset);
      const batch = batches.find((b) => b.baseOffset <= offset && offset <= b.baseOffset + BigInt(b.lastOffsetDelta));
      assert.ok(batch, `a batch holding offset ${produced.offset}`);
      assert.equal(batch.attributes & 7, Compression.Zstd, `attributes ${batch.attributes}: codec ${batch.attributes & 7}`);
      // Compressed for real: the batch is smaller than the value it carries.
      assert.ok(batch.bytes.length < value.length, `a ${batch.bytes.length}-byte batch for a ${value.length}-byte value`);
    } finally {
      conn.close();
    }
    await panel.locator('#compression').selectOption('none');
  });
});
