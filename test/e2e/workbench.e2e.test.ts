// End-to-end: the packaged extension in a real VS Code (code-server) in chromium, against the embedded
// cluster the extension starts itself, checked from outside with a real Kafka client (kafkajs).
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import type { Frame } from 'playwright-core';
import { kafkajsClient } from '../compat/support/clients.js';
import { runKcat } from '../support/kcat.js';
import { waitFor } from '../support/waitFor.js';
import { screenshotForDocs } from './support/screenshots.js';
import { clickViewAction, expandPane, notification, paneHeader, quickInput, treeRow } from './support/sideBar.js';
import { resultsDir, UI_MS, useWorkbench, waitForClusterRunning } from './support/useWorkbench.js';

const screenshots = resultsDir('e2e');

const topic = 'e2e-orders';
const record = { key: 'order-42', value: '{"item":"coffee","qty":2}', headerName: 'source', headerValue: 'e2e' };

describe('Kafka Workbench in VS Code', () => {
  const workbench = useWorkbench({ results: screenshots });
  let kafka: Kafka;
  let bootstrap: string;
  let panel: Frame | undefined;
  let produced: { partition: number; offset: string } | undefined;

  before(() => {
    bootstrap = `127.0.0.1:${workbench().clusterPort}`;
    kafka = kafkajsClient(bootstrap, { clientId: 'kafka-workbench-e2e' });
  });

  it('shows a Kafka entry in the activity bar that opens its Clusters, Topics, Consumer Groups and Brokers views', async () => {
    await workbench().openView('Kafka');
    // A container with several views names only itself in the side bar title; each view has a header.
    const title = workbench().page.locator('.sidebar .composite.title .title-label');
    await title.filter({ hasText: /kafka/i }).waitFor({ timeout: UI_MS });
    for (const view of ['Clusters', 'Topics', 'Consumer Groups', 'Brokers']) await paneHeader(workbench().page, view).waitFor({ timeout: UI_MS });
    await workbench().screenshot(join(screenshots, 'kafka-view.png'));
  });

  it('starts the embedded cluster on the configured port and says so in the status bar', async () => {
    await waitForClusterRunning(workbench(), bootstrap);
    // The cluster is really there for a client outside VS Code.
    const admin = kafka.admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      assert.ok(cluster.brokers.some((broker) => broker.port === workbench().clusterPort), `a broker on port ${workbench().clusterPort}`);
    } finally {
      await admin.disconnect();
    }
  });

  it('lists a topic created by another client, with its partitions, after a refresh', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      assert.equal(await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true }), true);
    } finally {
      await admin.disconnect();
    }
    await workbench().openView('Kafka');
    await expandPane(workbench().page, 'Topics');
    const row = treeRow(workbench().page, topic);
    // A refresh racing the create can still miss the topic: refresh again until the row is there.
    await waitFor(
      async () => {
        if ((await row.count()) > 0) return true;
        await clickViewAction(workbench().page, 'Topics', 'Refresh Topics');
        await row.waitFor({ timeout: 2_000 }).catch(() => undefined);
        return (await row.count()) > 0;
      },
      { what: `the ${topic} row in the Topics view`, timeoutMs: UI_MS, intervalMs: 250 },
    );
    assert.match((await row.textContent()) ?? '', /3 partitions/);

    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    for (const partition of [0, 1, 2]) {
      const partitionRow = treeRow(workbench().page, `Partition ${partition}`);
      await partitionRow.waitFor({ timeout: UI_MS });
      assert.match((await partitionRow.textContent()) ?? '', /leader \d+ · .*offsets \d+–\d+/);
    }
    await screenshotForDocs(workbench(), screenshots, 'topics-view.png');
  });

  it('produces a record with a header from the Produce & Tail panel and tails it', async () => {
    const row = treeRow(workbench().page, topic);
    // Inline actions of a tree row are only drawn while the row is hovered.
    await row.hover();
    await row.locator('.action-label[aria-label="Open Produce & Tail"]').click({ timeout: UI_MS });
    await workbench().page.locator('.tabs-container .tab', { hasText: `Produce & Tail: ${topic}` }).waitFor({ timeout: UI_MS });

    const frame = await workbench().webviewFrame('#produce-form', UI_MS);
    panel = frame;
    // The tail reads from the end of the log as it was when it started: produce only once it is live.
    await frame.locator('#tail-status[data-state="live"]').waitFor({ timeout: UI_MS });
    // The partitions arrive in a message of their own; "by key" plus three choices means it came.
    await waitFor(async () => (await frame.locator('#partition option').count()) === 4, { what: 'the partition choices', timeoutMs: UI_MS });

    await frame.locator('#key').fill(record.key);
    await frame.locator('#value').fill(record.value);
    await frame.locator('#add-header').click();
    await frame.locator('#header-rows .header-key').first().fill(record.headerName);
    await frame.locator('#header-rows .header-value').first().fill(record.headerValue);
    await frame.locator('#produce').click();

    const result = frame.locator('#produce-result');
    await result.filter({ hasText: /Produced to partition \d+ at offset \d+/ }).waitFor({ timeout: UI_MS });
    const match = /Produced to partition (\d+) at offset (\d+)/.exec((await result.textContent()) ?? '');
    assert.ok(match, 'the produce result names partition and offset');
    produced = { partition: Number(match[1]), offset: match[2] ?? '' };
    assert.equal(await frame.locator('#error').textContent(), '');

    const tailed = frame.locator(`tr.record[data-partition="${produced.partition}"][data-offset="${produced.offset}"]`);
    await tailed.waitFor({ timeout: UI_MS });
    assert.equal(await tailed.locator('.r-key').textContent(), record.key);
    assert.equal(await tailed.locator('.r-value').textContent(), record.value);
    assert.equal(await tailed.locator('.r-headers').textContent(), `${record.headerName}=${record.headerValue}`);

    // Producing refreshes the Topics view, whose partition row now counts the record.
    const partitionRow = treeRow(workbench().page, `Partition ${produced.partition}`);
    const nextOffset = (BigInt(produced.offset) + 1n).toString();
    await waitFor(async () => ((await partitionRow.textContent()) ?? '').includes(`–${nextOffset}`), {
      what: `Partition ${produced.partition} to show latest offset ${nextOffset}`,
      timeoutMs: UI_MS,
      intervalMs: 250,
    });
    await workbench().screenshot(join(screenshots, 'produce-tail-first-record.png'));
  });

  it('wrote the record to the topic, where a kafkajs consumer group reads it', async () => {
    assert.ok(produced, 'the produce test ran first');
    const target = produced;
    const consumer = kafka.consumer({ groupId: `kafka-workbench-e2e-${process.pid}`, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
    const seen: { partition: number; offset: string; key: string; value: string; headers: Record<string, string> }[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: ({ partition, message }) => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = String(value);
          seen.push({ partition, offset: message.offset, key: message.key?.toString('utf8') ?? '', value: message.value?.toString('utf8') ?? '', headers });
          return Promise.resolve();
        },
      });
      const found = await waitFor(() => seen.find((one) => one.partition === target.partition && one.offset === target.offset), {
        what: `kafkajs to read ${topic} partition ${target.partition} offset ${target.offset}`,
        timeoutMs: 60_000,
        intervalMs: 100,
      });
      assert.deepEqual(found, {
        partition: target.partition,
        offset: target.offset,
        key: record.key,
        value: record.value,
        headers: { [record.headerName]: record.headerValue },
      });
    } finally {
      await consumer.disconnect();
    }
  });

  it('wrote the record where kcat (librdkafka) reads it at that exact offset, without a group', async () => {
    assert.ok(produced, 'the produce test ran first');
    const result = await runKcat(
      ['-C', '-b', bootstrap, '-t', topic, '-p', String(produced.partition), '-o', produced.offset, '-c', '1', '-e', '-q', '-f', '%k|%s|%h\\n'],
      { timeoutMs: 60_000 },
    );
    assert.equal(result.exitCode, 0, result.stderr);
    assert.equal(result.stdout, `${record.key}|${record.value}|${record.headerName}=${record.headerValue}\n`);
  });

  it('refuses an invalid topic name in the Create Topic input box and creates nothing', async () => {
    await workbench().runCommand('Kafka: Create Topic');
    const input = quickInput(workbench().page);
    await input.waitFor({ timeout: UI_MS });
    await input.fill('bad topic/name');
    const message = workbench().page.locator('.quick-input-widget .quick-input-message', { hasText: 'may only contain letters, digits' });
    await message.waitFor({ timeout: UI_MS });
    await workbench().screenshot(join(screenshots, 'create-topic-invalid-name.png'));
    // Enter on a box whose input does not validate leaves the box open.
    await input.press('Enter');
    await message.waitFor({ timeout: UI_MS });
    await input.press('Escape');
    await workbench().page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_MS });

    const admin = kafka.admin();
    await admin.connect();
    try {
      const topics = await admin.listTopics();
      assert.ok(!topics.includes('bad topic/name'), `no topic was created: ${topics.join(', ')}`);
    } finally {
      await admin.disconnect();
    }
  });

  it('shows the broker refusing a topic that already exists, and leaves the topic as it was', async () => {
    await workbench().runCommand('Kafka: Create Topic');
    const input = quickInput(workbench().page);
    await input.waitFor({ timeout: UI_MS });
    await input.fill(topic);
    await input.press('Enter');
    // The second box asks for the partition count.
    await workbench().page.locator('.quick-input-widget', { hasText: 'Number of partitions' }).waitFor({ timeout: UI_MS });
    await input.fill('5');
    await input.press('Enter');
    // Replication factor and configs keep their defaults (1, none).
    for (const prompt of ['Replication factor', 'Configs as name=value']) {
      await workbench().page.locator('.quick-input-widget', { hasText: prompt }).waitFor({ timeout: UI_MS });
      await input.press('Enter');
    }
    const error = notification(workbench().page, `Could not create topic "${topic}"`);
    await error.waitFor({ timeout: UI_MS });
    assert.match((await error.textContent()) ?? '', /TOPIC_ALREADY_EXISTS|already exists/);

    const admin = kafka.admin();
    await admin.connect();
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
      assert.equal(metadata.topics[0]?.partitions.length, 3);
    } finally {
      await admin.disconnect();
    }
    // The panel is still live after the failed create.
    assert.ok(panel, 'the panel test ran first');
    assert.equal(await panel.locator('#tail-status').getAttribute('data-state'), 'live');
  });
});
