// Reads the embedded cluster's lock file and waits for it to appear, tolerating a file caught
// half-written or left behind by a supervisor that died.

import * as fs from 'node:fs/promises';
import { lockFilePath, parseClusterLock, type ClusterLock } from '../../broker/cluster/clusterFiles.js';
import { isProcessAlive } from '../../broker/cluster/processLock.js';

/** The lock file's contents, or undefined when there is none or it is not (yet) a complete lock. */
export async function readClusterLock(dataDir: string): Promise<ClusterLock | undefined> {
  try {
    return parseClusterLock(await fs.readFile(lockFilePath(dataDir), 'utf8'));
  } catch {
    return undefined;
  }
}

export interface WaitForLockOptions {
  readonly timeoutMs: number;
  /** Checked between polls; a returned string aborts the wait with that reason. */
  readonly abortReason?: () => string | undefined;
  /** Ignore locks naming this process id or older ones (a stale lock being replaced). */
  readonly notFromPid?: number;
  readonly pollIntervalMs?: number;
}

/** Polls until a lock of a live supervisor appears; rejects on timeout or when aborted. */
export async function waitForClusterLock(dataDir: string, options: WaitForLockOptions): Promise<ClusterLock> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.pollIntervalMs ?? 100;
  for (;;) {
    const lock = await readClusterLock(dataDir);
    if (lock !== undefined && lock.pid !== options.notFromPid && isProcessAlive(lock.pid)) {
      return lock;
    }
    const reason = options.abortReason?.();
    if (reason !== undefined) {
      throw new Error(reason);
    }
    if (Date.now() >= deadline) {
      throw new Error(`The embedded cluster did not start within ${Math.round(options.timeoutMs / 1000)} s (no lock file in ${dataDir}).`);
    }
    await new Promise<void>((resolve) => setTimeout(resolve, interval));
  }
}
