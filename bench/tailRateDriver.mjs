// The tail-rate part of the extension driver: opens the Produce & Tail panel on a three-partition
// topic, produces at a fixed rate from outside the editor (kafkajs in this process), and measures inside
// the webview frame what arrived, when the last record was shown, and the longest main-thread stall.
import { createRequire } from 'node:module';
import { createTopic } from './kafkaBench.mjs';
import { poll } from './system.mjs';

const require = createRequire(import.meta.url);

const TOPIC = 'bench-tail-rate';
const PARTITIONS = 3;
const TICK_MS = 10;
const UI_MS = 60_000;
/** Liveness bound for the panel to show the last record once the producer stopped. */
const CATCH_UP_MS = 120_000;
const IDLE_BASELINE_MS = 5_000;
/** Returns the gaps measured so far and starts measuring afresh. */
const RESET_GAPS = `(() => {
  const s = window.__kwTailBench;
  const seen = { maxFrameGapMs: s.maxFrameGapMs, maxLongTaskMs: s.maxLongTaskMs, longTasks: s.longTasks, frames: s.frames };
  Object.assign(s, { maxFrameGapMs: 0, maxLongTaskMs: 0, longTasks: 0, frames: 0 });
  return seen;
})()`;

// Installed in the webview frame (a string: evaluated there, not here). Counts the records of each
// tailRecords message (after the panel's own handler ran: listeners fire in the order added), reads
// the held and dropped counts the panel draws, and times the gaps between animation frames (a frame
// that cannot run is a stall the user sees) and long tasks.
const INSTRUMENT = `(() => {
  const state = { received: 0, hostDropped: 0, messages: 0, firstAt: 0, lastAt: 0, accounted: 0, dropped: 0, held: 0,
    accountedAt: {}, maxFrameGapMs: 0, frames: 0, maxLongTaskMs: 0, longTasks: 0, measuring: false, target: -1, targetShownAt: 0 };
  window.__kwTailBench = state;
  window.addEventListener('message', (event) => {
    const data = event.data;
    if (!data || data.type !== 'tailRecords' || !Array.isArray(data.records)) return;
    const now = Date.now();
    if (state.received === 0) state.firstAt = now;
    state.received += data.records.length;
    // Records the host let go while the panel had not acknowledged earlier batches (flow control).
    state.hostDropped += typeof data.dropped === 'number' ? data.dropped : 0;
    state.messages++;
    state.lastAt = now;
  });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (!state.measuring) continue;
        state.longTasks++;
        state.maxLongTaskMs = Math.max(state.maxLongTaskMs, entry.duration);
      }
    }).observe({ type: 'longtask', buffered: false });
  } catch { /* no long task timing here: the frame gaps still tell */ }
  const number = (text) => Number(((text ?? '').match(/[\\d,]+/g) ?? ['0']).pop().replace(/,/g, ''));
  let previous = performance.now();
  const frame = (now) => {
    if (state.measuring) {
      state.frames++;
      state.maxFrameGapMs = Math.max(state.maxFrameGapMs, now - previous);
    }
    previous = now;
    const droppedText = document.getElementById('tail-dropped')?.textContent ?? '';
    state.held = number(document.getElementById('tail-count')?.textContent);
    state.dropped = /older record/.test(droppedText) ? number(droppedText.split(' ')[0]) : 0;
    state.accounted = state.held + state.dropped;
    if (state.target > 0 && state.targetShownAt === 0 && state.accounted >= state.target) state.targetShownAt = Date.now();
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  return true;
})()`;


/** Sends `rate` records/s in order (partition = index mod 3) for `seconds`; resolves with what was sent and when. */
async function producePaced(producer, rate, seconds) {
  const total = Math.round(rate * seconds);
  const startedAt = Date.now();
  let sent = 0;
  let lastSendAt = startedAt;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((Date.now() - startedAt) / 1000) * rate));
    if (due <= sent) {
      await new Promise((resolve) => setTimeout(resolve, TICK_MS));
      continue;
    }
    const messages = [];
    for (let i = sent; i < due; i++) messages.push({ key: `k${i % 10}`, value: `rec-${String(i).padStart(7, '0')}-${'x'.repeat(86)}`, partition: i % PARTITIONS });
    lastSendAt = Date.now();
    await producer.send({ topic: TOPIC, acks: 1, messages });
    sent = due;
  }
  return { sent, startedAt, lastSendAt, endedAt: Date.now() };
}

/**
 * Tails at `rate` records/s for `seconds` in the real panel. Resolves to { rate, seconds, produced,
 * producedPerSecond, received, hostDropped, receivedPerSecond, messages, lagMs, dropped, held, maxFrameGapMs,
 * maxLongTaskMs, longTasks, frames, idle: { seconds, maxFrameGapMs, maxLongTaskMs, longTasks, frames } }, where
 * `idle` is the same frame measurement over a few seconds with the panel open and nothing produced.
 */
export async function measureTailRate({ workbench, rate, seconds }) {
  const { page } = workbench;
  const bootstrap = `127.0.0.1:${workbench.clusterPort}`;
  await createTopic(bootstrap, TOPIC, PARTITIONS);
  await workbench.runCommand('Kafka: Open Produce & Tail');
  const choice = page.locator('.quick-input-list .monaco-list-row', { hasText: TOPIC }).first();
  await choice.waitFor({ timeout: UI_MS });
  await choice.click();
  const panel = await workbench.webviewFrame('#tail-viewport', UI_MS);
  await panel.locator('#tail-status[data-state="live"]').waitFor({ timeout: UI_MS });
  await panel.evaluate(INSTRUMENT);

  const { Kafka, logLevel } = require('kafkajs');
  const producer = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING, clientId: 'bench-tail-rate' }).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    // The same gaps with nothing streaming: what the workbench's own work costs on this machine now.
    await panel.evaluate('window.__kwTailBench.measuring = true');
    await new Promise((resolve) => setTimeout(resolve, IDLE_BASELINE_MS));
    const idle = await panel.evaluate(RESET_GAPS);
    const produced = await producePaced(producer, rate, seconds);
    await panel.evaluate(`window.__kwTailBench.target = ${produced.sent}`);
    const shownAt = await poll(
      () => panel.evaluate('window.__kwTailBench.targetShownAt'),
      `the panel to account for all ${produced.sent} records`,
      CATCH_UP_MS,
    );
    const state = await panel.evaluate('({ ...window.__kwTailBench, measuring: false })');
    await panel.evaluate('window.__kwTailBench.measuring = false');
    const receiveSeconds = (state.lastAt - state.firstAt) / 1000;
    return {
      rate,
      seconds,
      produced: produced.sent,
      producedPerSecond: produced.sent / ((produced.endedAt - produced.startedAt) / 1000),
      received: state.received,
      hostDropped: state.hostDropped,
      receivedPerSecond: receiveSeconds > 0 ? state.received / receiveSeconds : null,
      messages: state.messages,
      lagMs: shownAt - produced.lastSendAt,
      dropped: state.dropped,
      held: state.held,
      maxFrameGapMs: state.maxFrameGapMs,
      maxLongTaskMs: state.maxLongTaskMs,
      longTasks: state.longTasks,
      frames: state.frames,
      idle: { seconds: IDLE_BASELINE_MS / 1000, ...idle },
    };
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}
