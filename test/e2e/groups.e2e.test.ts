// End-to-end: the Consumer Groups view in a real VS Code (code-server in chromium) against the
// embedded cluster the extension starts: lag shown per partition and per group, the actions refused
// for an active group, and a reset and a delete of an empty group checked from outside with kafkajs.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Consumer, Kafka } from 'kafkajs';
import type { Locator, Page } from 'playwright-core';
import { kafkajsClient } from '../compat/support/clients.js';
import { waitFor } from '../support/waitFor.js';
import { screenshotForDocs } from './support/screenshots.js';
import { clickRowAction, notification, quickInput, treeRow, widenSideBar } from './support/sideBar.js';
import { resultsDir, UI_MS, useWorkbench } from './support/useWorkbench.js';

const screenshots = resultsDir('e2e-groups');

const topic = 'e2e-lagging';
const idleGroup = 'e2e-readers';
const activeGroup = 'e2e-live';

describe('Consumer Groups view', () => {
  let live: Consumer | undefined;
  const workbench = useWorkbench({
    results: screenshots,
    settings: { 'kafkaWorkbench.embedded.autoStart': true },
    waitForCluster: true,
    beforeClose: async () => {
      await live?.disconnect().catch(() => undefined);
    },
  });
  let kafka: Kafka;

  const page = (): Page => workbench().page;
  const dialogButton = (label: string): Locator => page().locator('.monaco-dialog-box .monaco-button', { hasText: label }).first();

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
    kafka = kafkajsClient(`127.0.0.1:${workbench().clusterPort}`, { clientId: 'kafka-workbench-e2e' });

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

  it('shows each group with its state and total lag, members, and per-partition lag', async () => {
    await workbench().openView('Kafka');
    await workbench().runCommand('Kafka: Refresh Consumer Groups');
    const idle = treeRow(page(), idleGroup);
    await idle.filter({ hasText: /Empty · 0 members · lag 14/ }).waitFor({ timeout: UI_MS });
    await treeRow(page(), activeGroup).filter({ hasText: /Stable · 1 member/ }).waitFor({ timeout: UI_MS });
    await idle.click();
    await treeRow(page(), `${topic}-0`).filter({ hasText: 'committed 3 · end 10 · lag 7' }).waitFor({ timeout: UI_MS });
    await treeRow(page(), activeGroup).click();
    await treeRow(page(), 'kafka-workbench-e2e').filter({ hasText: `${topic}-0, ${topic}-1` }).waitFor({ timeout: UI_MS });
    // A wider side bar, so the screenshot shows whole descriptions (offsets and lag).
    await widenSideBar(page(), 300);
    await screenshotForDocs(workbench(), screenshots, 'groups-view.png');
  });

  it('refuses to delete or reset a group with active members, saying why', async () => {
    await clickRowAction(page(), activeGroup, 'Delete Consumer Group');
    await notification(page(), /Cannot delete consumer group "e2e-live": it is Stable with 1 active member/).waitFor({ timeout: UI_MS });
    await clickRowAction(page(), activeGroup, 'Reset Consumer Group Offsets');
    await notification(page(), /Cannot reset the offsets of consumer group "e2e-live"/).waitFor({ timeout: UI_MS });
    assert.deepEqual(await committed(idleGroup), ['0:3', '1:3']);
  });

  it('resets an empty group to earliest after a confirmation naming each partition', async () => {
    await clickRowAction(page(), idleGroup, 'Reset Consumer Group Offsets');
    const input = quickInput(page());
    // Placeholders are attributes, not text: wait for the items instead.
    await page().locator('.quick-input-widget', { hasText: 'the first offset still in each partition' }).waitFor({ timeout: UI_MS });
    await input.fill('Earliest');
    await input.press('Enter');
    await page().locator('.quick-input-widget', { hasText: 'committed 3' }).waitFor({ timeout: UI_MS });
    await input.press('Enter');
    await page().locator('.monaco-dialog-box', { hasText: `${topic}-0: 3 → 0` }).waitFor({ timeout: UI_MS });
    await dialogButton('Reset Offsets').click();
    await waitFor(async () => (await committed(idleGroup)).join() === '0:0,1:0', { what: 'offsets reset to 0' });
    await treeRow(page(), idleGroup).filter({ hasText: /lag 20/ }).waitFor({ timeout: UI_MS });
  });

  it('deletes an empty group after a confirmation', async () => {
    await clickRowAction(page(), idleGroup, 'Delete Consumer Group');
    await page().locator('.monaco-dialog-box', { hasText: `Delete consumer group "${idleGroup}"?` }).waitFor({ timeout: UI_MS });
    await dialogButton('Delete Group').click();
    await treeRow(page(), idleGroup).waitFor({ state: 'detached', timeout: UI_MS });
    const admin = kafka.admin();
    await admin.connect();
    const listed = await admin.listGroups();
    await admin.disconnect();
    assert.ok(!listed.groups.some((g) => g.groupId === idleGroup));
    assert.deepEqual(await committed(idleGroup), ['0:-1', '1:-1']);
  });
});
