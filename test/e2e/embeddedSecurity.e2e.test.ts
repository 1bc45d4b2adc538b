// End-to-end: the embedded cluster started by the extension with kafkaWorkbench.embedded.security.*
// set to SASL_SSL (a generated CA): an outside client needs the user and the CA, the extension's own
// views connect by themselves, and "Reset Embedded Cluster" deletes its data after a confirmation stating the size.
import { after, afterEach, before, describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { kafkajsClient } from '../compat/support/clients.js';
import { repoRoot } from '../support/repoRoot.js';
import { startWorkbench, type Workbench } from './support/codeServer.js';

const screenshots = join(repoRoot, 'test-results', 'e2e-embedded-security');
// Liveness bounds only.
const CLUSTER_START_MS = 120_000;
const UI_MS = 30_000;
const topic = 'secured-embedded';

describe('Embedded cluster with security on', () => {
  let workbench: Workbench;
  const treeRow = (label: string): Locator =>
    workbench.page.locator('.sidebar .monaco-list-row', { has: workbench.page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();
  const running = (): Locator => workbench.page.locator('.statusbar .statusbar-item', { hasText: 'Kafka: running at' }).first();

  before(async () => {
    workbench = await startWorkbench({
      settings: {
        'kafkaWorkbench.embedded.autoStart': true,
        'kafkaWorkbench.embedded.brokers': 1,
        'kafkaWorkbench.embedded.security.protocol': 'SASL_SSL',
        'kafkaWorkbench.embedded.security.mechanisms': ['SCRAM-SHA-512'],
        'kafkaWorkbench.embedded.security.users': [{ name: 'dev', password: 'dev-secret' }],
      },
    });
    await running().waitFor({ timeout: CLUSTER_START_MS });
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

  it('the views connect with the first user and the generated CA', async () => {
    const ca = readFileSync(join(workbench.clusterDataDir, 'tls', 'ca.pem'), 'utf8');
    const admin = kafkajsClient(`127.0.0.1:${workbench.clusterPort}`, { ssl: { ca: [ca] }, sasl: { mechanism: 'scram-sha-512', username: 'dev', password: 'dev-secret' } }).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
    await admin.disconnect();
    await workbench.openView('Kafka');
    await workbench.runCommand('Kafka: Refresh Topics');
    await treeRow(topic).waitFor({ timeout: UI_MS });
    await workbench.page.locator('.sidebar .monaco-list-row', { hasText: 'SASL_SSL · SCRAM-SHA-512 as dev' }).first().waitFor({ timeout: UI_MS });
  });

  it('Reset Embedded Cluster states the size, deletes the data and starts again', async () => {
    await workbench.runCommand('Kafka: Reset Embedded Cluster (Delete All Data)');
    const dialog = workbench.page.locator('.monaco-dialog-box', { hasText: /deletes all its data \(\d+(\.\d)? [KMG]?B in / });
    await dialog.waitFor({ timeout: UI_MS });
    await dialog.locator('.monaco-button', { hasText: 'Delete All Data' }).click();
    await running().waitFor({ state: 'detached', timeout: UI_MS }).catch(() => undefined);
    await running().waitFor({ timeout: CLUSTER_START_MS });
    await workbench.runCommand('Kafka: Refresh Topics');
    await treeRow(topic).waitFor({ state: 'detached', timeout: UI_MS });
  });
});
