// End-to-end: the Produce & Tail panel in a real VS Code (code-server) in chromium: a topic created
// through the UI, a record with headers produced and tailed, filters (and a bad regex refused in
// place), a hostile value shown as text, a tail started from a time, and an export read back from disk.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Locator } from 'playwright-core';
import { waitFor } from '../support/waitFor.js';
import { screenshotForDocs } from './support/screenshots.js';
import { notification, quickInput } from './support/sideBar.js';
import { resultsDir, UI_MS, useWorkbench } from './support/useWorkbench.js';

const screenshots = resultsDir(join('e2e', 'panel'));
const topic = 'e2e-panel';
const hostile = '<img src=x onerror=alert(1)>';

/** `date` as a datetime-local value in the browser's (and this machine's) time zone, to the second. */
function localDateTime(date: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

describe('Produce & Tail panel in VS Code', () => {
  const workbench = useWorkbench({ results: screenshots, openKafkaView: true, waitForCluster: true });
  let panel: Frame;
  let dialogs = 0;

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
    // code-server's save dialog is a quick input holding the proposed path.
    await workbench().page.locator('.quick-input-widget').waitFor({ timeout: UI_MS });
    await quickInput(workbench().page).press('Enter');
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
});
