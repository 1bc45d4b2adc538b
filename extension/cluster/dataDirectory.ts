// Where the embedded cluster keeps its data: the setting when given (with ~ expanded), else the
// directory the kafka-workbench command line uses too, so both find the same running cluster.

import * as os from 'node:os';
import * as path from 'node:path';

export function defaultDataDirectory(homeDir: string = os.homedir()): string {
  return path.join(homeDir, '.kafka-workbench', 'data');
}

export function resolveDataDirectory(setting: string | undefined, homeDir: string = os.homedir()): string {
  const trimmed = (setting ?? '').trim();
  if (trimmed.length === 0) {
    return defaultDataDirectory(homeDir);
  }
  if (trimmed === '~') {
    return homeDir;
  }
  if (trimmed.startsWith('~/') || trimmed.startsWith('~\\')) {
    return path.join(homeDir, trimmed.slice(2));
  }
  return path.resolve(trimmed);
}

/** The idle shutdown setting in minutes as the supervisor's milliseconds; 0 means never idle out. */
export function idleTimeoutMs(minutes: number | undefined): number {
  if (minutes === undefined || !Number.isFinite(minutes) || minutes < 0) {
    return 10 * 60_000;
  }
  return Math.round(minutes * 60_000);
}
