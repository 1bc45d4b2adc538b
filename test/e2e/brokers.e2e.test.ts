// End-to-end: the Brokers view in a real VS Code (code-server in chromium) against the embedded 3-broker
// cluster the extension starts: kill the leader of an RF=3 partition from the view, watch the Topics
// view's partition row name a new leader and mark the killed replica out of sync, restart it from the view.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Kafka } from 'kafkajs';
import type { Page } from 'playwright-core';
import { readClusterLock } from '../../broker/cluster/clusterFiles.js';
import { kafkajsClient } from '../compat/support/clients.js';
import { waitFor } from '../support/waitFor.js';
import { screenshotForDocs } from './support/screenshots.js';
import { clickRowAction, clickViewAction, expandPane, treeRow as sideBarRow, widenSideBar } from './support/sideBar.js';
import { resultsDir, UI_MS, useWorkbench } from './support/useWorkbench.js';

const screenshots = resultsDir('e2e-brokers');

const topic = 'e2e-replicated';

describe('Brokers view', () => {
  const workbench = useWorkbench({ results: screenshots, settings: { 'kafkaWorkbench.embedded.autoStart': true }, waitForCluster: true });
  const page = (): Page => workbench().page;
  const treeRow = (label: string) => sideBarRow(page(), label);
  let kafka: Kafka;
  let victim = -1;

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

  /** Refreshes the Topics view until partition 0's row matches `pattern`. */
  async function partitionRowMatching(pattern: RegExp, what: string): Promise<string> {
    const row = treeRow('Partition 0');
    return waitFor(
      async () => {
        if ((await row.count()) === 0) {
          await treeRow(topic).click({ timeout: 2_000 });
          await row.waitFor({ timeout: 2_000 });
        }
        const text = (await row.textContent()) ?? '';
        if (pattern.test(text)) return text;
        await clickViewAction(page(), 'Topics', 'Refresh Topics', 2_000).catch(() => undefined);
        return null;
      },
      { what, timeoutMs: UI_MS, intervalMs: 500 },
    );
  }

  before(async () => {
    // Every broker, not just the first: the first may be the one killed.
    const lock = readClusterLock(workbench().clusterDataDir);
    assert.ok(lock, `a cluster lock in ${workbench().clusterDataDir}`);
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

  it('lists the three embedded brokers, up, one of them the controller', async () => {
    await workbench().openView('Kafka');
    await expandPane(page(), 'Brokers');
    for (const id of [1, 2, 3]) {
      await treeRow(`Broker ${id}`).filter({ hasText: /127\.0\.0\.1:\d+ · up/ }).waitFor({ timeout: UI_MS });
    }
    const texts = await Promise.all([1, 2, 3].map(async (id) => (await treeRow(`Broker ${id}`).textContent()) ?? ''));
    assert.equal(texts.filter((t) => t.includes('controller')).length, 1, texts.join('\n'));
  });

  it('kills the leader of partition 0 from the Brokers view: the partition row shows a new leader and the killed replica out of sync', async () => {
    await expandPane(page(), 'Topics');
    victim = (await leaderOfPartitionZero()).leader;
    assert.ok([1, 2, 3].includes(victim), `leader ${victim}`);
    await partitionRowMatching(new RegExp(`leader ${victim} · `), `partition 0 led by broker ${victim} in the Topics view`);

    await clickRowAction(page(), `Broker ${victim}`, 'Kill Broker (SIGKILL)');
    await treeRow(`Broker ${victim}`).filter({ hasText: /down \(killed\)/ }).waitFor({ timeout: UI_MS });
    const text = await partitionRowMatching(
      new RegExp(`leader (?!${victim} )\\d+ · replicas .*\\b${victim}!`),
      `partition 0 to name a leader other than ${victim} and mark ${victim} out of sync`,
    );
    assert.doesNotMatch(text.split(' · ISR ')[1]?.split(' · ')[0] ?? '', new RegExp(`\\b${victim}\\b`), `broker ${victim} left the ISR: ${text}`);
    const after = await leaderOfPartitionZero();
    assert.notEqual(after.leader, victim);
    // A wider side bar, so the screenshot shows whole descriptions (replicas, ISR, broker state).
    await widenSideBar(page(), 400);
    await screenshotForDocs(workbench(), screenshots, 'brokers-view.png');
  });

  it('restarts the killed broker from the Brokers view: it comes back up and rejoins the ISR', async () => {
    assert.ok(victim > 0, 'the previous test killed a broker');
    await clickRowAction(page(), `Broker ${victim}`, 'Restart Broker');
    await treeRow(`Broker ${victim}`).filter({ hasText: /127\.0\.0\.1:\d+ · up/ }).waitFor({ timeout: UI_MS });
    await partitionRowMatching(/ · ISR \d,\d,\d · /, `partition 0 to show a whole ISR again after broker ${victim} restarted`);
  });
});
