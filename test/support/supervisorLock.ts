// Finds and kills a cluster supervisor through the lock file it leaves in its data directory, for
// supervisors tests did not spawn themselves (the extension starts one detached from VS Code).
import { readClusterLock } from '../../broker/cluster/clusterFiles.js';

export { readClusterLock };

/** SIGKILLs the supervisor named in the lock file and its process group; synchronous, for exit hooks. */
export function killSupervisorOf(dataDir: string): void {
  const lock = readClusterLock(dataDir);
  if (!lock || !Number.isInteger(lock.pid) || lock.pid <= 1) return;
  for (const target of [-lock.pid, lock.pid]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // Not a group leader, or already gone.
    }
  }
}
