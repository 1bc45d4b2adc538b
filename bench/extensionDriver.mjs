// Child process of the bench's extension step: drives the packaged extension in a real VS Code
// (code-server + chromium, through the e2e harness), reloads the window `samples` times, tails a topic
// at 10,000 records/s in the Produce & Tail panel for `tail seconds`, and prints one line
// `KW_BENCH_EXTENSION <json>` with what the extension logged and what the driver timed.
// Usage: node bench/extensionDriver.mjs <bundled harness .cjs> <samples> <cluster data dir> [tail seconds]
// A child process because the harness registers node:test hooks, which print TAP when they run.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { createTopic } from './kafkaBench.mjs';
import { poll as pollEvery } from './system.mjs';
import { extensionTimings } from './extensionLog.mjs';
import { measureTailRate } from './tailRateDriver.mjs';

const require = createRequire(import.meta.url);
const [harnessPath, samplesArg, clusterDataDir, tailSecondsArg] = process.argv.slice(2);
const samples = Number(samplesArg);
const tailSeconds = Number(tailSecondsArg ?? 10);
const TAIL_RATE = 10_000;
const { startWorkbench } = require(harnessPath);

const TOPIC = 'bench-extension-topic';
const CHANNEL = 'Kafka Workbench';
// Liveness bounds only: on a busy 2-core machine the first start of everything can be slow.
const CLUSTER_MS = 120_000;
const UI_MS = 60_000;
/** The driver asks the workbench every 100 ms. */
const poll = (condition, what, timeoutMs) => pollEvery(condition, what, timeoutMs, 100);


async function main() {
  const workbench = await startWorkbench({ clusterDataDir });
  try {
    const { page } = workbench;
    const bootstrap = `127.0.0.1:${workbench.clusterPort}`;
    // The extension starts the embedded cluster itself; create the topic once it answers.
    await poll(async () => {
      await createTopic(bootstrap, TOPIC, 1);
      return true;
    }, `a topic created on the extension's cluster at ${bootstrap}`, CLUSTER_MS);

    const row = page.locator('.sidebar .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${TOPIC}$`) }) }).first();
    await workbench.openView('Kafka');
    // The view may have listed the topics before the create; it refreshes itself every few seconds
    // while visible, so the row appears without a click.
    await poll(async () => (await row.count()) > 0, `the ${TOPIC} row in the Topics view`, UI_MS);

    // Each reload is a new extension host: activate() runs again, against the cluster that stays up.
    const wallMs = [];
    const reloadedAt = [];
    let viewRestored = true;
    for (let i = 0; i < samples; i++) {
      reloadedAt.push(Date.now());
      const began = performance.now();
      await workbench.reload();
      // The Kafka entry is drawn once extensions are registered; only then does "checked" mean anything.
      await page.locator('.activitybar .action-item:has(> a[aria-label^="Kafka"])').first().waitFor({ timeout: UI_MS });
      const checked = await page.locator('.activitybar .action-item:has(> a[aria-label^="Kafka"])').first().getAttribute('class');
      if (!/\bchecked\b/.test(checked ?? '')) {
        viewRestored = false;
        await workbench.openView('Kafka');
      }
      await row.waitFor({ timeout: UI_MS });
      wallMs.push(performance.now() - began);
    }
    // Every window load logs both lines once; the log service writes them a moment later.
    const timings = await poll(() => {
      const found = extensionTimings(workbench.outputChannelLog(CHANNEL));
      return found.activate.length >= samples + 1 && found.populated.length >= samples + 1 ? found : undefined;
    }, `the extension to log its timings for ${samples + 1} window loads`, UI_MS);
    const result = {
      samples,
      firstLoad: { activateMs: timings.activate[0].ms, populatedMs: timings.populated[0].ms },
      reloads: wallMs.map((wall, i) => {
        const activate = timings.activate[i + 1];
        return {
          activateMs: activate.ms,
          populatedMs: timings.populated[i + 1].ms,
          wallMs: wall,
          // activate() began when its line was logged, less its own duration (log times have ms resolution).
          activationBeganAfterReloadMs: activate.loggedAt - activate.ms - reloadedAt[i],
        };
      }),
      viewRestored,
      // After the reloads, so the panel's load does not count in their timings.
      tailRate: tailSeconds > 0 ? await measureTailRate({ workbench, rate: TAIL_RATE, seconds: tailSeconds }) : undefined,
    };
    console.log(`KW_BENCH_EXTENSION ${JSON.stringify(result)}`);
  } finally {
    await workbench.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`extension driver failed: ${error.stack ?? error}`);
    process.exit(1);
  },
);
