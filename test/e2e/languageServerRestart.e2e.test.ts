// End-to-end: the `.kafka` language server process is killed twice under a real VS Code (code-server).
// Each time the client starts a new one and diagnostics keep coming; the user is told once, by a
// single "…restarted" notification, while the log records every restart.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Locator } from 'playwright-core';
import { waitFor } from '../support/waitFor.js';
import { openWorkspaceFile } from './support/sideBar.js';
import { resultsDir, useWorkbench } from './support/useWorkbench.js';

const screenshots = resultsDir('e2e-language-server-restart');
// Longer than the other suites' UI bound: the language server restarts with a back-off.
const UI_MS = 60_000;
const RESTARTED = 'The .kafka language server stopped unexpectedly and was restarted.';
const RESTART_LOG_LINE = /stopped unexpectedly; restarting it/g;

const FILE = [
  'PRODUCER first',
  'topik: restart-orders',
  'hello',
  '',
  '###',
  '',
  'PRODUCER second',
  'topic: restart-orders',
  'key: a',
  'hello',
  '',
  '###',
  '',
  'PRODUCER third',
  'topic: restart-orders',
  'key: b',
  'hello',
  '',
].join('\n');
/** 1-based lines (for Go to Line) whose property name the test misspells after each restart. */
const SECOND_KEY_LINE = 9;
const THIRD_KEY_LINE = 16;

/** Pids of node processes running this workbench's bundled language server. */
function languageServerPids(extensionsDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (commandLine.some((arg) => arg.startsWith(extensionsDir) && arg.endsWith(join('dist', 'languageServer.js')))) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

describe('the .kafka language server restarts after it dies, and says so once', () => {
  const workbench = useWorkbench({ results: screenshots, workspaceFiles: { 'restart.kafka': FILE } });
  let extensionsDir: string;

  const problem = (text: string): Locator => workbench().page.locator('.markers-panel .monaco-list-row', { hasText: text }).first();
  const restartedToasts = (): Locator => workbench().page.locator('.notifications-toasts .notification-toast', { hasText: RESTARTED });

  /** SIGKILLs the running server and waits for the client to start another one. */
  const killServer = async (): Promise<void> => {
    const [pid] = await waitFor(() => {
      const pids = languageServerPids(extensionsDir);
      return pids.length === 1 ? pids : undefined;
    }, { what: 'one running language server process', timeoutMs: UI_MS, intervalMs: 200 });
    process.kill(pid, 'SIGKILL');
    await waitFor(() => languageServerPids(extensionsDir).some((other) => other !== pid), {
      what: 'a new language server process',
      timeoutMs: UI_MS,
      intervalMs: 200,
    });
  };

  /** Misspells `key` on a line (Go to Line, then type at its start) and waits for the server to report it. */
  const misspellKeyOn = async (line: number, prefix: string): Promise<void> => {
    const page = workbench().page;
    await page.locator('.monaco-editor .view-lines', { hasText: 'PRODUCER first' }).first().click({ timeout: UI_MS });
    await page.keyboard.press('Control+G');
    await page.keyboard.type(String(line));
    await page.keyboard.press('Enter');
    await page.keyboard.press('Home');
    await page.keyboard.type(prefix);
    await page.keyboard.press('Escape');
    await problem(`Unknown PRODUCER property "${prefix}key"`).waitFor({ timeout: UI_MS });
  };

  before(() => {
    extensionsDir = join(dirname(workbench().workspaceDir), 'extensions');
  });

  it('opens the .kafka file and reports the misspelt property', async () => {
    const page = workbench().page;
    await openWorkspaceFile(page, 'restart.kafka', 'PRODUCER first', UI_MS);
    await page.keyboard.press('Control+Shift+M');
    await problem('Unknown PRODUCER property "topik"').waitFor({ timeout: UI_MS });
  });

  it('a killed server is restarted, the user is told, and diagnostics still come', async () => {
    await killServer();
    await restartedToasts().first().waitFor({ timeout: UI_MS });
    await misspellKeyOn(SECOND_KEY_LINE, 'x');
    await problem('Unknown PRODUCER property "topik"').waitFor({ timeout: UI_MS });
  });

  it('killed again, it is restarted without a second notification', async () => {
    await killServer();
    await waitFor(() => (workbench().outputChannelLog('Kafka Workbench').match(RESTART_LOG_LINE) ?? []).length >= 2, {
      what: 'the second restart in the log',
      timeoutMs: UI_MS,
      intervalMs: 250,
    });
    await misspellKeyOn(THIRD_KEY_LINE, 'z');
    // Toasts hide themselves; the notification center keeps every notification of the window.
    await workbench().runCommand('Notifications: Show Notifications');
    const inCenter = workbench().page.locator('.notifications-center .notification-list-item', { hasText: RESTARTED });
    await inCenter.first().waitFor({ timeout: UI_MS });
    assert.equal(await inCenter.count(), 1, 'one "restarted" notification for two restarts');
    assert.equal(languageServerPids(extensionsDir).length, 1);
  });
});
