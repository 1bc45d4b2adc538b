// The leader-epoch checkpoint file of a partition directory: epoch -> start offset, rewritten atomically
// whenever the history changes, so an epoch that has not written yet survives a restart.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomically } from '../storage/storageFormat.js';
import type { EpochStart } from './leaderEpochHistory.js';

export const LEADER_EPOCH_CHECKPOINT_FILE = 'leader-epoch-checkpoint';
const CHECKPOINT_VERSION = 1;

export function encodeEpochCheckpoint(entries: readonly EpochStart[]): Buffer {
  const lines = [`${CHECKPOINT_VERSION}`, `${entries.length}`, ...entries.map((e) => `${e.epoch} ${e.startOffset}`)];
  return Buffer.from(`${lines.join('\n')}\n`);
}

/** Throws with the reason for a file that is not a whole checkpoint of a version this broker reads. */
export function decodeEpochCheckpoint(data: Buffer): EpochStart[] {
  const lines = data.toString('utf8').split('\n');
  if (lines[lines.length - 1] !== '') throw new Error('the last line is not complete');
  lines.pop();
  if (lines[0] !== `${CHECKPOINT_VERSION}`) throw new Error(`version "${lines[0] ?? ''}", this broker reads ${CHECKPOINT_VERSION}`);
  const count = Number(lines[1]);
  if (!Number.isInteger(count) || count < 0 || lines.length !== count + 2) throw new Error(`says ${lines[1] ?? '?'} entries, holds ${lines.length - 2}`);
  const entries: EpochStart[] = [];
  for (const line of lines.slice(2)) {
    const match = /^(\d{1,10}) (\d{1,19})$/.exec(line);
    if (!match) throw new Error(`bad entry "${line.slice(0, 40)}"`);
    const entry = { epoch: Number(match[1]), startOffset: BigInt(match[2]) };
    const last = entries[entries.length - 1];
    if (last && (entry.epoch <= last.epoch || entry.startOffset < last.startOffset)) throw new Error(`entry "${line}" does not follow "${last.epoch} ${last.startOffset}"`);
    entries.push(entry);
  }
  return entries;
}

/** The stored history; null when there is no file (an older data directory) or it is damaged (reported). */
export function readEpochCheckpoint(dir: string, onDamaged: (file: string, reason: string) => void): EpochStart[] | null {
  const file = path.join(dir, LEADER_EPOCH_CHECKPOINT_FILE);
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    return decodeEpochCheckpoint(data);
  } catch (err) {
    onDamaged(file, err instanceof Error ? err.message : String(err));
    return null;
  }
}

export function writeEpochCheckpoint(dir: string, entries: readonly EpochStart[]): void {
  writeFileAtomically(path.join(dir, LEADER_EPOCH_CHECKPOINT_FILE), encodeEpochCheckpoint(entries));
}
