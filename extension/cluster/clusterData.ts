// The embedded cluster's data directory as a whole: how much disk it takes, wiping it for a reset,
// and the log file its supervisor and brokers write. No `vscode` import.

import * as fs from 'node:fs/promises';
import * as path from 'node:path';

/** Everything the supervisor and its brokers print goes here (see supervisorLauncher.ts). */
export const CLUSTER_LOG_FILE_NAME = 'supervisor-launch.log';

export function clusterLogFile(dataDir: string): string {
  return path.join(dataDir, CLUSTER_LOG_FILE_NAME);
}

/** Bytes of every file under `dir`; 0 when it does not exist. Files vanishing while it walks are skipped. */
export async function directorySize(dir: string): Promise<number> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  let total = 0;
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      total += await directorySize(full);
    } else if (entry.isFile()) {
      try {
        total += (await fs.stat(full)).size;
      } catch {
        // Deleted while walking (a segment sealed or removed by retention): it no longer counts.
      }
    }
  }
  return total;
}


/**
 * Deletes everything inside the data directory but keeps the directory itself (a user may have
 * pointed the setting at a folder they created, with its own permissions).
 */
export async function clearDirectory(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  for (const name of names) {
    await fs.rm(path.join(dir, name), { recursive: true, force: true, maxRetries: 3 });
  }
}
