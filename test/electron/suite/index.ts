// The test-electron suite: runs inside a desktop VS Code's extension host with the extension under
// development loaded, and checks what the code-server suite checks through the browser at the API level.

import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'kafka-workbench.kafka-workbench';

async function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function run(): Promise<void> {
  const dataDir = process.env.KAFKA_WORKBENCH_TEST_DATA_DIR;
  assert.ok(dataDir, 'KAFKA_WORKBENCH_TEST_DATA_DIR is set by runTests');
  await vscode.workspace.getConfiguration('kafkaWorkbench').update('embedded.dataDir', dataDir, vscode.ConfigurationTarget.Global);

  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  const started = Date.now();
  await extension.activate();
  process.stdout.write(`activate() took ${Date.now() - started} ms\n`);

  const commands = await vscode.commands.getCommands(true);
  for (const id of ['kafkaWorkbench.refreshTopics', 'kafkaWorkbench.createTopic', 'kafkaWorkbench.deleteTopic', 'kafkaWorkbench.copyBootstrapServers']) {
    assert.ok(commands.includes(id), `command ${id} is registered`);
  }

  // Copying the bootstrap servers works once the embedded cluster runs.
  const bootstrap = await eventually('the embedded cluster to run', async () => {
    await vscode.commands.executeCommand('kafkaWorkbench.copyBootstrapServers');
    const text = await vscode.env.clipboard.readText();
    return /^127\.0\.0\.1:\d+/.test(text) ? text : undefined;
  });
  process.stdout.write(`embedded cluster at ${bootstrap}\n`);
}
