// End-to-end: the Produce & Tail panel in a real VS Code (code-server in chromium) tailing a
// three-partition topic while a producer outside the editor (kafkajs) writes about 10,000 records a
// second: every record is accounted for (shown + "older records dropped"), the list stays virtualised,
// and filtering, Pause and Resume take effect while records stream. Then the tail restarts from
// Earliest on 300,000 more records (kcat): the host's flow control keeps the panel responsive.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kafka, Producer } from 'kafkajs';
import type { Frame } from 'playwright-core';
import { kafkajsClient } from '../compat/support/clients.js';
import { runKcat } from '../support/kcat.js';
import { tempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';
import { quickInput } from './support/sideBar.js';
import { resultsDir, UI_MS, useWorkbench } from './support/useWorkbench.js';

const screenshots = resultsDir(join('e2e', 'tailRate'));
const topic = 'e2e-tail-rate';
const PARTITIONS = 3;
const RATE_PER_SECOND = 10_000;
/** The producer runs at least until it has sent this many, and until the test has done its checks. */
const AT_LEAST = 50_000;
const TICK_MS = 10;
/** Liveness bound for the panel to catch up with everything produced: generous, the machine is shared. */
const CATCH_UP_MS = 180_000;
/** A virtualised list renders a screenful of rows plus overscan, never thousands. */
const MAX_RENDERED_ROWS = 200;
/** Records written at once by kcat for the tail to catch up on from Earliest. */
const BULK = 300_000;
/** The webview's list holds this many (webview/tailBuffer.ts). */
const TAIL_CAPACITY = 10_000;

/** Record i's value: sortable, unique, about 100 bytes. */
function valueOf(index: number): string {
  return `rec-${String(index).padStart(7, '0')}-${'x'.repeat(86)}`;
}

/** Produces at a steady rate, in order, until asked to stop and at least `atLeast` records are acknowledged. */
class PacedProducer {
  acknowledged = 0;
  private stopRequested = false;
  readonly done: Promise<void>;

  constructor(
    private readonly producer: Producer,
    private readonly atLeast: number,
  ) {
    this.done = this.run();
  }

  /** Lets the producer finish once it has reached `atLeast`. */
  stop(): void {
    this.stopRequested = true;
  }

  private async run(): Promise<void> {
    const started = Date.now();
    let sent = 0;
    while (!(this.stopRequested && sent >= this.atLeast)) {
      const due = Math.floor(((Date.now() - started) / 1000) * RATE_PER_SECOND);
      const count = Math.min(due - sent, 2_000);
      if (count <= 0) {
        await new Promise((resolve) => setTimeout(resolve, TICK_MS));
        continue;
      }
      const messages = Array.from({ length: count }, (_, i) => {
        const index = sent + i;
        return { key: `k${index % 10}`, value: valueOf(index), partition: index % PARTITIONS };
      });
      await this.producer.send({ topic, acks: 1, messages });
      sent += count;
      this.acknowledged = sent;
    }
  }
}

/** What the panel accounts for: records it holds plus the older ones it says it dropped. */
interface Accounting {
  held: number;
  dropped: number;
  droppedVisible: boolean;
  renderedRows: number;
}

// Runs inside the webview (a string: this project's Node types have no DOM). Read after the next
// animation frame, when the counts drawn match the records received.
const READ_ACCOUNTING = `new Promise((resolve) => requestAnimationFrame(() => {
  const count = document.getElementById('tail-count')?.textContent ?? '';
  const notice = document.getElementById('tail-dropped');
  const droppedText = notice?.textContent ?? '';
  const number = (text) => Number((text ?? '0').replace(/,/g, ''));
  const counts = count.match(/[\\d,]+/g) ?? [];
  resolve({
    held: number(counts[counts.length - 1]),
    dropped: number(/^([\\d,]+) older record/.exec(droppedText)?.[1]),
    droppedVisible: notice !== null && notice.offsetParent !== null && droppedText !== '',
    renderedRows: document.querySelectorAll('tr.record').length,
  });
}))`;

// Counts, inside the webview, the records tail batches bring and the records the host says it let go,
// per list epoch (batches of an older epoch were on their way when the list restarted, and are ignored).
const COUNT_RECEIVED = `(() => {
  window.__tailReceived = {};
  window.addEventListener('message', (event) => {
    const data = event.data;
    if (data && data.type === 'tailRecords') {
      const counts = (window.__tailReceived[data.epoch ?? 0] ??= { records: 0, hostDropped: 0, batches: 0 });
      counts.records += data.records.length;
      counts.hostDropped += data.dropped ?? 0;
      counts.batches += 1;
    }
  });
})()`;
// What the batches of the latest epoch brought.
const RECEIVED_LATEST = `(() => {
  const epochs = Object.keys(window.__tailReceived).map(Number);
  return window.__tailReceived[Math.max(...epochs)];
})()`;

interface Received {
  records: number;
  hostDropped: number;
  batches: number;
}

async function accounting(panel: Frame): Promise<Accounting> {
  // "N records" or "N of M records match": the held total is the last number.
  return panel.evaluate<Accounting>(READ_ACCOUNTING);
}

describe('Produce & Tail panel at 10,000 records/s', () => {
  let kafka: Kafka | undefined;
  let producer: Producer | undefined;
  let paced: PacedProducer | undefined;
  const workbench = useWorkbench({
    results: screenshots,
    openKafkaView: true,
    waitForCluster: true,
    beforeClose: async () => {
      paced?.stop();
      await paced?.done.catch(() => undefined);
      await producer?.disconnect().catch(() => undefined);
    },
  });
  let panel: Frame;
  let maxRenderedRows = 0;
  /** What the paced producer wrote, once it has stopped. */
  let pacedTotal = 0;

  const account = async (): Promise<Accounting> => {
    const now = await accounting(panel);
    maxRenderedRows = Math.max(maxRenderedRows, now.renderedRows);
    return now;
  };

  it('opens the panel on a three-partition topic created outside the editor, tailing from latest', async () => {
    kafka = kafkajsClient(`127.0.0.1:${workbench().clusterPort}`, { clientId: 'kafka-workbench-e2e-tail-rate' });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true });
    } finally {
      await admin.disconnect();
    }
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();

    await workbench().runCommand('Kafka: Open Produce & Tail');
    const choice = workbench().page.locator('.quick-input-list .monaco-list-row', { hasText: topic }).first();
    await choice.waitFor({ timeout: UI_MS });
    await choice.click();
    panel = await workbench().webviewFrame('#tail-viewport', UI_MS);
    await panel.locator('#tail-status[data-state="live"]').waitFor({ timeout: UI_MS });
    assert.equal(await panel.locator('#tail-from').inputValue(), 'latest');
    // The quick pick is gone once the panel shows; nothing else holds the keyboard.
    assert.equal(await quickInput(workbench().page).isVisible(), false);
  });

  it('stays responsive while records stream: a filter, Pause and Resume take effect with the producer running', async () => {
    assert.ok(producer);
    paced = new PacedProducer(producer, AT_LEAST);
    await waitFor(async () => (await account()).held > 1_000, { what: 'the first records in the panel', timeoutMs: UI_MS });

    // A filter typed mid-stream narrows the list to its matches (keys k0..k9, one in ten).
    await panel.locator('#tail-filter').fill('k7');
    await waitFor(async () => / of [\d,]+ records match$/.test((await panel.locator('#tail-count').textContent()) ?? ''), {
      what: 'the filter to apply',
      timeoutMs: UI_MS,
    });
    const keys = await panel.locator('tr.record .r-key').allTextContents();
    assert.ok(keys.length > 0);
    assert.deepEqual([...new Set(keys)], ['k7']);
    await panel.locator('#tail-filter').fill('');
    await waitFor(async () => /^[\d,]+ records$/.test((await panel.locator('#tail-count').textContent()) ?? ''), {
      what: 'the filter to clear',
      timeoutMs: UI_MS,
    });

    // Pause: the host says so, and no record arrives afterwards while the producer carries on.
    await panel.locator('#pause-tail').click();
    await panel.locator('#pause-tail', { hasText: 'Resume' }).waitFor({ timeout: UI_MS });
    await panel.locator('#tail-status[data-state="paused"]').waitFor({ timeout: UI_MS });
    const atPause = await account();
    const sentAtPause = paced.acknowledged;
    await waitFor(() => paced !== undefined && paced.acknowledged >= sentAtPause + 5_000, {
      what: 'the producer to send 5,000 more records while paused',
      timeoutMs: UI_MS,
    });
    const stillPaused = await account();
    assert.equal(stillPaused.held + stillPaused.dropped, atPause.held + atPause.dropped, 'records arrived while paused');

    // Resume continues where the tail stopped.
    await panel.locator('#pause-tail').click();
    await panel.locator('#pause-tail', { hasText: 'Pause' }).waitFor({ timeout: UI_MS });
    await panel.locator('#tail-status[data-state="live"]').waitFor({ timeout: UI_MS });
    await waitFor(
      async () => {
        const now = await account();
        return now.held + now.dropped > atPause.held + atPause.dropped;
      },
      { what: 'records to flow again after Resume', timeoutMs: UI_MS },
    );
  });

  it('accounts for every record produced (shown + dropped), says how many were dropped, and shows the last one', async () => {
    assert.ok(paced);
    paced.stop();
    await paced.done;
    const produced = paced.acknowledged;
    pacedTotal = produced;
    assert.ok(produced >= AT_LEAST, `produced ${produced}`);

    let last: Accounting | undefined;
    await waitFor(
      async () => {
        last = await account();
        return last.held + last.dropped === produced;
      },
      { what: `the panel to account for all ${produced} records`, timeoutMs: CATCH_UP_MS, intervalMs: 250 },
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}; the panel last showed ${JSON.stringify(last)}`);
    });
    assert.ok(last);
    assert.ok(last.dropped > 0, 'the buffer is bounded, so older records were dropped');
    assert.ok(last.droppedVisible, 'the notice about dropped records is visible');
    assert.match((await panel.locator('#tail-dropped').textContent()) ?? '', /older records were dropped \(the tail keeps the newest/);
    assert.ok(maxRenderedRows > 0 && maxRenderedRows < MAX_RENDERED_ROWS, `rendered rows at most ${maxRenderedRows}`);

    // The newest end of the list (newest first: the top) holds the last record produced.
    await panel.locator('#tail-viewport').focus();
    await panel.locator('#tail-viewport').press('Home');
    await waitFor(async () => (await panel.evaluate<number>("document.getElementById('tail-viewport').scrollTop")) === 0, {
      what: 'the list scrolled to the newest records',
      timeoutMs: UI_MS,
    });
    const lastValue = valueOf(produced - 1);
    await panel.locator('#tail-filter').fill(lastValue.slice(0, 11));
    const row = panel.locator('tr.record', { has: panel.locator('.r-value', { hasText: lastValue }) });
    await row.waitFor({ timeout: UI_MS });
    assert.equal(await row.count(), 1);
    assert.equal(await row.getAttribute('data-partition'), String((produced - 1) % PARTITIONS));
    assert.equal((await account()).renderedRows, 1);
    await workbench().screenshot(join(screenshots, 'tail-rate-end.png'));
  });
  it('catches up from Earliest on 300,000 more records (kcat) without freezing: Pause takes effect mid-way, and shown + dropped = everything in the topic', async () => {
    assert.ok(pacedTotal > 0, 'the previous test wrote the paced records');
    const lines = Array.from({ length: BULK }, (_, i) => `bulk-${String(i).padStart(7, '0')}`).join('\n');
    const file = join(tempDir('tail-rate-bulk'), 'records.txt');
    writeFileSync(file, `${lines}\n`);
    const bootstrap = `127.0.0.1:${workbench().clusterPort}`;
    const kcat = await runKcat(['-P', '-b', bootstrap, '-t', topic, '-X', 'linger.ms=20', '-l', file], { timeoutMs: CATCH_UP_MS });
    assert.equal(kcat.exitCode, 0, kcat.stderr);
    // Everything in the topic, as its log ends say (the tail reads from the first offset, 0).
    assert.ok(kafka);
    const admin = kafka.admin();
    await admin.connect();
    let total: number;
    try {
      const ends = await admin.fetchTopicOffsets(topic);
      total = ends.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
    } finally {
      await admin.disconnect();
    }
    console.log(`The topic holds ${total} records (${pacedTotal} paced + ${BULK} written by kcat = ${pacedTotal + BULK})`);

    await panel.locator('#tail-filter').fill('');
    await waitFor(async () => /^[\d,]+ records$/.test((await panel.locator('#tail-count').textContent()) ?? ''), {
      what: 'the filter to clear',
      timeoutMs: UI_MS,
    });
    await panel.evaluate(COUNT_RECEIVED);
    await panel.locator('#tail-from').selectOption('earliest');
    await panel.locator('#tail-restart').click();
    await waitFor(async () => (await account()).held > 0, { what: 'the first records from earliest', timeoutMs: UI_MS });

    // Pause while it catches up: the click is handled, and the host hears of it, within a UI bound.
    const pressed = Date.now();
    await panel.locator('#pause-tail').click({ timeout: UI_MS });
    await panel.locator('#pause-tail', { hasText: 'Resume' }).waitFor({ timeout: UI_MS });
    await panel.locator('#tail-status[data-state="paused"]').waitFor({ timeout: UI_MS });
    const atPause = await account();
    console.log(`Pause took effect in ${Date.now() - pressed} ms, with ${atPause.held + atPause.dropped} of ${total} records accounted for`);

    await panel.locator('#pause-tail').click({ timeout: UI_MS });
    await panel.locator('#pause-tail', { hasText: 'Pause' }).waitFor({ timeout: UI_MS });
    let last: Accounting | undefined;
    await waitFor(
      async () => {
        last = await account();
        return last.held + last.dropped === total;
      },
      { what: `the panel to account for all ${total} records from earliest`, timeoutMs: CATCH_UP_MS, intervalMs: 250 },
    ).catch(async (error: unknown) => {
      const received = await panel.evaluate<Received>(RECEIVED_LATEST).catch(() => undefined);
      throw new Error(`${String(error)}; the panel last showed ${JSON.stringify(last)}, the webview received ${JSON.stringify(received)}`);
    });
    assert.ok(last);
    assert.equal(last.held, TAIL_CAPACITY);
    assert.equal(last.dropped, total - TAIL_CAPACITY);
    const received = await panel.evaluate<Received>(RECEIVED_LATEST);
    console.log(`The webview received ${received.records} records in ${received.batches} batches; the host let ${received.hostDropped} go`);
    assert.equal(received.records + received.hostDropped, total, 'every record read either reached the webview or was counted as let go');
    assert.ok(last.renderedRows > 0 && last.renderedRows < MAX_RENDERED_ROWS, `rendered rows ${last.renderedRows}`);
    await workbench().screenshot(join(screenshots, 'tail-rate-earliest.png'));
  });
});
