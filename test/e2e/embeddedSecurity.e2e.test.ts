// End-to-end: the embedded cluster started by the extension with kafkaWorkbench.embedded.security.*
// set to SASL_SSL (a generated CA): an outside client needs the user and the CA, the extension's own
// views connect by themselves, and "Reset Embedded Cluster" deletes its data after a confirmation stating the size.
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { kafkajsClient } from '../compat/support/clients.js';
import { treeRow } from './support/sideBar.js';
import { CLUSTER_START_MS, resultsDir, UI_MS, useWorkbench } from './support/useWorkbench.js';

const screenshots = resultsDir('e2e-embedded-security');
const topic = 'secured-embedded';

describe('Embedded cluster with security on', () => {
  const workbench = useWorkbench({
    results: screenshots,
    settings: {
      'kafkaWorkbench.embedded.autoStart': true,
      'kafkaWorkbench.embedded.brokers': 1,
      'kafkaWorkbench.embedded.security.protocol': 'SASL_SSL',
      'kafkaWorkbench.embedded.security.mechanisms': ['SCRAM-SHA-512'],
      'kafkaWorkbench.embedded.security.users': [{ name: 'dev', password: 'dev-secret' }],
    },
    waitForCluster: true,
  });
  const running = (): Locator => workbench().page.locator('.statusbar .statusbar-item', { hasText: 'Kafka: running at' }).first();

  it('the views connect with the first user and the generated CA', async () => {
    const ca = readFileSync(join(workbench().clusterDataDir, 'tls', 'ca.pem'), 'utf8');
    const admin = kafkajsClient(`127.0.0.1:${workbench().clusterPort}`, { ssl: { ca: [ca] }, sasl: { mechanism: 'scram-sha-512', username: 'dev', password: 'dev-secret' } }).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
    await admin.disconnect();
    await workbench().openView('Kafka');
    await workbench().runCommand('Kafka: Refresh Topics');
    await treeRow(workbench().page, topic).waitFor({ timeout: UI_MS });
    await workbench().page.locator('.sidebar .monaco-list-row', { hasText: 'SASL_SSL · SCRAM-SHA-512 as dev' }).first().waitFor({ timeout: UI_MS });
  });

  it('Reset Embedded Cluster states the size, deletes the data and starts again', async () => {
    await workbench().runCommand('Kafka: Reset Embedded Cluster (Delete All Data)');
    const dialog = workbench().page.locator('.monaco-dialog-box', { hasText: /deletes all its data \(\d+(\.\d)? [KMG]?B in / });
    await dialog.waitFor({ timeout: UI_MS });
    await dialog.locator('.monaco-button', { hasText: 'Delete All Data' }).click();
    await running().waitFor({ state: 'detached', timeout: UI_MS }).catch(() => undefined);
    await running().waitFor({ timeout: CLUSTER_START_MS });
    await workbench().runCommand('Kafka: Refresh Topics');
    await treeRow(workbench().page, topic).waitFor({ state: 'detached', timeout: UI_MS });
  });
});
