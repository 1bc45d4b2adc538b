// One supervisor per data directory: an exclusive-create lock file holding the owner's pid. A lock
// whose owner is no longer alive (the supervisor was killed) is stale and taken over.

import * as fs from 'node:fs';
import * as path from 'node:path';

const SUPERVISOR_LOCK = 'supervisor.pid';

export class AlreadyRunningError extends Error {
  constructor(readonly pid: number, dataDir: string) {
    super(`a Kafka Workbench cluster is already running for ${dataDir} (pid ${pid})`);
    this.name = 'AlreadyRunningError';
  }
}

/** Whether a process with this id exists (EPERM: it does, but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the data directory's supervisor lock; returns a function that releases it. */
export function acquireSupervisorLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, SUPERVISOR_LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => {
        try {
          if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isProcessAlive(pid)) throw new AlreadyRunningError(pid, dataDir);
      fs.rmSync(file, { force: true }); // stale: its owner died without cleaning up
    }
  }
  throw new Error(`could not take the supervisor lock ${file}`);
}
