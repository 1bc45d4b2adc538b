// End-to-end: the Consumer Groups view in a real VS Code (code-server in chromium) against the
// embedded cluster the extension starts: lag shown per partition and per group, the actions refused
// for an active group, and a reset and a delete of an empty group checked from outside with kafkajs.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Consumer, Kafka } from 'kafkajs';
import type { Locator } from 'playwright-core';
import { kafkajsClient } from '../compat/support/clients.js';
import { repoRoot } from '../support/repoRoot.js';
import { waitFor } from '../support/waitFor.js';
import { startWorkbench, type Workbench } from './support/codeServer.js';
import { screenshotForDocs } from './support/screenshots.js';

const screenshots = join(repoRoot, 'test-results', 'e2e-groups');
// Liveness bounds only.
const CLUSTER_START_MS = 120_000;
const UI_MS = 30_000;

const topic = 'e2e-lagging';
const idleGroup = 'e2e-readers';
const activeGroup = 'e2e-live';

describe('Consumer Groups view', () => {
  let workbench: Workbench;
  let kafka: Kafka;
  let live: Consumer | undefined;

  const treeRow = (label: string): Locator => {
    const exactly = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    return workbench.page.locator('.sidebar .monaco-list-row', { has: workbench.page.locator('.label-name', { hasText: exactly }) }).first();
  };
  const notification = (text: string | RegExp): Locator => workbench.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  const dialogButton = (label: string): Locator => workbench.page.locator('.monaco-dialog-box .monaco-button', { hasText: label }).first();

  async function rowAction(group: string, action: string): Promise<void> {
    const row = treeRow(group);
    await row.hover();
    await row.locator(`.action-label[aria-label="${action}"]`).click({ timeout: UI_MS });
  }

  async function committed(groupId: string): Promise<string[]> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return (await admin.fetchOffsets({ groupId, topics: [topic] }))[0].partitions.map((p) => `${p.partition}:${p.offset}`).sort();
    } finally {
      await admin.disconnect();
    }
  }

  before(async () => {
    workbench = await startWorkbench({ settings: { 'kafkaWorkbench.embedded.autoStart': true } });
    kafka = kafkajsClient(`127.0.0.1:${workbench.clusterPort}`, { clientId: 'kafka-workbench-e2e' });
    await workbench.page.locator('.statusbar .statusbar-item', { hasText: 'Kafka: running at' }).first().waitFor({ timeout: CLUSTER_START_MS });

    // Two groups on a two-partition topic of 20 records: one empty with commits at 3 (lag 7 + 7), one live.
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 20 }, (_, i) => ({ value: `order-${i}`, partition: i % 2 })) });
    await producer.disconnect();
    await admin.setOffsets({ groupId: idleGroup, topic, partitions: [{ partition: 0, offset: '3' }, { partition: 1, offset: '3' }] });
    await admin.disconnect();
    live = kafka.consumer({ groupId: activeGroup, sessionTimeout: 10_000, heartbeatInterval: 500, maxWaitTimeInMs: 500 });
    await live.connect();
    await live.subscribe({ topic, fromBeginning: true });
    await live.run({ eachMessage: () => Promise.resolve() });
  });

  afterEach(async (context) => {
    const name = context.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    await workbench?.screenshot(join(screenshots, 'steps', `${name}.png`)).catch(() => undefined);
  });

  after(async () => {
    await live?.disconnect().catch(() => undefined);
    try {
      workbench?.saveLogs(join(screenshots, 'logs'));
    } catch {
      // Logs are a debugging aid only.
    }
    await workbench?.close();
  });

  it('shows each group with its state and total lag, members, and per-partition lag', async () => {
    await workbench.openView('Kafka');
    await workbench.runCommand('Kafka: Refresh Consumer Groups');
    const idle = treeRow(idleGroup);
    await idle.filter({ hasText: /Empty · 0 members · lag 14/ }).waitFor({ timeout: UI_MS });
    await treeRow(activeGroup).filter({ hasText: /Stable · 1 member/ }).waitFor({ timeout: UI_MS });
    await idle.click();
    await treeRow(`${topic}-0`).filter({ hasText: 'committed 3 · end 10 · lag 7' }).waitFor({ timeout: UI_MS });
    await treeRow(activeGroup).click();
    await treeRow('kafka-workbench-e2e').filter({ hasText: `${topic}-0, ${topic}-1` }).waitFor({ timeout: UI_MS });
    // A wider side bar, so the screenshot shows whole descriptions (offsets and lag).
    const box = await workbench.page.locator('.part.sidebar').boundingBox();
    if (box !== null) {
      await workbench.page.mouse.move(box.x + box.width + 1, box.y + box.height / 2);
      await workbench.page.mouse.down();
      await workbench.page.mouse.move(box.x + box.width + 300, box.y + box.height / 2, { steps: 5 });
      await workbench.page.mouse.up();
    }
    await screenshotForDocs(workbench, screenshots, 'groups-view.png');
  });

  it('refuses to delete or reset a group with active members, saying why', async () => {
    await rowAction(activeGroup, 'Delete Consumer Group');
    await notification(/Cannot delete consumer group "e2e-live": it is Stable with 1 active member/).waitFor({ timeout: UI_MS });
    await rowAction(activeGroup, 'Reset Consumer Group Offsets');
    await notification(/Cannot reset the offsets of consumer group "e2e-live"/).waitFor({ timeout: UI_MS });
    assert.deepEqual(await committed(idleGroup), ['0:3', '1:3']);
  });

  it('resets an empty group to earliest after a confirmation naming each partition', async () => {
    await rowAction(idleGroup, 'Reset Consumer Group Offsets');
    const input = workbench.page.locator('.quick-input-widget input');
    // Placeholders are attributes, not text: wait for the items instead.
    await workbench.page.locator('.quick-input-widget', { hasText: 'the first offset still in each partition' }).waitFor({ timeout: UI_MS });
    await input.fill('Earliest');
    await input.press('Enter');
    await workbench.page.locator('.quick-input-widget', { hasText: 'committed 3' }).waitFor({ timeout: UI_MS });
    await input.press('Enter');
    await workbench.page.locator('.monaco-dialog-box', { hasText: `${topic}-0: 3 → 0` }).waitFor({ timeout: UI_MS });
    await dialogButton('Reset Offsets').click();
    await waitFor(async () => (await committed(idleGroup)).join() === '0:0,1:0', { what: 'offsets reset to 0' });
    await treeRow(idleGroup).filter({ hasText: /lag 20/ }).waitFor({ timeout: UI_MS });
  });

  it('deletes an empty group after a confirmation', async () => {
    await rowAction(idleGroup, 'Delete Consumer Group');
    await workbench.page.locator('.monaco-dialog-box', { hasText: `Delete consumer group "${idleGroup}"?` }).waitFor({ timeout: UI_MS });
    await dialogButton('Delete Group').click();
    await treeRow(idleGroup).waitFor({ state: 'detached', timeout: UI_MS });
    const admin = kafka.admin();
    await admin.connect();
    const listed = await admin.listGroups();
    await admin.disconnect();
    assert.ok(!listed.groups.some((g) => g.groupId === idleGroup));
    assert.deepEqual(await committed(idleGroup), ['0:-1', '1:-1']);
  });
});
