// End-to-end: the Brokers view in a real VS Code (code-server in chromium) against the embedded 3-broker
// cluster the extension starts: kill the leader of an RF=3 partition from the view, watch the Topics
// view's partition row name a new leader and mark the killed replica out of sync, restart it from the view.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import type { Locator } from 'playwright-core';
import { readClusterLock } from '../../broker/cluster/clusterFiles.js';
import { kafkajsClient } from '../compat/support/clients.js';
import { repoRoot } from '../support/repoRoot.js';
import { waitFor } from '../support/waitFor.js';
import { startWorkbench, type Workbench } from './support/codeServer.js';
import { screenshotForDocs } from './support/screenshots.js';

const screenshots = join(repoRoot, 'test-results', 'e2e-brokers');
// Liveness bounds only.
const CLUSTER_START_MS = 120_000;
const UI_MS = 30_000;

const topic = 'e2e-replicated';

describe('Brokers view', () => {
  let workbench: Workbench;
  let kafka: Kafka;
  let victim = -1;

  const treeRow = (label: string): Locator => {
    const exactly = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    return workbench.page.locator('.sidebar .monaco-list-row', { has: workbench.page.locator('.label-name', { hasText: exactly }) }).first();
  };

  async function leaderOfPartitionZero(): Promise<{ leader: number; isr: number[] }> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const p = (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]?.partitions.find((q) => q.partitionId === 0);
      return { leader: p?.leader ?? -1, isr: p?.isr ?? [] };
    } finally {
      await admin.disconnect();
    }
  }

  /** Expands a view of the Kafka container by its pane header, if it is collapsed. */
  async function expandPane(name: string): Promise<void> {
    const header = workbench.page.locator('.sidebar .pane-header', { hasText: new RegExp(`^${name}`, 'i') }).first();
    await header.waitFor({ timeout: UI_MS });
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
  }

  async function rowAction(label: string, action: string): Promise<void> {
    const row = treeRow(label);
    await row.hover();
    await row.locator(`.action-label[aria-label="${action}"]`).click({ timeout: UI_MS });
  }

  /** Refreshes the Topics view until partition 0's row matches `pattern`. */
  async function partitionRowMatching(pattern: RegExp, what: string): Promise<string> {
    const refresh = workbench.page.locator('.sidebar .action-label[aria-label="Refresh Topics"]').first();
    const row = treeRow('Partition 0');
    return waitFor(
      async () => {
        if ((await row.count()) === 0) {
          await treeRow(topic).click({ timeout: 2_000 });
          await row.waitFor({ timeout: 2_000 });
        }
        const text = (await row.textContent()) ?? '';
        if (pattern.test(text)) return text;
        // The view's title actions show only while the pane is hovered.
        await workbench.page.locator('.sidebar .pane-header', { hasText: /^Topics/i }).first().hover();
        await refresh.click({ timeout: 2_000 }).catch(() => undefined);
        return null;
      },
      { what, timeoutMs: UI_MS, intervalMs: 500 },
    );
  }

  before(async () => {
    workbench = await startWorkbench({ settings: { 'kafkaWorkbench.embedded.autoStart': true } });
    await workbench.page.locator('.statusbar .statusbar-item', { hasText: 'Kafka: running at' }).first().waitFor({ timeout: CLUSTER_START_MS });
    // Every broker, not just the first: the first may be the one killed.
    const lock = readClusterLock(workbench.clusterDataDir);
    assert.ok(lock, `a cluster lock in ${workbench.clusterDataDir}`);
    kafka = kafkajsClient(lock.bootstrapServers, { clientId: 'kafka-workbench-e2e' });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 3 }], waitForLeaders: true });
    } finally {
      await admin.disconnect();
    }
    await waitFor(async () => (await leaderOfPartitionZero()).isr.length === 3, { what: `a whole ISR for ${topic}-0` });
  });

  afterEach(async (context) => {
    const name = context.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    await workbench?.screenshot(join(screenshots, 'steps', `${name}.png`)).catch(() => undefined);
  });

  after(async () => {
    try {
      workbench?.saveLogs(join(screenshots, 'logs'));
    } catch {
      // Logs are a debugging aid only.
    }
    await workbench?.close();
  });

  it('lists the three embedded brokers, up, one of them the controller', async () => {
    await workbench.openView('Kafka');
    await expandPane('Brokers');
    for (const id of [1, 2, 3]) {
      await treeRow(`Broker ${id}`).filter({ hasText: /127\.0\.0\.1:\d+ · up/ }).waitFor({ timeout: UI_MS });
    }
    const texts = await Promise.all([1, 2, 3].map(async (id) => (await treeRow(`Broker ${id}`).textContent()) ?? ''));
    assert.equal(texts.filter((t) => t.includes('controller')).length, 1, texts.join('\n'));
  });

  it('kills the leader of partition 0 from the Brokers view: the partition row shows a new leader and the killed replica out of sync', async () => {
    await expandPane('Topics');
    victim = (await leaderOfPartitionZero()).leader;
    assert.ok([1, 2, 3].includes(victim), `leader ${victim}`);
    await partitionRowMatching(new RegExp(`leader ${victim} · `), `partition 0 led by broker ${victim} in the Topics view`);

    await rowAction(`Broker ${victim}`, 'Kill Broker (SIGKILL)');
    await treeRow(`Broker ${victim}`).filter({ hasText: /down \(killed\)/ }).waitFor({ timeout: UI_MS });
    const text = await partitionRowMatching(
      new RegExp(`leader (?!${victim} )\\d+ · replicas .*\\b${victim}!`),
      `partition 0 to name a leader other than ${victim} and mark ${victim} out of sync`,
    );
    assert.doesNotMatch(text.split(' · ISR ')[1]?.split(' · ')[0] ?? '', new RegExp(`\\b${victim}\\b`), `broker ${victim} left the ISR: ${text}`);
    const after = await leaderOfPartitionZero();
    assert.notEqual(after.leader, victim);
    // A wider side bar, so the screenshot shows whole descriptions (replicas, ISR, broker state).
    const box = await workbench.page.locator('.part.sidebar').boundingBox();
    if (box !== null) {
      await workbench.page.mouse.move(box.x + box.width + 1, box.y + box.height / 2);
      await workbench.page.mouse.down();
      await workbench.page.mouse.move(box.x + box.width + 400, box.y + box.height / 2, { steps: 5 });
      await workbench.page.mouse.up();
    }
    await screenshotForDocs(workbench, screenshots, 'brokers-view.png');
  });

  it('restarts the killed broker from the Brokers view: it comes back up and rejoins the ISR', async () => {
    assert.ok(victim > 0, 'the previous test killed a broker');
    await rowAction(`Broker ${victim}`, 'Restart Broker');
    await treeRow(`Broker ${victim}`).filter({ hasText: /127\.0\.0\.1:\d+ · up/ }).waitFor({ timeout: UI_MS });
    await partitionRowMatching(/ · ISR \d,\d,\d · /, `partition 0 to show a whole ISR again after broker ${victim} restarted`);
  });
});
