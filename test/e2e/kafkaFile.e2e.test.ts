// End-to-end: a `.kafka` file in a real VS Code (code-server) against the embedded cluster: a
// diagnostic for a misspelt property, topic completion from the cluster, the Produce lens showing
// the record in the Produce & Tail panel's tail, the panel's result for a block's run (once and ×10)
// jumping the tail to exactly those records, and a consumer started and stopped from its lens.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Kafka } from 'kafkajs';
import type { Frame, Locator } from 'playwright-core';
import { kafkajsClient } from '../compat/support/clients.js';
import { waitFor } from '../support/waitFor.js';
import { screenshotForDocs } from './support/screenshots.js';
import { openWorkspaceFile } from './support/sideBar.js';
import { resultsDir, UI_MS, useWorkbench, waitForClusterRunning } from './support/useWorkbench.js';

const screenshots = resultsDir('e2e-kafka-file');

const topic = 'kafka-file-orders';
const earlyValue = 'written-before-the-panel-opened';
const producedValue = '{"order": 42, "item": "coffee"}';

// Line numbers (1-based, for Go to Line) of the lines the test edits.
const FILE = [
  '-- Produce and consume from the editor',
  'PRODUCER first-order',
  `topic: ${topic}`,
  'key: order-42',
  'value-format: json',
  producedValue,
  '',
  '###',
  '',
  'PRODUCER misspelt',
  `topik: ${topic}`,
  'hello',
  '',
  '###',
  '',
  'CONSUMER kafka-file-group',
  'topic: kafka-file-o',
  'from: earliest',
  '',
].join('\n');
const CONSUMER_TOPIC_LINE = 17;

describe('.kafka files in VS Code', () => {
  const workbench = useWorkbench({ results: screenshots, workspaceFiles: { 'orders.kafka': FILE } });
  let kafka: Kafka;

  const lens = (title: string | RegExp): Locator => workbench().page.locator('.contentWidgets .codelens-decoration a', { hasText: title }).first();
  /** Brings the .kafka file's tab to the front (the panel takes the editor area) and scrolls to its end, where the consumer is. */
  const showKafkaFile = async (): Promise<void> => {
    const page = workbench().page;
    await page.locator('.tabs-container .tab', { hasText: 'orders.kafka' }).first().click({ timeout: UI_MS });
    await page.locator('.monaco-editor .view-lines', { hasText: 'topic:' }).first().click({ timeout: UI_MS });
    await page.keyboard.press('Control+End');
  };
  const panelFrame = (): Promise<Frame> => workbench().webviewFrame('#produce-form', UI_MS);

  before(() => {
    kafka = kafkajsClient(`127.0.0.1:${workbench().clusterPort}`, { clientId: 'kafka-file-e2e' });
  });

  it('starts the cluster; a topic and an early record exist', async () => {
    await waitForClusterRunning(workbench(), `127.0.0.1:${workbench().clusterPort}`);
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    } finally {
      await admin.disconnect();
    }
    const producer = kafka.producer();
    await producer.connect();
    try {
      await producer.send({ topic, messages: [{ key: 'early', value: earlyValue }] });
    } finally {
      await producer.disconnect();
    }
  });

  it('opens the .kafka file and reports the misspelt property', async () => {
    const page = workbench().page;
    await openWorkspaceFile(page, 'orders.kafka', 'PRODUCER first-order');
    await page.keyboard.press('Control+Shift+M');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'Unknown PRODUCER property "topik"' }).first();
    await problem.waitFor({ timeout: UI_MS });
    assert.match((await problem.textContent()) ?? '', /Did you mean "topic"/);
  });

  it('completes a topic name from the cluster', async () => {
    const page = workbench().page;
    // Back to the editor, on the consumer's half-typed topic.
    await page.locator('.monaco-editor .view-lines', { hasText: 'PRODUCER first-order' }).first().click();
    await page.keyboard.press('Control+G');
    await page.keyboard.type(String(CONSUMER_TOPIC_LINE));
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: topic }).first();
    // The first request may come before the server has heard of the topic: ask again until offered.
    await waitFor(
      async () => {
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+Space');
        await suggestion.waitFor({ timeout: 3_000 }).catch(() => undefined);
        return (await suggestion.count()) > 0;
      },
      { what: `${topic} in the suggestions`, timeoutMs: UI_MS, intervalMs: 250 },
    );
    await page.keyboard.press('Enter');
    // The edited line is the one under the cursor; it now names the whole topic.
    await page.locator('.monaco-editor .view-overlays .current-line').first().waitFor({ timeout: UI_MS });
    await waitFor(
      async () => (await page.locator('.monaco-editor .view-line').allTextContents()).some((text) => text.replace(/\u00a0/g, ' ') === `topic: ${topic}`),
      { what: `the completed line "topic: ${topic}"`, timeoutMs: UI_MS, intervalMs: 200 },
    );
    // The unknown-topic finding for the half-typed name goes away with it.
    await waitFor(async () => (await page.locator('.markers-panel .monaco-list-row', { hasText: 'kafka-file-o"' }).count()) === 0, {
      what: 'the unknown topic problem to go away',
      timeoutMs: UI_MS,
      intervalMs: 200,
    });
  });

  it('produces the block from its Produce lens and shows the record in the tail', async () => {
    // The lens sits above line 2: scroll to the top so it is rendered.
    await workbench().page.keyboard.press('Control+Home');
    // Code lenses are redrawn when the file's findings change (the completion above just changed them),
    // and a click that lands during a redraw runs nothing: click again if no panel follows.
    let frame: Frame | undefined;
    for (let attempt = 1; frame === undefined; attempt++) {
      await lens(/^\S*\s*Produce$/).waitFor({ timeout: UI_MS });
      await lens(/^\S*\s*Produce$/).click();
      try {
        frame = await workbench().webviewFrame('#produce-form', attempt < 3 ? 15_000 : UI_MS);
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
    const row = frame.locator('tr.record', { has: frame.locator('.r-value', { hasText: producedValue }) }).first();
    await row.waitFor({ timeout: UI_MS });
    assert.equal(await row.locator('.r-key').textContent(), 'order-42');
  });

  it("shows the block's result in the panel, whose Show in Tail jumps to exactly the records produced", async () => {
    const block = 'from block "first-order" of orders\\.kafka';
    /** Clicks Show in Tail and returns the rows the tail then shows (all drawn: a jump shows few). */
    const jump = async (frame: Frame, count: number): Promise<{ offset: string; value: string; marked: boolean }[]> => {
      await frame.locator('#show-produced:not([hidden])').click({ timeout: UI_MS });
      await waitFor(async () => (await frame.locator('#tail-count').textContent()) === `${count} records` && (await frame.locator('tr.record.marked').count()) === count, {
        what: `the tail to show just the ${count} record(s) produced`,
        timeoutMs: UI_MS,
        intervalMs: 100,
      });
      const rows = [];
      for (const shown of await frame.locator('tr.record').all()) {
        rows.push({
          offset: (await shown.getAttribute('data-offset')) ?? '',
          value: (await shown.locator('.r-value').textContent()) ?? '',
          marked: /\bmarked\b/.test((await shown.getAttribute('class')) ?? ''),
        });
      }
      return rows;
    };

    let frame = await panelFrame();
    const once = frame.locator('#produce-result', { hasText: new RegExp(`^Produced to partition 0 at offset (\\d+) ${block}$`) });
    await once.waitFor({ timeout: UI_MS });
    const offset = Number(/offset (\d+)/.exec((await once.textContent()) ?? '')?.[1]);
    // The topic's first record was written from outside before the block ran.
    assert.ok(offset >= 1, `offset ${offset}`);
    assert.deepEqual(await jump(frame, 1), [{ offset: String(offset), value: producedValue, marked: true }]);

    // Produce ×10 from the block: ten records, and the jump shows those ten, newest first.
    await showKafkaFile();
    await workbench().page.keyboard.press('Control+Home');
    await lens('Produce ×10').waitFor({ timeout: UI_MS });
    await lens('Produce ×10').click();
    frame = await panelFrame();
    const ten = frame.locator('#produce-result', { hasText: new RegExp(`^Produced 10 records ${block}; last at partition 0, offset ${offset + 10}$`) });
    await ten.waitFor({ timeout: UI_MS });
    const expected = Array.from({ length: 10 }, (_, i) => ({ offset: String(offset + 10 - i), value: producedValue, marked: true }));
    assert.deepEqual(await jump(frame, 10), expected);
  });

  it('starts a consumer from its lens, streams what it reads into the panel, and stops it', async () => {
    // The panel took the editor area: bring the .kafka file back beside it.
    await showKafkaFile();
    await lens('Start consumer').waitFor({ timeout: UI_MS });
    await lens('Start consumer').click();
    const frame = await panelFrame();
    // Written before the panel existed, so only the consumer (from: earliest) can have shown it.
    await frame.locator('tr.record .r-value', { hasText: earlyValue }).first().waitFor({ timeout: UI_MS });
    await showKafkaFile();
    await lens('Stop consumer').waitFor({ timeout: UI_MS });
    await screenshotForDocs(workbench(), screenshots, 'kafka-file.png');
    await lens('Stop consumer').click();
    await lens('Start consumer').waitFor({ timeout: UI_MS });
  });
});
