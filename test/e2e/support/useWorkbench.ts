// The set-up and teardown every e2e suite shares: one workbench per describe block, a screenshot after
// each test, logs saved and everything closed after the last one, and optionally the Kafka view shown
// and the embedded cluster running before the first test.
import { after, afterEach, before } from 'node:test';
import { join } from 'node:path';
import { repoRoot } from '../../support/repoRoot.js';
import { startWorkbench, type Workbench, type WorkbenchOptions } from './codeServer.js';

// Liveness bounds only: the first start of the cluster and of the extension host can be slow on CI.
export const CLUSTER_START_MS = 120_000;
export const UI_MS = 30_000;

export interface UseWorkbenchOptions extends WorkbenchOptions {
  /** Where step screenshots (steps/) and logs (logs/) go; see resultsDir(). */
  results: string;
  /** Shows the Kafka view before the first test. */
  openKafkaView?: boolean;
  /** Waits before the first test until the status bar says the embedded cluster runs. */
  waitForCluster?: boolean;
  /** Runs after the last test while the workbench is still up, e.g. to stop clients of its cluster. */
  beforeClose?: () => Promise<void>;
}

/** test-results/<name>, where a suite keeps what it leaves for reading a failure after the fact. */
export function resultsDir(name: string): string {
  return join(repoRoot, 'test-results', name);
}

/** Waits until the status bar says the embedded cluster runs (on `bootstrap`, when given). */
export async function waitForClusterRunning(workbench: Workbench, bootstrap?: string): Promise<void> {
  const text = bootstrap === undefined ? 'Kafka: running at' : `Kafka: running at ${bootstrap}`;
  await workbench.page.locator('.statusbar .statusbar-item', { hasText: text }).first().waitFor({ timeout: CLUSTER_START_MS });
}

/**
 * Registers the suite's hooks; call it inside `describe` before any other hook that needs the
 * workbench. Returns a getter, since the workbench only exists once the `before` hook has run.
 */
export function useWorkbench(options: UseWorkbenchOptions): () => Workbench {
  let workbench: Workbench | undefined;

  before(async () => {
    workbench = await startWorkbench(options);
    if (options.openKafkaView === true) await workbench.openView('Kafka');
    if (options.waitForCluster === true) await waitForClusterRunning(workbench);
  });

  // What the window looked like at the end of each test, for reading a failure after the fact.
  afterEach(async (context) => {
    const name = context.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    await workbench?.screenshot(join(options.results, 'steps', `${name}.png`)).catch(() => undefined);
  });

  after(async () => {
    try {
      await options.beforeClose?.();
    } finally {
      try {
        workbench?.saveLogs(join(options.results, 'logs'));
      } catch {
        // Logs are a debugging aid; failing to copy them must not keep the workbench open.
      }
      await workbench?.close();
    }
  });

  return () => {
    if (workbench === undefined) throw new Error('the workbench has not started (its before hook failed or has not run)');
    return workbench;
  };
}
