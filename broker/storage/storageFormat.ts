// The on-disk format of a partition directory: its version file, the names of segment and
// journal files, and the refusal of anything written by a newer broker.

import * as fs from 'node:fs';
import * as path from 'node:path';

/** Bump when a change to files, tables or journal frames cannot be read by older brokers. */
/**
 * 2: journal frames may be batch-checked (the frame CRC covers the entry header and the batch's own
 * CRC field; the batch CRC covers the rest), marked by the length word's top bit. A version-1 broker
 * would take such a frame for a torn tail and cut the journal there, so version 1 must refuse this data.
 * Version-1 data needs no rewrite to be read by version 2: opening it only records the new version.
 */
export const STORAGE_FORMAT_VERSION = 2;
export const FORMAT_FILE = 'format.json';

export class StorageFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageFormatError';
  }
}

const OFFSET_DIGITS = 20;
const SEGMENT_SUFFIX = '.segment.sqlite';
const JOURNAL_SUFFIX = '.journal';
const NAME_PATTERN = /^(\d{20})(\.segment\.sqlite|\.journal|\.journal\.part)$/;

export function segmentFileName(baseOffset: bigint): string {
  return `${baseOffset.toString().padStart(OFFSET_DIGITS, '0')}${SEGMENT_SUFFIX}`;
}

export function journalFileName(baseOffset: bigint): string {
  return `${baseOffset.toString().padStart(OFFSET_DIGITS, '0')}${JOURNAL_SUFFIX}`;
}

export interface PartitionFiles {
  /** Sealed segment files by base offset, ascending. */
  segments: { baseOffset: bigint; file: string }[];
  /** Journals by base offset, ascending; normally one, the active segment's. */
  journals: { baseOffset: bigint; file: string }[];
  /** Rewritten journals (`*.journal.part`) of a truncation that may not have finished. */
  journalParts: { baseOffset: bigint; file: string }[];
  /** Leftovers of an interrupted write (`*.tmp`), safe to delete. */
  temporaries: string[];
}

export function listPartitionFiles(dir: string): PartitionFiles {
  const files: PartitionFiles = { segments: [], journals: [], journalParts: [], temporaries: [] };
  for (const name of fs.readdirSync(dir)) {
    if (name.endsWith('.tmp')) {
      files.temporaries.push(path.join(dir, name));
      continue;
    }
    const match = NAME_PATTERN.exec(name);
    if (!match) continue;
    const entry = { baseOffset: BigInt(match[1]), file: path.join(dir, name) };
    const kind = match[2] === SEGMENT_SUFFIX ? files.segments : match[2] === JOURNAL_SUFFIX ? files.journals : files.journalParts;
    kind.push(entry);
  }
  const byOffset = (a: { baseOffset: bigint }, b: { baseOffset: bigint }): number =>
    a.baseOffset < b.baseOffset ? -1 : a.baseOffset > b.baseOffset ? 1 : 0;
  files.segments.sort(byOffset);
  files.journals.sort(byOffset);
  files.journalParts.sort(byOffset);
  return files;
}

/** Reads the directory's format file, or writes one for a new directory. */
export function checkOrCreateFormatFile(dir: string): void {
  const file = path.join(dir, FORMAT_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    writeFileAtomically(file, Buffer.from(`${JSON.stringify({ version: STORAGE_FORMAT_VERSION })}\n`));
    return;
  }
  let version: unknown;
  try {
    version = (JSON.parse(text) as { version?: unknown }).version;
  } catch {
    throw new StorageFormatError(`${file} is not valid JSON; refusing to open this partition`);
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new StorageFormatError(`${file} has no valid "version"; refusing to open this partition`);
  }
  if (version > STORAGE_FORMAT_VERSION) {
    throw new StorageFormatError(
      `${file} says storage format version ${version}, newer than this broker reads (${STORAGE_FORMAT_VERSION}); ` +
        'upgrade Kafka Workbench to open this data',
    );
  }
  if (version < STORAGE_FORMAT_VERSION) {
    // Migration: every older version is readable as it is; from now on this directory holds frames only
    // this version reads, so it is marked before anything new is written.
    writeFileAtomically(file, Buffer.from(`${JSON.stringify({ version: STORAGE_FORMAT_VERSION })}\n`));
  }
}

/** Writes through a temp file, fsyncs, renames: a crash leaves the old file or the new, never half. */
export function writeFileAtomically(file: string, data: Uint8Array): void {
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  syncDirectory(path.dirname(file));
}

/** Makes a rename or unlink in dir durable; a no-op where directories cannot be fsynced. */
export function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open directories for fsync; the rename is still atomic there.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The async twin of writeFileAtomically, for large segment exports that should not block the loop. */
export async function writeFileAtomicallyAsync(file: string, data: Uint8Array): Promise<void> {
  const tmp = `${file}.tmp`;
  const handle = await fs.promises.open(tmp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(tmp, file);
  syncDirectory(path.dirname(file));
}
