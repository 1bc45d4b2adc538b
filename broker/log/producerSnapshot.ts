// Producer-state snapshot files (`<offset>.producer-snapshot`, like Kafka's `.snapshot`): each holds every
// idempotent producer's epoch and last cached batches as of an offset, so opening a log replays only
// the batches after the newest usable snapshot instead of the whole log.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { crc32c } from '../records/crc32c.js';
import { writeFileAtomicallyAsync } from '../storage/storageFormat.js';
import type { CachedBatch, ProducerSnapshotEntry } from './producerState.js';

const SUFFIX = '.producer-snapshot';
const NAME_PATTERN = /^(\d{20})\.producer-snapshot$/;
const SNAPSHOT_VERSION = 1;

export interface ProducerSnapshot {
  /** Every batch below this offset is in the state; none at or above it. */
  readonly offset: bigint;
  readonly producers: readonly ProducerSnapshotEntry[];
}

export interface SnapshotFile {
  readonly offset: bigint;
  readonly file: string;
}

export function snapshotFileName(offset: bigint): string {
  return `${offset.toString().padStart(20, '0')}${SUFFIX}`;
}

/** Snapshot files in `dir`, newest offset first. */
export function listSnapshots(dir: string): SnapshotFile[] {
  const found: SnapshotFile[] = [];
  for (const name of fs.readdirSync(dir)) {
    const match = NAME_PATTERN.exec(name);
    if (match) found.push({ offset: BigInt(match[1]), file: path.join(dir, name) });
  }
  return found.sort((a, b) => (a.offset > b.offset ? -1 : a.offset < b.offset ? 1 : 0));
}

interface SnapshotJson {
  version: number;
  offset: string;
  producers: { id: string; epoch: number; batches: { fs: number; ls: number; fo: string; lo: string; ts: string }[] }[];
}

/** A text body (JSON) followed by a line with its CRC-32C, so a torn or flipped file is refused. */
export function encodeSnapshot(snapshot: ProducerSnapshot): Buffer {
  const json: SnapshotJson = {
    version: SNAPSHOT_VERSION,
    offset: snapshot.offset.toString(),
    producers: snapshot.producers.map((p) => ({
      id: p.producerId.toString(),
      epoch: p.epoch,
      batches: p.batches.map((b) => ({
        fs: b.firstSeq,
        ls: b.lastSeq,
        fo: b.firstOffset.toString(),
        lo: b.lastOffset.toString(),
        ts: b.timestamp.toString(),
      })),
    })),
  };
  const body = Buffer.from(JSON.stringify(json));
  return Buffer.concat([body, Buffer.from(`\n${crc32c(body)}\n`)]);
}

/** Throws with the reason when the bytes are not a whole, intact snapshot of a version this broker reads. */
export function decodeSnapshot(data: Buffer): ProducerSnapshot {
  const text = data.toString('utf8');
  const match = /\n(\d+)\n$/.exec(text);
  if (!match) throw new Error('no checksum line (torn or not a snapshot)');
  const body = data.subarray(0, data.length - match[0].length);
  if (crc32c(body) !== Number(match[1])) throw new Error('checksum mismatch');
  const json = JSON.parse(body.toString('utf8')) as SnapshotJson;
  if (json.version !== SNAPSHOT_VERSION) throw new Error(`version ${json.version}, this broker reads ${SNAPSHOT_VERSION}`);
  return {
    offset: BigInt(json.offset),
    producers: json.producers.map((p) => ({
      producerId: BigInt(p.id),
      epoch: p.epoch,
      batches: p.batches.map(
        (b): CachedBatch => ({ firstSeq: b.fs, lastSeq: b.ls, firstOffset: BigInt(b.fo), lastOffset: BigInt(b.lo), timestamp: BigInt(b.ts) }),
      ),
    })),
  };
}

export async function writeSnapshot(dir: string, snapshot: ProducerSnapshot): Promise<void> {
  await writeFileAtomicallyAsync(path.join(dir, snapshotFileName(snapshot.offset)), encodeSnapshot(snapshot));
}

/**
 * The newest intact snapshot at or below `maxOffset`; damaged ones are reported through `onDamaged`
 * and skipped (an older one, or a full scan, takes over). Never deletes.
 */
export function loadLatestSnapshot(dir: string, maxOffset: bigint, onDamaged: (file: string, reason: string) => void): ProducerSnapshot | null {
  for (const candidate of listSnapshots(dir)) {
    if (candidate.offset > maxOffset) continue;
    try {
      const snapshot = decodeSnapshot(fs.readFileSync(candidate.file));
      if (snapshot.offset !== candidate.offset) throw new Error(`it says offset ${snapshot.offset}, its name ${candidate.offset}`);
      return snapshot;
    } catch (err) {
      onDamaged(candidate.file, err instanceof Error ? err.message : String(err));
    }
  }
  return null;
}

/** Removes snapshots above `offset` (their state includes batches the log no longer holds). */
export function deleteSnapshotsAbove(dir: string, offset: bigint): void {
  for (const s of listSnapshots(dir)) if (s.offset > offset) fs.rmSync(s.file, { force: true });
}

/** Keeps the newest `keep` snapshots, so a damaged newest one still leaves an older one to start from. */
export function pruneSnapshots(dir: string, keep: number): void {
  for (const s of listSnapshots(dir).slice(keep)) fs.rmSync(s.file, { force: true });
}
