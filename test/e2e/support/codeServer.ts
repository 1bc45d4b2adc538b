// Runs the packaged extension in a real VS Code (code-server) driven by Debian's chromium through
// playwright-core, in fresh directories, and tears all of it down even when a test fails.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { onCleanup } from '../../support/cleanup.js';
import { repoRoot } from '../../support/repoRoot.js';
import { killSupervisorOf } from '../../support/supervisorLock.js';
import { tempDir } from '../../support/tempDir.js';
import { waitFor } from '../../support/waitFor.js';

export interface WorkbenchOptions {
  /** The VSIX to install; dist-vsix/kafka-workbench.vsix (made by `npm run package`) by default. */
  vsix?: string;
  /** Data directory of the embedded cluster the extension starts; a fresh temp dir by default. */
  clusterDataDir?: string;
  /** Port of its first broker; a free port by default. */
  clusterPort?: number;
  /** More user settings, merged over the harness's own. */
  settings?: Record<string, unknown>;
  /** Files to create in the workspace folder, by relative path. */
  workspaceFiles?: Record<string, string>;
}

export interface Workbench {
  page: Page;
  workspaceDir: string;
  clusterDataDir: string;
  clusterPort: number;
  /** Clicks the activity bar entry whose label starts with `title`, unless its view is already showing. */
  openView(title: string): Promise<void>;
  /** Runs a command by its palette title (e.g. "Kafka: Create Topic") through F1. */
  runCommand(title: string): Promise<void>;
  /** The text of every visible row in the side bar's trees. */
  treeRows(): Promise<string[]>;
  /** The (nested) webview frame that contains `selector`, once one does. */
  webviewFrame(selector: string, timeoutMs?: number): Promise<Frame>;
  screenshot(path: string): Promise<void>;
  /** What code-server printed so far. */
  codeServerOutput(): string;
  /** Reloads the window (a new extension host, so activate() runs again) and waits for the workbench to be drawn. */
  reload(): Promise<void>;
  /**
   * What the output channel `name` (a log channel) has written in every window load so far: the
   * text of each of its log files, oldest file first.
   */
  outputChannelLog(name: string): string;
  /** Copies code-server's output and VS Code's logs (extension host, our output channel) into `dir`, which the temp home does not outlive. */
  saveLogs(dir: string): void;
  close(): Promise<void>;
}

const chromiumPath = process.env['KW_CHROMIUM'] ?? '/usr/bin/chromium';
// Without the networking flags chromium keeps calling hosts this machine cannot reach.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Installs code-server into the cache once (scripts/install-code-server.sh) and returns its executable. */
export function installCodeServer(): string {
  const result = spawnSync('bash', [join(repoRoot, 'scripts', 'install-code-server.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) throw new Error(`scripts/install-code-server.sh failed (${result.status ?? result.signal})`);
  const lines = result.stdout.trim().split('\n');
  const bin = lines[lines.length - 1];
  if (!bin) throw new Error('scripts/install-code-server.sh printed no path');
  return bin;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Every file called `fileName` under `dir`, at any depth; none when `dir` does not exist yet. */
function logFilesNamed(dir: string, fileName: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...logFilesNamed(full, fileName));
    else if (entry.name === fileName) found.push(full);
  }
  return found;
}

export async function startWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const codeServer = installCodeServer();
  const vsix = options.vsix ?? join(repoRoot, 'dist-vsix', 'kafka-workbench.vsix');
  const home = tempDir('e2e-home');
  const extensionsDir = join(home, 'extensions');
  const userDataDir = join(home, 'user-data');
  const workspaceDir = join(home, 'workspace');
  const clusterDataDir = options.clusterDataDir ?? join(home, 'cluster');
  const clusterPort = options.clusterPort ?? (await freePort());
  for (const dir of [extensionsDir, join(userDataDir, 'User'), workspaceDir, clusterDataDir]) mkdirSync(dir, { recursive: true });
  for (const [relative, text] of Object.entries(options.workspaceFiles ?? {})) {
    mkdirSync(dirname(join(workspaceDir, relative)), { recursive: true });
    writeFileSync(join(workspaceDir, relative), text);
  }
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'kafkaWorkbench.embedded.dataDir': clusterDataDir,
    'kafkaWorkbench.embedded.port': clusterPort,
    ...options.settings,
  };
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  // code-server keeps its own config and state under XDG dirs: keep them out of the real home.
  const env = { ...process.env, XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data') };

  const install = spawnSync(codeServer, ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix], {
    encoding: 'utf8',
    env,
  });
  if (install.status !== 0) throw new Error(`installing ${vsix} into code-server failed:\n${install.stdout}${install.stderr}`);

  const port = await freePort();
  const server = spawn(
    codeServer,
    [
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      workspaceDir,
    ],
    // Its own process group, so closing reaches the extension host and the other helpers it forks.
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let serverOutput = '';
  server.stdout.on('data', (chunk: Buffer) => (serverOutput += chunk.toString('utf8')));
  server.stderr.on('data', (chunk: Buffer) => (serverOutput += chunk.toString('utf8')));
  const serverExited = once(server, 'exit').then(() => undefined);
  let browser: Browser | undefined;

  const killEverything = (): void => {
    killGroup(server, 'SIGKILL');
    // The extension starts the cluster supervisor detached from VS Code, in a session of its own.
    killSupervisorOf(clusterDataDir);
  };
  const forget = onCleanup(killEverything);

  const close = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    if (server.exitCode === null && server.signalCode === null) {
      killGroup(server, 'SIGTERM');
      const timer = setTimeout(() => killGroup(server, 'SIGKILL'), 10_000);
      await serverExited;
      clearTimeout(timer);
    }
    killEverything();
    forget();
  };

  try {
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitFor(
      async () => {
        if (server.exitCode !== null) throw new Error(`code-server exited with ${server.exitCode}:\n${serverOutput}`);
        const response = await fetch(`${baseUrl}/healthz`);
        return response.ok;
      },
      { what: `code-server to serve ${baseUrl}`, timeoutMs: 60_000, intervalMs: 200 },
    );

    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const workbenchDrawn = async (): Promise<void> => {
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      // The activity bar is drawn once the workbench has restored its layout.
      await page.locator('.activitybar .action-item').first().waitFor({ timeout: 60_000 });
    };
    await page.goto(`${baseUrl}/?folder=${encodeURIComponent(workspaceDir)}`);
    await workbenchDrawn();

    const activityEntry = (title: string) => page.locator(`.activitybar .action-item:has(> a[aria-label^="${title}"])`).first();
    const isChecked = async (title: string): Promise<boolean> => /\bchecked\b/.test((await activityEntry(title).getAttribute('class')) ?? '');
    return {
      page,
      workspaceDir,
      clusterDataDir,
      clusterPort,
      async openView(title) {
        const entry = activityEntry(title);
        await entry.waitFor({ timeout: 30_000 });
        // Clicking the entry of the view that is showing would hide the side bar; and a window that is
        // still restoring its layout may show the view just after a click went in, which then hid it.
        // So: click only while it is not showing, and again if a click has not shown it within a while.
        let clickedAt = 0;
        await waitFor(
          async () => {
            if (await isChecked(title)) return true;
            if (Date.now() - clickedAt > 3_000) {
              await entry.click();
              clickedAt = Date.now();
            }
            return false;
          },
          { what: `the ${title} view to show` },
        );
      },
      async runCommand(title) {
        await page.keyboard.press('F1');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ timeout: 10_000 });
        await input.fill(`>${title}`);
        const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
        await row.waitFor({ timeout: 30_000 });
        await row.click();
      },
      async treeRows() {
        const rows = await page.locator('.sidebar .monaco-list-row').allTextContents();
        return rows.map((row) => row.trim()).filter((row) => row !== '');
      },
      async webviewFrame(selector, timeoutMs = 30_000) {
        return waitFor(
          async () => {
            for (const frame of page.frames()) {
              if (await frame.$(selector).catch(() => null)) return frame;
            }
            return undefined;
          },
          { what: `a webview containing ${selector}`, timeoutMs, intervalMs: 200 },
        );
      },
      async screenshot(path) {
        mkdirSync(dirname(path), { recursive: true });
        await page.screenshot({ path });
      },
      async reload() {
        await page.reload();
        await workbenchDrawn();
      },
      outputChannelLog(name) {
        const files = logFilesNamed(join(userDataDir, 'logs'), `${name}.log`);
        files.sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
        return files.map((file) => readFileSync(file, 'utf8')).join('');
      },
      codeServerOutput: () => serverOutput,
      saveLogs(dir) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'code-server.log'), serverOutput);
        const logs = join(userDataDir, 'logs');
        if (existsSync(logs)) cpSync(logs, join(dir, 'vscode-logs'), { recursive: true });
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
