// End-to-end: the Clusters view in a real VS Code (code-server in chromium) against clusters this test
// starts itself with security on: external connections added and edited through input boxes and quick
// picks; a wrong SASL password, an unreachable port and an untrusted TLS certificate each show their
// error in the tree and change nothing; the right password and the CA file connect and list topics.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { kafkajsClient } from '../compat/support/clients.js';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { freePort, type Workbench } from './support/codeServer.js';
import { screenshotForDocs } from './support/screenshots.js';
import { treeRow as sideBarRow } from './support/sideBar.js';
import { resultsDir, UI_MS, useWorkbench } from './support/useWorkbench.js';

const screenshots = resultsDir('e2e-connections');

const USER = 'alice';
const PASSWORD = 'alice-secret';
const saslTopic = 'secured-orders';
const tlsTopic = 'tls-payments';

describe('Clusters view: external connections', () => {
  // The embedded cluster stays off: the Clusters view starts with its welcome.
  const workbench = useWorkbench({ results: screenshots, settings: { 'kafkaWorkbench.embedded.autoStart': false }, openKafkaView: true });
  let sasl: TestCluster;
  let tls: TestCluster;

  const page = (): Workbench['page'] => workbench().page;
  const treeRow = (label: string | RegExp): Locator => sideBarRow(page(), label);

  /** Answers the input box or quick pick titled `title` with `value` (a quick pick takes the first match). */
  async function answer(title: string, value: string): Promise<void> {
    const widget = page().locator('.quick-input-widget', { has: page().locator('.quick-input-title', { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }) });
    await widget.waitFor({ timeout: UI_MS });
    const input = widget.locator('.quick-input-box input');
    await input.fill(value);
    await input.press('Enter');
  }

  interface ConnectionAnswers {
    name: string;
    bootstrap: string;
    auth: 'None' | 'SCRAM-SHA-256' | 'PLAIN';
    password?: string;
    tls: 'No TLS' | 'TLS, system trusted CAs' | 'TLS, CA file';
    caFile?: string;
  }

  async function fillConnection(a: ConnectionAnswers): Promise<void> {
    await answer('Cluster name', a.name);
    await answer('Bootstrap servers', a.bootstrap);
    await answer('SASL authentication', a.auth);
    if (a.auth !== 'None') {
      await answer('SASL user name', USER);
      await answer('SASL password', a.password ?? '');
    }
    await answer('TLS', a.tls);
    if (a.tls !== 'No TLS') {
      if (a.caFile !== undefined) await answer('CA certificate file', a.caFile);
      await answer('Client certificate file', '');
    }
  }

  async function addConnection(a: ConnectionAnswers): Promise<void> {
    await workbench().runCommand('Kafka: Add Cluster Connection');
    await fillConnection(a);
  }

  async function editConnection(name: string, a: ConnectionAnswers): Promise<void> {
    await workbench().runCommand('Kafka: Edit Cluster Connection');
    await answer('Cluster connection', name);
    await fillConnection(a);
  }

  before(async () => {
    [sasl, tls] = await Promise.all([
      startCluster({
        extraArgs: ['--override', 'security.protocol=SASL_PLAINTEXT', '--override', 'sasl.enabled.mechanisms=SCRAM-SHA-256,PLAIN', '--override', `sasl.users=${USER}:${PASSWORD}`],
      }),
      startCluster({ extraArgs: ['--override', 'security.protocol=SSL', '--override', 'ssl.certificate=generate'] }),
    ]);
    const saslAdmin = kafkajsClient(sasl.bootstrap, { sasl: { mechanism: 'scram-sha-256', username: USER, password: PASSWORD } }).admin();
    await saslAdmin.connect();
    await saslAdmin.createTopics({ topics: [{ topic: saslTopic, numPartitions: 2 }] });
    await saslAdmin.disconnect();
    const tlsAdmin = kafkajsClient(tls.bootstrap, { ssl: { ca: [readFileSync(join(tls.dataDir, 'tls', 'ca.pem'), 'utf8')] } }).admin();
    await tlsAdmin.connect();
    await tlsAdmin.createTopics({ topics: [{ topic: tlsTopic, numPartitions: 1 }] });
    await tlsAdmin.disconnect();
  });

  after(async () => {
    await Promise.all([sasl?.stop(), tls?.stop()]);
  });

  it('shows a welcome with a start button while no cluster is running or reachable', async () => {
    const welcome = page().locator('.welcome-view-content', { hasText: 'No cluster is running or reachable.' });
    await welcome.waitFor({ timeout: UI_MS });
    await welcome.locator('.monaco-button', { hasText: 'Start Embedded Cluster' }).waitFor({ timeout: UI_MS });
  });

  it('a wrong SASL password shows the error in place and changes nothing', async () => {
    await addConnection({ name: 'secured', bootstrap: sasl.bootstrap, auth: 'SCRAM-SHA-256', password: 'not-the-password', tls: 'No TLS' });
    await treeRow(/^Authentication failed/).waitFor({ timeout: UI_MS });
    await treeRow('Embedded cluster').filter({ hasText: 'active' }).waitFor({ timeout: UI_MS });
    assert.equal(await treeRow(saslTopic).count(), 0);
  });

  it('the right password connects and its topics are listed once the connection is used', async () => {
    await editConnection('secured', { name: 'secured', bootstrap: sasl.bootstrap, auth: 'SCRAM-SHA-256', password: PASSWORD, tls: 'No TLS' });
    await treeRow(/^Authentication failed/).waitFor({ state: 'detached', timeout: UI_MS });
    await treeRow('secured').click();
    await treeRow('secured').filter({ hasText: 'active' }).waitFor({ timeout: UI_MS });
    await treeRow(saslTopic).waitFor({ timeout: UI_MS });
  });

  it('an unreachable cluster shows its error in the tree without hanging, and the active one stays', async () => {
    const port = await freePort();
    await addConnection({ name: 'nowhere', bootstrap: `127.0.0.1:${port}`, auth: 'None', tls: 'No TLS' });
    await treeRow(/^Unreachable/).waitFor({ timeout: UI_MS });
    await treeRow('secured').filter({ hasText: 'active' }).waitFor({ timeout: UI_MS });
    await treeRow(saslTopic).waitFor({ timeout: UI_MS });
  });

  it('a TLS certificate the client does not trust shows a message; with the CA file it connects', async () => {
    await addConnection({ name: 'tls-local', bootstrap: tls.bootstrap, auth: 'None', tls: 'TLS, system trusted CAs' });
    await treeRow(/^TLS: the cluster's certificate is not trusted/).waitFor({ timeout: UI_MS });
    assert.equal(await treeRow(tlsTopic).count(), 0);
    await editConnection('tls-local', { name: 'tls-local', bootstrap: tls.bootstrap, auth: 'None', tls: 'TLS, CA file', caFile: join(tls.dataDir, 'tls', 'ca.pem') });
    // The edit is saved once the old error leaves the tree; a click before that would use the old settings.
    await treeRow(/^TLS: the cluster's certificate is not trusted/).waitFor({ state: 'detached', timeout: UI_MS });
    await treeRow('tls-local').click();
    await treeRow('tls-local').filter({ hasText: 'active' }).waitFor({ timeout: UI_MS });
    await treeRow(tlsTopic).waitFor({ timeout: UI_MS });
    await screenshotForDocs(workbench(), screenshots, 'clusters-view.png');
  });
});
