// End-to-end: the packaged extension in a real VS Code (code-server) in chromium.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { repoRoot } from '../support/repoRoot.js';
import { waitFor } from '../support/waitFor.js';
import { startWorkbench, type Workbench } from './support/codeServer.js';

const screenshots = join(repoRoot, 'test-results', 'e2e');

describe('Kafka Workbench in VS Code', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await startWorkbench();
  });

  after(async () => {
    await workbench?.close();
  });

  it('shows a Kafka entry in the activity bar that opens the Topics view', async () => {
    await workbench.openView('Kafka');
    // A container with a single view shows that view's name in the side bar title ("KAFKA: TOPICS").
    const title = workbench.page.locator('.sidebar .composite.title .title-label');
    await title.filter({ hasText: /topics/i }).waitFor({ timeout: 30_000 });
    await workbench.screenshot(join(screenshots, 'kafka-view.png'));
    assert.match((await title.textContent()) ?? '', /kafka/i);
  });

  it('activates the extension, which fills the Topics view', async () => {
    await workbench.openView('Kafka');
    // VS Code shows this text until an extension registers the view's data provider.
    const noProvider = workbench.page.locator('.sidebar', { hasText: 'There is no data provider' });
    await waitFor(async () => (await noProvider.count()) === 0, { what: 'the extension to register the Topics view', timeoutMs: 90_000, intervalMs: 250 });
    await waitFor(async () => (await workbench.treeRows()).length > 0, { what: 'rows in the Topics view', timeoutMs: 90_000, intervalMs: 250 });
    await workbench.screenshot(join(screenshots, 'topics-view.png'));
  });
});
