// End-to-end: the packaged extension in a real VS Code (code-server) in chromium.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { repoRoot } from '../support/repoRoot.js';
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
});
