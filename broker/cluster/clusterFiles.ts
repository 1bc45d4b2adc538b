// The files a running cluster leaves in its data directory, shared by the supervisor, the CLI and the
// extension: the lock file names the live supervisor, its control port and the bootstrap servers.

import * as fs from 'node:fs';
import * as path from 'node:path';

export const LOCK_FILE = 'cluster.lock.json';

export interface BrokerEndpoint {
  readonly nodeId: number;
  readonly host: string;
  readonly port: number;
}

/** Written by the supervisor once every broker listens; removed when it stops. */
export interface ClusterLock {
  readonly formatVersion: 1;
  readonly pid: number;
  /** 127.0.0.1 port of the supervisor's control channel (newline-delimited JSON). */
  readonly controlPort: number;
  /** Shared secret a control client sends first, so other local users cannot drive the cluster. */
  readonly token: string;
  readonly bootstrapServers: string;
  readonly brokers: readonly BrokerEndpoint[];
  readonly startedAt: string;
}

export function lockFilePath(dataDir: string): string {
  return path.join(dataDir, LOCK_FILE);
}

/** The lock, or undefined when `text` is not a complete lock (caught half-written, or another format). */
export function parseClusterLock(text: string): ClusterLock | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const lock = value as Record<string, unknown>;
  const complete =
    lock.formatVersion === 1 &&
    Number.isSafeInteger(lock.pid) &&
    Number.isSafeInteger(lock.controlPort) &&
    typeof lock.token === 'string' &&
    typeof lock.bootstrapServers === 'string' &&
    Array.isArray(lock.brokers);
  return complete ? (value as ClusterLock) : undefined;
}

/** The data directory's lock file, whether or not its supervisor still lives; undefined if none. */
export function readClusterLock(dataDir: string): ClusterLock | undefined {
  try {
    return parseClusterLock(fs.readFileSync(lockFilePath(dataDir), 'utf8'));
  } catch {
    return undefined;
  }
}
