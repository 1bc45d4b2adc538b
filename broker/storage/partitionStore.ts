// A partition's log on disk: sealed segments (one sql.js file each) plus an active segment held
// in memory and journaled. The one interface the log layer uses; recovery happens on open.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Database, SqlJsStatic } from 'sql.js';
import type { Logger } from '../logger.js';
import { decodeRecords } from '../records/records.js';
import { JournalWriter, readJournal } from './journal.js';
import { processSegmentCache, type SegmentCache } from './segmentCache.js';
import {
  batchesBelow, createSegmentDb, firstBaseReaching, firstBatchAtOrAfterTime, insertBatch, prepareInserter, readBatches,
  summarize, type BatchInserter, type StoredBatch,
} from './segmentDb.js';
import { encodeJournalFrame } from './journal.js';
import { loadSqlJs } from './sqlJs.js';
import {
  checkOrCreateFormatFile, journalFileName, listPartitionFiles, segmentFileName, syncDirectory, writeFileAtomicallyAsync,
} from './storageFormat.js';

export type { StoredBatch } from './segmentDb.js';

export interface PartitionStore {
  /** First offset still stored. */
  readonly logStartOffset: bigint;
  /** Next offset to be assigned. */
  readonly logEndOffset: bigint;
  /** Resolves once the batch is in the journal (on disk per the flush policy) and readable. */
  append(batch: StoredBatch): Promise<void>;
  /** Batches holding offsets >= fromOffset, at least one whole batch even past maxBytes (KIP-74). */
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
   * DeleteRecords: records durably that the log now starts at `offset` (never moving it back or past
   * the log end), deletes the sealed segments wholly below it, and returns the new log start.
   */
  advanceLogStartOffset(offset: bigint): Promise<bigint>;
  /** Each segment, oldest first, the active one last: what retention policies decide on. */
  segments(): SegmentInfo[];
  /** fsyncs everything appended so far. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface TimestampedOffset {
  offset: bigint;
  timestamp: bigint;
}

export interface SegmentInfo {
  baseOffset: bigint;
  sizeBytes: number;
  /** Largest batch timestamp in the segment; null when it holds no batch. */
  maxTimestamp: bigint | null;
  active: boolean;
}

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
  /** The clock for segment.ms, in ms; tests pass their own. */
  now?: () => number;
}

export const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;
export const DEFAULT_SEGMENT_MS = 7 * 24 * 60 * 60 * 1000;
export const DEFAULT_FLUSH_MS = 1000;
/** Holds the log start offset DeleteRecords set, in decimal; absent means the first stored offset. */
const LOG_START_FILE = 'log-start-offset';

function readRecordedLogStart(dir: string): bigint {
  const file = path.join(dir, LOG_START_FILE);
  if (!fs.existsSync(file)) return 0n;
  const text = fs.readFileSync(file, 'utf8').trim();
  if (!/^\d+$/.test(text)) throw new Error(`${file} does not hold an offset: ${JSON.stringify(text.slice(0, 40))}`);
  return BigInt(text);
}

interface SealedSegment {
  baseOffset: bigint;
  file: string;
  sizeBytes: number;
  /** Learned lazily (opening the file) for segments found at recovery. */
  maxTimestamp: bigint | null | undefined;
}

interface ActiveSegment {
  baseOffset: bigint;
  db: Database;
  inserter: BatchInserter;
  journal: JournalWriter;
  batchBytes: number;
  batchCount: number;
  maxTimestamp: bigint | null;
  /** When it took its first batch (or was recovered), for segment.ms. */
  startedAt: number;
}

export async function openPartitionStore(dir: string, options: StoreOptions, log: Logger): Promise<PartitionStore> {
  const sql = await loadSqlJs();
  fs.mkdirSync(dir, { recursive: true });
  checkOrCreateFormatFile(dir);
  return SqlJsPartitionStore.recover(sql, dir, options, log);
}

class SqlJsPartitionStore implements PartitionStore {
  private logEnd: bigint;
  private appending: Promise<void> = Promise.resolve();
  private failure: Error | null = null;
  private closed = false;
  /** The log start DeleteRecords set; segments below it may still exist until deleted. */
  private recordedLogStart = 0n;
  private readonly flushTimer: NodeJS.Timeout | undefined;
  private readonly segmentBytes: number;
  private readonly segmentMs: number;
  private readonly flushMessages: number;
  private readonly cache: SegmentCache;
  private readonly now: () => number;

  private constructor(
    private readonly sql: SqlJsStatic,
    private readonly dir: string,
    private readonly sealed: SealedSegment[],
    private active: ActiveSegment,
    logEnd: bigint,
    options: StoreOptions,
    private readonly log: Logger,
  ) {
    this.logEnd = logEnd;
    this.segmentBytes = options.segmentBytes ?? DEFAULT_SEGMENT_BYTES;
    this.segmentMs = options.segmentMs ?? DEFAULT_SEGMENT_MS;
    this.flushMessages = options.flushMessages ?? 0;
    this.cache = options.segmentCache ?? processSegmentCache;
    this.now = options.now ?? Date.now;
    const flushMs = options.flushMs ?? DEFAULT_FLUSH_MS;
    if (flushMs > 0) {
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
    const sealed: SealedSegment[] = files.segments.map((s) => ({
      baseOffset: s.baseOffset,
      file: s.file,
      sizeBytes: fs.statSync(s.file).size,
      maxTimestamp: undefined,
    }));
    const lastSealed = sealed[sealed.length - 1];

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
      throw new Error(`${dir} holds ${journals.length} active journals (${journals.map((j) => path.basename(j.file)).join(', ')}); expected one`);
    }

    let activeBase: bigint;
    if (journals[0]) {
      activeBase = journals[0].baseOffset;
    } else if (lastSealed) {
      const summary = summarize(cache.get(sql, lastSealed.file));
      activeBase = summary.lastOffset === null ? lastSealed.baseOffset : summary.lastOffset + 1n;
    } else {
      activeBase = 0n;
    }
    const journalFile = journals[0]?.file ?? path.join(dir, journalFileName(activeBase));
    const replay = journals[0] ? readJournal(fs.readFileSync(journalFile)) : { batches: [], tornTail: null };

    const db = createSegmentDb(sql);
    let logEnd = activeBase;
    let batchBytes = 0;
    let maxTimestamp: bigint | null = null;
    for (const batch of replay.batches) {
      insertBatch(db, batch);
      batchBytes += batch.bytes.length;
      logEnd = batch.lastOffset + 1n;
      if (maxTimestamp === null || batch.maxTimestamp > maxTimestamp) maxTimestamp = batch.maxTimestamp;
    }
    const validLength = replay.tornTail ? replay.tornTail.position : fs.existsSync(journalFile) ? fs.statSync(journalFile).size : 0;
    if (replay.tornTail) {
      log.warn(
        `${journalFile}: dropped ${replay.tornTail.droppedBytes} bytes of a torn tail at byte ${replay.tornTail.position} ` +
          `(${replay.tornTail.reason}); the log now ends at offset ${logEnd}`,
      );
    }
    let journal: JournalWriter;
    try {
      journal = JournalWriter.open(journalFile, validLength);
    } catch (err) {
      db.close();
      throw err;
    }
    syncDirectory(dir);
    const active: ActiveSegment = {
      baseOffset: activeBase,
      db,
      inserter: prepareInserter(db),
      journal,
      batchBytes,
      batchCount: replay.batches.length,
      maxTimestamp,
      startedAt: now(),
    };
    if (replay.batches.length > 0 || sealed.length > 0) {
      log.info(`${dir}: recovered ${sealed.length} sealed segments and ${replay.batches.length} journaled batches, log ends at ${logEnd}`);
    }
    const store = new SqlJsPartitionStore(sql, dir, sealed, active, logEnd, options, log);
    store.recordedLogStart = readRecordedLogStart(dir);
    return store;
  }

  get logStartOffset(): bigint {
    const firstStored = this.sealed[0]?.baseOffset ?? this.active.baseOffset;
    const recorded = this.recordedLogStart < this.logEnd ? this.recordedLogStart : this.logEnd;
    return recorded > firstStored ? recorded : firstStored;
  }

  get logEndOffset(): bigint {
    return this.logEnd;
  }

  append(batch: StoredBatch): Promise<void> {
    return this.inOrder(() => this.appendInOrder(batch));
  }

  truncateTo(offset: bigint): Promise<void> {
    return this.inOrder(() => this.truncateInOrder(offset));
  }

  deleteSegmentsBelow(offset: bigint): Promise<number> {
    return this.inOrder(() => this.deleteSegmentsInOrder(offset));
  }

  advanceLogStartOffset(offset: bigint): Promise<bigint> {
    return this.inOrder(async () => {
      const target = offset < this.logEnd ? offset : this.logEnd;
      if (target <= this.logStartOffset) return this.logStartOffset;
      // Recorded first, so a crash before the segments go still hides the deleted records.
      await writeFileAtomicallyAsync(path.join(this.dir, LOG_START_FILE), Buffer.from(`${target}\n`));
      this.recordedLogStart = target;
      await this.deleteSegmentsInOrder(target);
      return this.logStartOffset;
    });
  }

  /** Every change to the log runs one after another, in call order. */
  private inOrder<T>(change: () => Promise<T>): Promise<T> {
    const run = this.appending.then(() => {
      if (this.closed) throw new Error(`partition store ${this.dir} is closed`);
      if (this.failure) throw new Error(`partition store ${this.dir} failed earlier: ${this.failure.message}`);
      return change();
    });
    this.appending = run.then(() => undefined, () => undefined);
    return run;
  }

  private async appendInOrder(batch: StoredBatch): Promise<void> {
    if (batch.baseOffset < this.logEnd) {
      throw new Error(`batch at offset ${batch.baseOffset} is below the log end offset ${this.logEnd} of ${this.dir}`);
    }
    if (batch.lastOffset < batch.baseOffset) {
      throw new Error(`batch last offset ${batch.lastOffset} is before its base offset ${batch.baseOffset}`);
    }
    if (this.shouldSeal(batch)) await this.sealActive();
    const active = this.active;
    try {
      active.journal.append(batch);
    } catch (err) {
      // A half-written frame would hide every later one from recovery: stop taking writes.
      this.failure = err as Error;
      this.log.error(`${active.journal.file}: journal write failed, partition store stops accepting appends: ${this.failure.message}`);
      throw err;
    }
    active.inserter.insert(batch);
    if (active.batchCount === 0) active.startedAt = this.now();
    active.batchCount++;
    active.batchBytes += batch.bytes.length;
    if (active.maxTimestamp === null || batch.maxTimestamp > active.maxTimestamp) active.maxTimestamp = batch.maxTimestamp;
    this.logEnd = batch.lastOffset + 1n;
    if (this.flushMessages > 0 && active.journal.unsyncedAppends >= this.flushMessages) {
      await active.journal.sync();
    }
  }

  private shouldSeal(next: StoredBatch): boolean {
    const active = this.active;
    if (active.batchCount === 0) return false;
    return active.batchBytes + next.bytes.length > this.segmentBytes || this.now() - active.startedAt >= this.segmentMs;
  }

  /** Exports the active segment to its own file, then starts a fresh journal at the log end. */
  private async sealActive(): Promise<void> {
    const old = this.active;
    const file = path.join(this.dir, segmentFileName(old.baseOffset));
    old.inserter.free(); // export() would free it anyway, and the segment takes no more batches
    const data = old.db.export();
    await writeFileAtomicallyAsync(file, data);
    // From here the sealed file is the truth for these offsets; recovery drops the old journal.
    const journal = JournalWriter.open(path.join(this.dir, journalFileName(this.logEnd)), 0);
    syncDirectory(this.dir);
    this.sealed.push({ baseOffset: old.baseOffset, file, sizeBytes: data.length, maxTimestamp: old.maxTimestamp });
    const db = createSegmentDb(this.sql);
    this.active = {
      baseOffset: this.logEnd,
      db,
      inserter: prepareInserter(db),
      journal,
      batchBytes: 0,
      batchCount: 0,
      maxTimestamp: null,
      startedAt: this.now(),
    };
    old.db.close();
    await old.journal.close();
    fs.rmSync(old.journal.file, { force: true });
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
      const firstRemoved = firstBaseReaching(this.active.db, offset);
      const logEnd = firstRemoved !== null && firstRemoved < offset ? firstRemoved : offset;
      await this.replaceActive(this.active.baseOffset, batchesBelow(this.active.db, offset), logEnd);
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
        const db = this.cache.get(this.sql, cut.file);
        survivors = batchesBelow(db, offset);
        const firstRemoved = firstBaseReaching(db, offset);
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
    const db = createSegmentDb(this.sql);
    let maxTimestamp: bigint | null = null;
    for (const batch of survivors) {
      insertBatch(db, batch);
      if (maxTimestamp === null || batch.maxTimestamp > maxTimestamp) maxTimestamp = batch.maxTimestamp;
    }
    const old = this.active;
    old.inserter.free();
    this.active = {
      baseOffset,
      db,
      inserter: prepareInserter(db),
      journal: JournalWriter.open(journalFile, fs.statSync(journalFile).size),
      batchBytes: survivors.reduce((sum, b) => sum + b.bytes.length, 0),
      batchCount: survivors.length,
      maxTimestamp,
      startedAt: this.now(),
    };
    old.db.close();
    this.logEnd = logEnd;
  }

  private dropSealed(segment: SealedSegment): void {
    this.cache.evict(segment.file);
    fs.rmSync(segment.file, { force: true });
  }

  private deleteSegmentsInOrder(offset: bigint): Promise<number> {
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
    return Promise.resolve(count);
  }

  segments(): SegmentInfo[] {
    if (this.closed) throw new Error(`partition store ${this.dir} is closed`);
    return [
      ...this.sealed.map((s) => ({ baseOffset: s.baseOffset, sizeBytes: s.sizeBytes, maxTimestamp: this.sealedMaxTimestamp(s), active: false })),
      { baseOffset: this.active.baseOffset, sizeBytes: this.active.batchBytes, maxTimestamp: this.active.maxTimestamp, active: true },
    ];
  }

  read(fromOffset: bigint, maxBytes: number): StoredBatch[] {
    if (this.closed) throw new Error(`partition store ${this.dir} is closed`);
    const out: StoredBatch[] = [];
    if (fromOffset >= this.logEnd) return out;
    if (fromOffset < this.logStartOffset) fromOffset = this.logStartOffset;
    let budget = maxBytes;
    for (const db of this.segmentsFrom(fromOffset)) {
      budget = readBatches(db(), fromOffset, budget, out);
      if (out.length > 0 && budget <= 0) break;
    }
    return out;
  }

  /** Lazily opened databases of the segments that may hold offsets >= fromOffset, in order. */
  private *segmentsFrom(fromOffset: bigint): Generator<() => Database> {
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
      yield () => this.cache.get(this.sql, segment.file);
    }
    const active = this.active;
    yield () => active.db;
  }

  offsetForTimestamp(timestamp: bigint): bigint | null {
    return this.recordAtOrAfterTime(timestamp)?.offset ?? null;
  }

  recordAtOrAfterTime(timestamp: bigint): TimestampedOffset | null {
    if (this.closed) throw new Error(`partition store ${this.dir} is closed`);
    for (const segment of this.sealed) {
      const max = this.sealedMaxTimestamp(segment);
      if (max === null || max < timestamp) continue;
      const found = firstBatchAtOrAfterTime(this.cache.get(this.sql, segment.file), timestamp);
      if (found) return this.firstRecordAtOrAfter(found, timestamp);
    }
    const found = firstBatchAtOrAfterTime(this.active.db, timestamp);
    return found ? this.firstRecordAtOrAfter(found, timestamp) : null;
  }

  maxTimestampRecord(): TimestampedOffset | null {
    if (this.closed) throw new Error(`partition store ${this.dir} is closed`);
    let max: bigint | null = null;
    for (const segment of this.sealed) {
      const segmentMax = this.sealedMaxTimestamp(segment);
      if (segmentMax !== null && (max === null || segmentMax > max)) max = segmentMax;
    }
    if (this.active.maxTimestamp !== null && (max === null || this.active.maxTimestamp > max)) max = this.active.maxTimestamp;
    return max === null ? null : this.recordAtOrAfterTime(max);
  }

  private sealedMaxTimestamp(segment: SealedSegment): bigint | null {
    if (segment.maxTimestamp === undefined) {
      segment.maxTimestamp = summarize(this.cache.get(this.sql, segment.file)).maxTimestamp;
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
    await this.appending;
    this.closed = true;
    await this.active.journal.close();
    this.active.inserter.free();
    this.active.db.close();
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
