// A partition's log on disk: sealed segments (one sql.js file each) plus an active segment held in
// memory and journaled. The one interface the log layer uses; recovery happens on open.
//
// Design: the active segment is NOT a sql.js database. Its batches live in its journal on disk, the
// durable copy, and reads go there through an in-memory index (see activeSegment.ts); the sql.js
// database is built once, at seal, in an image pre-sized to the segment (see buildSegmentImage), then
// written to its file. A seal therefore holds about one segment's size in memory, once.
// Inserting into a live in-memory sql.js file cost a copy of the whole file at every 12.5% of growth,
// which held appends to ~20-35 MB/s for 11 KB batches; a journal append runs at file-append speed.
// Replay after a crash is bounded by segment.bytes (the journal never holds more than one segment),
// and the bytes of all active segments of a broker are capped by an ActiveMemoryBudget.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Database, SqlJsStatic } from 'sql.js';
import type { Logger } from '../logger.js';
import { decodeRecords } from '../records/records.js';
import { ActiveSegment, positionsInNewJournal } from './activeSegment.js';
import { processActiveMemoryBudget, type ActiveMemoryBudget } from './activeMemoryBudget.js';
import { encodeJournalFrame, JournalWriteError, JournalWriter, readJournal } from './journal.js';
import { processSegmentCache, type SegmentCache } from './segmentCache.js';
import {
  allBatches, batchesBelow, buildSegmentImage, firstBaseReaching, firstBatchAtOrAfterTime, readBatches, readSegmentHeader,
  summarize, type StoredBatch,
} from './segmentDb.js';
import { loadSqlJs } from './sqlJs.js';
import {
  checkOrCreateFormatFile, journalFileName, listPartitionFiles, segmentFileName, StorageFormatError, syncDirectory,
  writeFileAtomically, writeFileAtomicallyAsync,
} from './storageFormat.js';

export type { StoredBatch } from './segmentDb.js';

export interface PartitionStore {
  /** The partition's directory, where the log layer keeps its own state files; null for a store without files. */
  readonly directory: string | null;
  /** First offset still stored (raised by retention, DeleteRecords and truncation of old segments). */
  readonly logStartOffset: bigint;
  /** Next offset to be assigned. */
  readonly logEndOffset: bigint;
  /**
   * Resolves once the batch is in the journal (on disk per the flush policy) and readable. `crcChecked`:
   * the batch's own CRC is known to be right, so the journal need not hash the batch a second time.
   */
  append(batch: StoredBatch, crcChecked?: boolean): Promise<void>;
  /** Batches holding offsets >= max(fromOffset, logStartOffset), at least one whole batch even past maxBytes (KIP-74). */
  read(fromOffset: bigint, maxBytes: number): StoredBatch[];
  /** First offset whose record timestamp is >= timestamp, or null when none is. */
  offsetForTimestamp(timestamp: bigint): bigint | null;
  /** The same search, with the found record's own timestamp (what ListOffsets answers). */
  recordAtOrAfterTime(timestamp: bigint): TimestampedOffset | null;
  /** The first record carrying the log's largest timestamp (ListOffsets MAX_TIMESTAMP, KIP-734). */
  maxTimestampRecord(): TimestampedOffset | null;
  /** Bytes the log takes: sealed segment files plus the active segment's batches. */
  sizeBytes(): number;
  /**
   * Removes every batch holding an offset >= `offset` (whole batches), for a follower whose log
   * diverged from its new leader. The log end becomes `offset`, or the removed batch's base if lower.
   */
  truncateTo(offset: bigint): Promise<void>;
  /** Deletes the sealed segments whose offsets all lie below `offset` (retention); returns how many. */
  deleteSegmentsBelow(offset: bigint): Promise<number>;
  /**
   * Moves the log start offset up to `offset` (capped at the log end) durably, and deletes the sealed
   * segments wholly below it (DeleteRecords). Never moves it down. Resolves to the new log start.
   */
  advanceLogStartOffset(offset: bigint): Promise<bigint>;
  /** Each segment, oldest first, the active one last: what retention policies decide on. */
  segments(): SegmentInfo[];
  /** The batches of the sealed segment starting at `baseOffset` (compaction reads them). */
  sealedSegmentBatches(baseOffset: bigint): StoredBatch[];
  /**
   * Atomically replaces the sealed segment at `baseOffset` with `batches` (a compacted copy: a subset of
   * its offsets, offsets unchanged). Resolves false when that segment no longer exists.
   */
  replaceSealedSegment(baseOffset: bigint, batches: readonly StoredBatch[]): Promise<boolean>;
  /** fsyncs everything appended so far. */
  flush(): Promise<void>;
  /** A topic's configs changed (AlterConfigs): later appends seal and flush by these settings. */
  updateSettings(settings: StoreSettings): void;
  close(): Promise<void>;
}

export interface TimestampedOffset {
  offset: bigint;
  timestamp: bigint;
}

export interface SegmentInfo {
  baseOffset: bigint;
  /** The offset after the segment: the next segment's base, or the log end for the active one. */
  nextOffset: bigint;
  sizeBytes: number;
  /** Largest batch timestamp in the segment; null when it holds no batch. */
  maxTimestamp: bigint | null;
  active: boolean;
}

/** The StoreOptions that come from topic configs, and may change while the store is open. */
export type StoreSettings = Pick<StoreOptions, 'segmentBytes' | 'segmentMs' | 'flushMessages' | 'flushMs'>;

export interface StoreOptions {
  /** Seal the active segment before it would grow past this many batch bytes (segment.bytes). */
  segmentBytes?: number;
  /** Seal the active segment once it is this old (segment.ms). */
  segmentMs?: number;
  /** fsync the journal after this many appends, before they resolve (flush.messages). */
  flushMessages?: number;
  /** fsync the journal at least this often; 0 turns the timer off (flush.ms). */
  flushMs?: number;
  /** The LRU of open sealed segments; by default one shared by the whole process. */
  segmentCache?: SegmentCache;
  /** The cap on active segment bytes; by default one shared by the whole process. */
  activeMemory?: ActiveMemoryBudget;
  /** Told once when damage found after open takes the store offline (it then refuses every call). */
  onOffline?: (error: Error) => void;
  /** The clock for segment.ms, in ms; tests pass their own. */
  now?: () => number;
}

export const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;
export const DEFAULT_SEGMENT_MS = 7 * 24 * 60 * 60 * 1000;
export const DEFAULT_FLUSH_MS = 1000;

/** The durable log start offset, when DeleteRecords moved it inside a segment. */
const LOG_START_FILE = 'log-start-offset';

/** A damaged sealed segment found while serving: the partition goes offline, nothing is deleted. */
export class SegmentDamagedError extends StorageFormatError {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file} is damaged (${detail}); the partition is offline and nothing was deleted`);
    this.name = 'SegmentDamagedError';
  }
}

interface SealedSegment {
  baseOffset: bigint;
  file: string;
  sizeBytes: number;
  /** Learned lazily (opening the file) for segments found at recovery. */
  maxTimestamp: bigint | null | undefined;
}

export async function openPartitionStore(dir: string, options: StoreOptions, log: Logger): Promise<PartitionStore> {
  const sql = await loadSqlJs();
  fs.mkdirSync(dir, { recursive: true });
  checkOrCreateFormatFile(dir);
  return SqlJsPartitionStore.recover(sql, dir, options, log);
}

function readLogStartFile(dir: string): bigint {
  const file = path.join(dir, LOG_START_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0n;
    throw err;
  }
  if (!/^\d{1,19}$/.test(text)) throw new StorageFormatError(`${file} does not hold an offset ("${text.slice(0, 40)}"); refusing to open this partition`);
  return BigInt(text);
}

class SqlJsPartitionStore implements PartitionStore {
  private logEnd: bigint;
  private logStart: bigint;
  private appending: Promise<void> = Promise.resolve();
  private failure: Error | null = null;
  private closed = false;
  private sealRequested = false;
  private flushTimer: NodeJS.Timeout | undefined;
  private segmentBytes = DEFAULT_SEGMENT_BYTES;
  private segmentMs = DEFAULT_SEGMENT_MS;
  private flushMessages = 0;
  private readonly cache: SegmentCache;
  private readonly memory: ActiveMemoryBudget;
  private readonly leaveBudget: () => void;
  private readonly now: () => number;

  private constructor(
    private readonly sql: SqlJsStatic,
    private readonly dir: string,
    private readonly sealed: SealedSegment[],
    private active: ActiveSegment,
    logEnd: bigint,
    logStart: bigint,
    private readonly options: StoreOptions,
    private readonly log: Logger,
  ) {
    this.logEnd = logEnd;
    this.logStart = logStart;
    this.cache = options.segmentCache ?? processSegmentCache;
    this.memory = options.activeMemory ?? processActiveMemoryBudget;
    this.now = options.now ?? Date.now;
    this.leaveBudget = this.memory.register({ activeBytes: () => this.active.batchBytes, sealEarly: () => this.sealEarly() });
    this.updateSettings(options);
  }

  updateSettings(settings: StoreSettings): void {
    this.segmentBytes = settings.segmentBytes ?? DEFAULT_SEGMENT_BYTES;
    this.segmentMs = settings.segmentMs ?? DEFAULT_SEGMENT_MS;
    this.flushMessages = settings.flushMessages ?? 0;
    if (this.flushTimer) clearInterval(this.flushTimer);
    this.flushTimer = undefined;
    const flushMs = settings.flushMs ?? DEFAULT_FLUSH_MS;
    if (flushMs > 0 && !this.closed) {
      this.flushTimer = setInterval(() => this.syncInBackground(), flushMs);
      this.flushTimer.unref();
    }
  }

  static recover(sql: SqlJsStatic, dir: string, options: StoreOptions, log: Logger): SqlJsPartitionStore {
    const cache = options.segmentCache ?? processSegmentCache;
    const now = options.now ?? Date.now;
    const files = listPartitionFiles(dir);
    for (const tmp of files.temporaries) {
      fs.rmSync(tmp, { force: true });
      log.info(`${tmp}: removed the leftover of an interrupted write`);
    }
    // Headers first: a file that is not SQLite, or from a newer format, refuses the whole partition.
    const headers = files.segments.map((s) => readSegmentHeader(s.file, s.baseOffset));
    const sealed: SealedSegment[] = files.segments.map((s) => ({
      baseOffset: s.baseOffset,
      file: s.file,
      sizeBytes: fs.statSync(s.file).size,
      maxTimestamp: undefined,
    }));
    for (let i = 0; i + 1 < sealed.length; i++) {
      const next = headers[i]?.nextOffset ?? null;
      const following = sealed[i + 1];
      if (next !== null && next !== following.baseOffset) {
        throw new StorageFormatError(
          `${following.file} starts at offset ${following.baseOffset} but ${(sealed[i]).file} ends before offset ${next}: ` +
            `${next < following.baseOffset ? 'a segment is missing' : 'segments overlap'}; refusing to open this partition, nothing was deleted`,
        );
      }
    }
    const lastSealed = sealed[sealed.length - 1];
    const lastSealedNext = headers[headers.length - 1]?.nextOffset ?? null;

    // A truncation writes the surviving batches to `<base>.journal.part`, then drops the segments
    // it cut, then renames the part in: a part above the last sealed segment finishes that rename.
    for (const part of files.journalParts) {
      if (lastSealed && part.baseOffset <= lastSealed.baseOffset) {
        fs.rmSync(part.file, { force: true });
        log.info(`${part.file}: removed, the truncation that wrote it had not cut its segment yet`);
        continue;
      }
      const target = path.join(dir, journalFileName(part.baseOffset));
      fs.renameSync(part.file, target);
      log.info(`${target}: finished an interrupted truncation`);
      if (!files.journals.some((j) => j.file === target)) files.journals.push({ baseOffset: part.baseOffset, file: target });
    }
    files.journals.sort((a, b) => (a.baseOffset < b.baseOffset ? -1 : a.baseOffset > b.baseOffset ? 1 : 0));

    // A journal at or below the last sealed base outlived a seal that had already written its file.
    const journals = files.journals.filter((j) => {
      if (lastSealed && j.baseOffset <= lastSealed.baseOffset) {
        fs.rmSync(j.file, { force: true });
        log.info(`${j.file}: removed, its segment was already sealed`);
        return false;
      }
      return true;
    });
    if (journals.length > 1) {
      throw new StorageFormatError(`${dir} holds ${journals.length} active journals (${journals.map((j) => path.basename(j.file)).join(', ')}); expected one`);
    }
    const journalEntry = journals[0];
    if (journalEntry && lastSealedNext !== null && journalEntry.baseOffset !== lastSealedNext) {
      throw new StorageFormatError(
        `${journalEntry.file} starts at offset ${journalEntry.baseOffset} but ${lastSealed?.file ?? ''} ends before offset ${lastSealedNext}: ` +
          'a segment is missing; refusing to open this partition, nothing was deleted',
      );
    }

    let activeBase: bigint;
    if (journalEntry) {
      activeBase = journalEntry.baseOffset;
    } else if (lastSealed) {
      if (lastSealedNext !== null) {
        activeBase = lastSealedNext;
      } else {
        const summary = summarize(cache.get(sql, lastSealed.file));
        activeBase = summary.lastOffset === null ? lastSealed.baseOffset : summary.lastOffset + 1n;
      }
    } else {
      activeBase = 0n;
    }
    const journalFile = journalEntry?.file ?? path.join(dir, journalFileName(activeBase));
    // Only the index stays: the batches' bytes are views into this buffer, read again from the journal.
    const replay = journalEntry ? readJournal(fs.readFileSync(journalFile), false) : { batches: [], positions: [], tornTail: null };
    const lastReplayed = replay.batches[replay.batches.length - 1];
    const logEnd = lastReplayed ? lastReplayed.lastOffset + 1n : activeBase;
    const validLength = replay.tornTail ? replay.tornTail.position : fs.existsSync(journalFile) ? fs.statSync(journalFile).size : 0;
    if (replay.tornTail) {
      log.warn(
        `${journalFile}: dropped ${replay.tornTail.droppedBytes} bytes of a torn tail at byte ${replay.tornTail.position} ` +
          `(${replay.tornTail.reason}); the log now ends at offset ${logEnd}`,
      );
    }
    const journal = JournalWriter.open(journalFile, validLength);
    syncDirectory(dir);
    const active = new ActiveSegment(activeBase, journal, now(), replay.batches, replay.positions);
    if (replay.batches.length > 0 || sealed.length > 0) {
      log.info(`${dir}: recovered ${sealed.length} sealed segments and ${replay.batches.length} journaled batches, log ends at ${logEnd}`);
    }
    const logStart = readLogStartFile(dir);
    return new SqlJsPartitionStore(sql, dir, sealed, active, logEnd, logStart, options, log);
  }

  get directory(): string {
    return this.dir;
  }

  get logStartOffset(): bigint {
    const firstStored = this.sealed[0]?.baseOffset ?? this.active.baseOffset;
    const start = this.logStart > firstStored ? this.logStart : firstStored;
    return start > this.logEnd ? this.logEnd : start;
  }

  get logEndOffset(): bigint {
    return this.logEnd;
  }

  append(batch: StoredBatch, crcChecked = false): Promise<void> {
    return this.inOrder(() => this.appendInOrder(batch, crcChecked));
  }

  truncateTo(offset: bigint): Promise<void> {
    return this.inOrder(() => this.truncateInOrder(offset));
  }

  deleteSegmentsBelow(offset: bigint): Promise<number> {
    return this.inOrder(() => Promise.resolve(this.deleteSegmentsInOrder(offset)));
  }

  advanceLogStartOffset(offset: bigint): Promise<bigint> {
    return this.inOrder(async () => {
      const target = offset > this.logEnd ? this.logEnd : offset;
      if (target > this.logStart) {
        writeFileAtomically(path.join(this.dir, LOG_START_FILE), Buffer.from(`${target}\n`));
        this.logStart = target;
        this.log.info(`${this.dir}: log start offset advanced to ${target}`);
      }
      this.deleteSegmentsInOrder(this.logStartOffset);
      return Promise.resolve(this.logStartOffset);
    });
  }

  replaceSealedSegment(baseOffset: bigint, batches: readonly StoredBatch[]): Promise<boolean> {
    return this.inOrder(async () => {
      const index = this.sealed.findIndex((s) => s.baseOffset === baseOffset);
      const segment = this.sealed[index];
      if (!segment) return false;
      const next = this.sealed[index + 1]?.baseOffset ?? this.active.baseOffset;
      for (const b of batches) {
        if (b.baseOffset < baseOffset || b.lastOffset >= next) {
          throw new Error(`a rewritten batch at ${b.baseOffset}..${b.lastOffset} lies outside segment ${segment.file} (${baseOffset}..${next - 1n})`);
        }
      }
      const data = await buildSegmentImage(this.sql, baseOffset, next, batches, this.cache.pool);
      // The rename swaps the whole file at once: a crash leaves the old segment or the new one.
      await writeFileAtomicallyAsync(segment.file, data);
      this.cache.pool.give(data.buffer as ArrayBuffer);
      this.cache.evict(segment.file);
      segment.sizeBytes = data.length;
      segment.maxTimestamp = batches.reduce<bigint | null>((max, b) => (max === null || b.maxTimestamp > max ? b.maxTimestamp : max), null);
      return true;
    });
  }

  /** Every change to the log runs one after another, in call order. */
  private inOrder<T>(change: () => Promise<T>): Promise<T> {
    const run = this.appending.then(() => {
      this.checkUsable();
      return change();
    });
    this.appending = run.then(() => undefined, () => undefined);
    return run;
  }

  private checkUsable(): void {
    if (this.closed) throw new Error(`partition store ${this.dir} is closed`);
    if (this.failure) throw new Error(`partition store ${this.dir} failed earlier: ${this.failure.message}`);
  }

  private async appendInOrder(batch: StoredBatch, crcChecked: boolean): Promise<void> {
    if (batch.baseOffset < this.logEnd) {
      throw new Error(`batch at offset ${batch.baseOffset} is below the log end offset ${this.logEnd} of ${this.dir}`);
    }
    if (batch.lastOffset < batch.baseOffset) {
      throw new Error(`batch last offset ${batch.lastOffset} is before its base offset ${batch.baseOffset}`);
    }
    if (this.shouldSeal(batch)) await this.sealActive();
    const active = this.active;
    let position: number;
    try {
      position = active.journal.append(batch, crcChecked);
    } catch (err) {
      // A journal cut back to its last whole frame can take the next append (the disk may have room
      // again); one left with half a frame would hide every later frame from recovery.
      if (!(err instanceof JournalWriteError) || !err.rolledBack) {
        this.failure = err as Error;
        this.log.error(`${active.journal.file}: journal write failed, partition store stops accepting appends: ${this.failure.message}`);
      } else {
        this.log.error(`${err.message}; the batch at offset ${batch.baseOffset} was not stored`);
      }
      throw err;
    }
    if (active.batchCount === 0) active.startedAt = this.now();
    active.add(batch, position);
    this.logEnd = batch.lastOffset + 1n;
    if (this.flushMessages > 0 && active.journal.unsyncedAppends >= this.flushMessages) {
      await active.journal.sync();
    }
    this.memory.check();
  }

  private shouldSeal(next: StoredBatch): boolean {
    const active = this.active;
    if (active.batchCount === 0) return false;
    return active.batchBytes + next.bytes.length > this.segmentBytes || this.now() - active.startedAt >= this.segmentMs;
  }

  private sealEarly(): void {
    if (this.sealRequested || this.closed || this.failure) return;
    this.sealRequested = true;
    const activeBytes = this.active.batchBytes;
    this.inOrder(async () => {
      this.sealRequested = false;
      if (this.active.batchCount > 0) {
        this.log.info(`${this.dir}: sealing an active segment of ${activeBytes} bytes early, active segments are over their memory cap`);
        await this.sealActive();
      }
    }).catch((err: unknown) => {
      this.sealRequested = false;
      this.log.error(`${this.dir}: early seal failed: ${err instanceof Error ? err.message : String(err)}`);
    });
  }

  /** Exports the active segment to its own file, then starts a fresh journal at the log end. */
  private async sealActive(): Promise<void> {
    const old = this.active;
    const file = path.join(this.dir, segmentFileName(old.baseOffset));
    const data = await buildSegmentImage(this.sql, old.baseOffset, this.logEnd, old.contents(), this.cache.pool);
    await writeFileAtomicallyAsync(file, data);
    this.cache.pool.give(data.buffer as ArrayBuffer);
    // From here the sealed file is the truth for these offsets; recovery drops the old journal.
    const journal = JournalWriter.open(path.join(this.dir, journalFileName(this.logEnd)), 0);
    syncDirectory(this.dir);
    this.sealed.push({ baseOffset: old.baseOffset, file, sizeBytes: data.length, maxTimestamp: old.maxTimestamp });
    this.active = new ActiveSegment(this.logEnd, journal, this.now());
    await old.journal.close();
    // Unlinking a large file takes a while on some filesystems: off the event loop.
    await fs.promises.rm(old.journal.file, { force: true });
    syncDirectory(this.dir);
    this.log.info(`sealed ${file}: ${old.batchCount} batches, ${data.length} bytes`);
  }

  private async truncateInOrder(offset: bigint): Promise<void> {
    if (offset >= this.logEnd) return;
    try {
      await this.truncateFiles(offset);
    } catch (err) {
      // Midway through, memory and files may disagree: reopening recovers from the files.
      this.failure = err as Error;
      this.log.error(`${this.dir}: truncation to ${offset} failed, partition store stops accepting appends: ${this.failure.message}`);
      throw err;
    }
  }

  private async truncateFiles(offset: bigint): Promise<void> {
    const before = this.logEnd;
    if (offset >= this.active.baseOffset) {
      const firstRemoved = this.active.firstBaseReaching(offset);
      const logEnd = firstRemoved !== null && firstRemoved < offset ? firstRemoved : offset;
      await this.replaceActive(this.active.baseOffset, this.active.below(offset), logEnd);
    } else {
      // Delete from the newest end backwards, so a crash midway leaves a prefix of the old log.
      // (A crash between dropping the cut segment's file and renaming its new journal in leaves
      // a shorter prefix: data a follower fetches again, never data its leader does not have.)
      await this.active.journal.close();
      fs.rmSync(this.active.journal.file, { force: true });
      const keep = this.sealed.findLastIndex((s) => s.baseOffset <= offset);
      for (let i = this.sealed.length - 1; i > keep; i--) this.dropSealed(this.sealed[i]);
      const cut = this.sealed[keep];
      let survivors: StoredBatch[] = [];
      let logEnd = offset;
      if (cut) {
        const db = this.openSealed(cut);
        survivors = this.guarded(cut, () => batchesBelow(db, offset));
        const firstRemoved = this.guarded(cut, () => firstBaseReaching(db, offset));
        if (firstRemoved !== null && firstRemoved < offset) logEnd = firstRemoved;
      }
      const newJournal = path.join(this.dir, journalFileName(cut ? cut.baseOffset : offset));
      await writeFileAtomicallyAsync(`${newJournal}.part`, Buffer.concat(survivors.map(encodeJournalFrame)));
      if (cut) this.dropSealed(cut);
      this.sealed.splice(Math.max(keep, 0));
      fs.renameSync(`${newJournal}.part`, newJournal);
      syncDirectory(this.dir);
      this.installActive(cut ? cut.baseOffset : offset, survivors, newJournal, logEnd);
    }
    if (this.logStart > this.logEnd) {
      // A recorded start above the new end would hide the records appended next.
      writeFileAtomically(path.join(this.dir, LOG_START_FILE), Buffer.from(`${this.logEnd}\n`));
      this.logStart = this.logEnd;
    }
    this.log.warn(`${this.dir}: truncated the log from offset ${offset}; it ended at ${before}, now ends at ${this.logEnd}`);
  }

  /** Rewrites the active segment with `survivors` through a renamed journal: all or nothing. */
  private async replaceActive(baseOffset: bigint, survivors: StoredBatch[], logEnd: bigint): Promise<void> {
    const file = path.join(this.dir, journalFileName(baseOffset));
    await writeFileAtomicallyAsync(`${file}.part`, Buffer.concat(survivors.map(encodeJournalFrame)));
    await this.active.journal.close();
    fs.renameSync(`${file}.part`, file);
    syncDirectory(this.dir);
    this.installActive(baseOffset, survivors, file, logEnd);
  }

  private installActive(baseOffset: bigint, survivors: StoredBatch[], journalFile: string, logEnd: bigint): void {
    const journal = JournalWriter.open(journalFile, fs.statSync(journalFile).size);
    this.active = new ActiveSegment(baseOffset, journal, this.now(), survivors, positionsInNewJournal(survivors));
    this.logEnd = logEnd;
  }

  private dropSealed(segment: SealedSegment): void {
    this.cache.evict(segment.file);
    fs.rmSync(segment.file, { force: true });
  }

  private deleteSegmentsInOrder(offset: bigint): number {
    let count = 0;
    while (this.sealed.length > 0) {
      const end = this.sealed[1]?.baseOffset ?? this.active.baseOffset;
      if (end > offset) break;
      const segment = this.sealed.shift() as SealedSegment;
      this.dropSealed(segment);
      count++;
      this.log.info(`deleted ${segment.file}: every offset in it is below ${offset}`);
    }
    if (count > 0) syncDirectory(this.dir);
    return count;
  }

  segments(): SegmentInfo[] {
    this.checkUsable();
    return [
      ...this.sealed.map((s, i) => ({
        baseOffset: s.baseOffset,
        nextOffset: this.sealed[i + 1]?.baseOffset ?? this.active.baseOffset,
        sizeBytes: s.sizeBytes,
        maxTimestamp: this.sealedMaxTimestamp(s),
        active: false,
      })),
      { baseOffset: this.active.baseOffset, nextOffset: this.logEnd, sizeBytes: this.active.batchBytes, maxTimestamp: this.active.maxTimestamp, active: true },
    ];
  }

  sealedSegmentBatches(baseOffset: bigint): StoredBatch[] {
    this.checkUsable();
    const segment = this.sealed.find((s) => s.baseOffset === baseOffset);
    if (!segment) return [];
    const db = this.openSealed(segment);
    return this.guarded(segment, () => allBatches(db));
  }

  read(fromOffset: bigint, maxBytes: number): StoredBatch[] {
    this.checkUsable();
    const out: StoredBatch[] = [];
    const start = this.logStartOffset;
    if (fromOffset < start) fromOffset = start;
    if (fromOffset >= this.logEnd) return out;
    let budget = maxBytes;
    let first = 0;
    for (let i = this.sealed.length - 1; i >= 0; i--) {
      if ((this.sealed[i]).baseOffset <= fromOffset) {
        first = i;
        break;
      }
    }
    if (fromOffset >= this.active.baseOffset) first = this.sealed.length;
    for (let i = first; i < this.sealed.length; i++) {
      const segment = this.sealed[i];
      const db = this.openSealed(segment);
      budget = this.guarded(segment, () => readBatches(db, fromOffset, budget, out));
      if (out.length > 0 && budget <= 0) return out;
    }
    this.active.read(fromOffset, budget, out);
    return out;
  }

  /** The open database of a sealed segment; damage found opening it takes the store offline. */
  private openSealed(segment: SealedSegment): Database {
    return this.guarded(segment, () => this.cache.get(this.sql, segment.file));
  }

  /** Runs a query on a sealed segment; an error from SQLite or the segment's checks means damage. */
  private guarded<T>(segment: SealedSegment, query: () => T): T {
    try {
      return query();
    } catch (err) {
      if (err instanceof SegmentDamagedError) throw err;
      const detail = err instanceof Error ? err.message : String(err);
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') this.goOffline(new SegmentDamagedError(segment.file, 'the file is missing'));
      this.goOffline(new SegmentDamagedError(segment.file, detail));
    }
  }

  private goOffline(error: SegmentDamagedError): never {
    if (!this.failure) {
      this.failure = error;
      this.cache.evict(error.file);
      this.log.error(`${this.dir}: ${error.message}`);
      this.options.onOffline?.(error);
    }
    throw error;
  }

  offsetForTimestamp(timestamp: bigint): bigint | null {
    return this.recordAtOrAfterTime(timestamp)?.offset ?? null;
  }

  recordAtOrAfterTime(timestamp: bigint): TimestampedOffset | null {
    const found = this.firstRecordAtOrAfterTime(timestamp);
    const start = this.logStartOffset;
    if (found === null || found.offset >= start) return found;
    // The match lies below a log start DeleteRecords set (rare): scan forward from the log start.
    return this.scanForTimestamp(start, timestamp);
  }

  private scanForTimestamp(from: bigint, timestamp: bigint): TimestampedOffset | null {
    let offset = from;
    while (offset < this.logEnd) {
      const batches = this.read(offset, 1 << 20);
      if (batches.length === 0) return null;
      for (const batch of batches) {
        if (batch.maxTimestamp < timestamp) continue;
        for (const record of decodeRecords(batch.bytes)) {
          if (record.offset >= from && record.timestamp >= timestamp) return { offset: record.offset, timestamp: record.timestamp };
        }
      }
      offset = (batches[batches.length - 1]?.lastOffset ?? offset) + 1n;
    }
    return null;
  }

  private firstRecordAtOrAfterTime(timestamp: bigint): TimestampedOffset | null {
    this.checkUsable();
    for (const segment of this.sealed) {
      const max = this.sealedMaxTimestamp(segment);
      if (max === null || max < timestamp) continue;
      const db = this.openSealed(segment);
      const found = this.guarded(segment, () => firstBatchAtOrAfterTime(db, timestamp));
      if (found) return this.firstRecordAtOrAfter(found, timestamp);
    }
    const found = this.active.firstAtOrAfterTime(timestamp);
    return found ? this.firstRecordAtOrAfter(found, timestamp) : null;
  }

  maxTimestampRecord(): TimestampedOffset | null {
    this.checkUsable();
    let max: bigint | null = null;
    for (const segment of this.sealed) {
      const segmentMax = this.sealedMaxTimestamp(segment);
      if (segmentMax !== null && (max === null || segmentMax > max)) max = segmentMax;
    }
    const activeMax = this.active.maxTimestamp;
    if (activeMax !== null && (max === null || activeMax > max)) max = activeMax;
    return max === null ? null : this.recordAtOrAfterTime(max);
  }

  private sealedMaxTimestamp(segment: SealedSegment): bigint | null {
    if (segment.maxTimestamp === undefined) {
      const db = this.openSealed(segment);
      segment.maxTimestamp = this.guarded(segment, () => summarize(db).maxTimestamp);
    }
    return segment.maxTimestamp;
  }

  // The batch's max timestamp reaches `timestamp`, so one of its records does; find which.
  private firstRecordAtOrAfter(batch: StoredBatch, timestamp: bigint): TimestampedOffset {
    try {
      for (const record of decodeRecords(batch.bytes)) {
        if (record.timestamp >= timestamp) return { offset: record.offset, timestamp: record.timestamp };
      }
    } catch (err) {
      this.log.warn(`${this.dir}: cannot decode the batch at offset ${batch.baseOffset} to search timestamps: ${(err as Error).message}`);
    }
    return { offset: batch.baseOffset, timestamp: batch.maxTimestamp };
  }

  sizeBytes(): number {
    return this.sealed.reduce((sum, s) => sum + s.sizeBytes, 0) + this.active.batchBytes;
  }

  async flush(): Promise<void> {
    await this.appending;
    await this.active.journal.sync();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.flushTimer) clearInterval(this.flushTimer);
    this.leaveBudget();
    await this.appending;
    this.closed = true;
    await this.active.journal.close();
    for (const segment of this.sealed) this.cache.evict(segment.file);
  }

  private syncInBackground(): void {
    if (this.closed || this.failure || this.active.journal.unsyncedAppends === 0) return;
    const journal = this.active.journal;
    journal.sync().catch((err: unknown) => {
      // After a failed fsync the page cache may have dropped the data: acknowledged writes are at risk.
      this.failure = err as Error;
      this.log.error(`${journal.file}: fsync failed, partition store stops accepting appends: ${this.failure.message}`);
    });
  }
}
