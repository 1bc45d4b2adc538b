// One segment's sql.js database: one rowid row per record batch, the blob as stored plus the
// offset and timestamp columns that lookups need. All SQL of the batch table lives here.

import * as fs from 'node:fs';
import type { Database, SqlJsStatic, Statement } from 'sql.js';
import { crc32c } from '../records/crc32c.js';
import { BATCH_LOG_OVERHEAD, BatchField } from '../records/recordBatch.js';
import { processSegmentBufferPool, type SegmentBufferPool } from './segmentBufferPool.js';
import { STORAGE_FORMAT_VERSION, StorageFormatError } from './storageFormat.js';
import { rowAccess } from './sqlJsRows.js';

export interface StoredBatch {
  baseOffset: bigint;
  lastOffset: bigint;
  maxTimestamp: bigint;
  /** The batch exactly as stored: RecordBatch v2 with the broker's fields set. */
  bytes: Buffer;
}

// base_offset is the rowid (INTEGER PRIMARY KEY), so rows sit in offset order; blobs go last so
// scans over the offset columns do not touch blob overflow pages. Never WITHOUT ROWID: 4x slower for blobs.
const SCHEMA = `
  CREATE TABLE batches (
    base_offset INTEGER PRIMARY KEY,
    last_offset INTEGER NOT NULL,
    max_timestamp INTEGER NOT NULL,
    bytes BLOB NOT NULL
  );
  CREATE INDEX batches_by_last_offset ON batches (last_offset);
`;

// sql.js binds a bigint as text and @types/sql.js has no bigint, so offsets cross as decimal
// strings and are cast in SQL: exact for the whole int64 range.
const INSERT = `INSERT INTO batches (base_offset, last_offset, max_timestamp, bytes)
  VALUES (CAST(?1 AS INTEGER), CAST(?2 AS INTEGER), CAST(?3 AS INTEGER), ?4)`;
const COLUMNS = 'CAST(base_offset AS TEXT), CAST(last_offset AS TEXT), CAST(max_timestamp AS TEXT), bytes';
const READ_FROM = `SELECT ${COLUMNS} FROM batches WHERE last_offset >= CAST(?1 AS INTEGER) ORDER BY last_offset`;
const FIRST_AT_OR_AFTER_TIME = `SELECT ${COLUMNS} FROM batches
  WHERE max_timestamp >= CAST(?1 AS INTEGER) ORDER BY base_offset LIMIT 1`;
const SUMMARY = `SELECT CAST(MIN(base_offset) AS TEXT), CAST(MAX(last_offset) AS TEXT),
  CAST(MAX(max_timestamp) AS TEXT), COUNT(*), COALESCE(SUM(LENGTH(bytes)), 0) FROM batches`;

export interface SegmentSummary {
  firstOffset: bigint | null;
  lastOffset: bigint | null;
  maxTimestamp: bigint | null;
  batchCount: number;
  batchBytes: number;
}

/**
 * Opens an exported segment, refusing one written by a newer format. `file` names it in errors. The
 * database takes `data` over as its file: the caller must not use or change it afterwards.
 */
export function openSegmentDb(sql: SqlJsStatic, data: Uint8Array, file: string): Database {
  let db: Database;
  try {
    db = new sql.Database(handedOver(data));
  } catch (err) {
    throw new StorageFormatError(`${file} is not a readable segment: ${(err as Error).message}`);
  }
  try {
    const version = db.exec('PRAGMA user_version')[0]?.values[0]?.[0];
    if (typeof version !== 'number' || version > STORAGE_FORMAT_VERSION) {
      throw new StorageFormatError(
        `${file} has storage format version ${String(version)}, newer than this broker reads (${STORAGE_FORMAT_VERSION})`,
      );
    }
    verifyBatches(db, file);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof StorageFormatError) throw err;
    throw new StorageFormatError(`${file} is not a readable segment: ${(err as Error).message}`);
  }
}

const VERIFY = 'SELECT CAST(base_offset AS TEXT), bytes FROM batches ORDER BY base_offset';

/**
 * Checks every stored batch against its own header and CRC: SQLite notices damage to its pages, not to
 * the bytes inside a blob. One pass when a segment is opened (CRC32C runs at GB/s).
 */
function verifyBatches(db: Database, file: string): void {
  const stmt = db.prepare(VERIFY);
  try {
    const access = rowAccess(stmt, db);
    while (stmt.step()) {
      let base: bigint;
      let bytes: Buffer;
      if (access) {
        // Checked in place in the wasm heap: nothing is copied.
        base = BigInt(access.text(0) ?? '-1');
        const view = access.blobView(1);
        bytes = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
      } else {
        const row = stmt.get();
        base = BigInt(row[0] as string);
        const blob = row[1] as Uint8Array;
        bytes = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
      }
      const problem =
        bytes.length < BatchField.records ? 'is shorter than a batch header'
        : bytes.readBigInt64BE(BatchField.baseOffset) !== base ? 'holds a different base offset'
        : bytes.readInt32BE(BatchField.batchLength) + BATCH_LOG_OVERHEAD !== bytes.length ? 'has a wrong length'
        : crc32c(bytes, BatchField.attributes) !== bytes.readUInt32BE(BatchField.crc) ? 'fails its CRC'
        : null;
      if (problem) throw new StorageFormatError(`${file} is damaged: the batch at offset ${base} ${problem}`);
    }
  } finally {
    stmt.free();
  }
}

/** Reads `stmt`'s current row (COLUMNS) as a batch: through SQLite's C API where it can, else Statement.get. */
function batchReader(stmt: Statement, db: Database): () => StoredBatch {
  const access = rowAccess(stmt, db);
  if (!access) return () => rowToBatch(stmt.get());
  const offset = (column: number): bigint => BigInt(access.text(column) ?? '-1');
  return () => ({ baseOffset: offset(0), lastOffset: offset(1), maxTimestamp: offset(2), bytes: access.blobCopy(3) });
}

function rowToBatch(row: unknown[]): StoredBatch {
  const blob = row[3] as Uint8Array;
  return {
    baseOffset: BigInt(row[0] as string),
    lastOffset: BigInt(row[1] as string),
    maxTimestamp: BigInt(row[2] as string),
    // sql.js hands out a fresh copy of the blob, so wrapping it without another copy is safe.
    bytes: Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength),
  };
}

/** A segment's batches for building its image when they are not all in memory (read as they go in). */
export interface SegmentContents {
  /** Each batch's byte length, in order: sizes the image before any batch is read. */
  sizes: readonly number[];
  batches(): Iterable<StoredBatch>;
}

function isContents(batches: readonly StoredBatch[] | SegmentContents): batches is SegmentContents {
  return !Array.isArray(batches);
}

/**
 * sql.js copies the bytes a Database opens (MEMFS takes `data.slice()` as the file), so a segment would sit
 * in memory twice until the caller's copy is collected. This view's slice() hands over the view itself:
 * the database's file IS these bytes, and writes to the file land in them while the file keeps its size.
 * If a later sql.js copies some other way, this only costs the copy again.
 */
class HandedOverBytes extends Uint8Array<ArrayBuffer> {
  override slice(start?: number, end?: number): Uint8Array<ArrayBuffer> {
    return this.subarray(start, end);
  }
}

/** `bytes` as a view sql.js takes over without copying (same memory, no copy here either). */
export function handedOver(bytes: Uint8Array): Uint8Array {
  // A SharedArrayBuffer never reaches here (files are read into plain Buffers); the view works on either.
  return new HandedOverBytes(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Builds a sealed segment's file image from its batches. `nextOffset` (the offset after the segment) goes
 * into the header's application_id as a span from `baseOffset`, so recovery finds a missing segment by
 * reading 72 header bytes per file instead of opening each one.
 *
 * Memory, the point of this shape: the database's file is one zeroed array pre-sized to the result and
 * handed over to sql.js (see HandedOverBytes), so inserts write in place (MEMFS would otherwise grow the
 * file by 12.5% at a time, copying it each time) and the returned image is that same array, not a second
 * export copy. Inserts commit every `commitEveryBytes`, which keeps SQLite's dirty pages (in the wasm heap,
 * which never shrinks) to a few MiB instead of the whole segment. The header fields written by the last,
 * separate transaction prove the file still lives in our array; if not, export() makes the copy after all.
 * The array comes from `pool`: give the result's buffer back to it once the image is written.
 */
export async function buildSegmentImage(
  sql: SqlJsStatic,
  baseOffset: bigint,
  nextOffset: bigint,
  batches: readonly StoredBatch[] | SegmentContents,
  pool: SegmentBufferPool = processSegmentBufferPool,
  commitEveryBytes = 4 * 1024 * 1024,
): Promise<Uint8Array> {
  const empty = new sql.Database();
  let template: Uint8Array;
  try {
    empty.run(SCHEMA);
    template = empty.export();
  } finally {
    empty.close();
  }
  const contents = isContents(batches) ? batches : { sizes: batches.map((b) => b.bytes.length), batches: () => batches };
  const bytes = template.length + estimatedFileBytes(contents.sizes);
  const image = new HandedOverBytes(pool.take(bytes, true), 0, bytes);
  image.set(template);
  let inPlace: Uint8Array | null = null;
  const db = new sql.Database(image);
  try {
    db.run('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN');
    const inserter = prepareInserter(db);
    try {
      // Inserting 64 MiB takes a while: yield now and then, so fetches and other partitions go on.
      let sinceCommit = 0;
      for (const batch of contents.batches()) {
        inserter.insert(batch);
        sinceCommit += batch.bytes.length;
        if (sinceCommit >= commitEveryBytes) {
          sinceCommit = 0;
          db.run('COMMIT');
          await new Promise<void>((resolve) => setImmediate(resolve));
          db.run('BEGIN');
        }
      }
    } finally {
      inserter.free();
    }
    db.run('COMMIT');
    const span = nextOffset - baseOffset;
    const applicationId = span > 0n && span <= MAX_RECORDED_SPAN ? Number(span) : 0;
    db.run(`PRAGMA user_version = ${STORAGE_FORMAT_VERSION}; PRAGMA application_id = ${applicationId}`);
    inPlace = imageInPlace(db, image, applicationId);
    return inPlace ?? db.export();
  } finally {
    db.close();
    if (!inPlace) pool.give(image.buffer);
  }
}

/**
 * The database file as `image` holds it, or null when sql.js moved the file elsewhere. The template had
 * user_version 0; a write of the header fields after every other commit shows up in `image` only if the
 * file never left it (MEMFS never moves a file back), and then every page went there too.
 */
function imageInPlace(db: Database, image: Uint8Array, applicationId: number): Uint8Array | null {
  const pageCount = Number(db.exec('PRAGMA page_count')[0]?.values[0]?.[0]);
  const pageSize = Number(db.exec('PRAGMA page_size')[0]?.values[0]?.[0]);
  const length = pageCount * pageSize;
  const header = Buffer.from(image.buffer, image.byteOffset, Math.min(image.byteLength, 100));
  const inPlace =
    Number.isSafeInteger(length) && length > 0 && length <= image.length && header.length === 100 &&
    header.readInt32BE(60) === STORAGE_FORMAT_VERSION && header.readInt32BE(68) === applicationId &&
    header.readUInt32BE(28) === pageCount;
  // A plain view, so nothing later mistakes it for bytes to hand over.
  return inPlace ? new Uint8Array(image.buffer, image.byteOffset, length) : null;
}

const PAGE = 4096;

// A batch that fits a page shares it with others; a larger one spills into whole overflow pages. The
// index adds a small row per batch; 5% and 1 MiB cover interior pages. Too little only costs speed.
function estimatedFileBytes(sizes: readonly number[]): number {
  let bytes = 0;
  for (const size of sizes) {
    const row = size + 48;
    bytes += row < PAGE * 0.75 ? row + 32 : Math.ceil(row / (PAGE - 4)) * PAGE;
  }
  return Math.ceil(bytes * 1.05) + 1024 * 1024;
}

/** application_id is a signed 32-bit integer; larger spans are recorded as 0 (unknown). */
const MAX_RECORDED_SPAN = 0x7fffffffn;
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export interface SegmentHeader {
  /** The offset after the segment, when its file records it (segments sealed by format 1 brokers before this field do not). */
  nextOffset: bigint | null;
}

/** Reads a sealed segment file's SQLite header; throws StorageFormatError for a file that is not SQLite. */
export function readSegmentHeader(file: string, baseOffset: bigint): SegmentHeader {
  const header = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  let read: number;
  try {
    read = fs.readSync(fd, header, 0, header.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (read < header.length || !header.subarray(0, 16).equals(SQLITE_MAGIC)) {
    throw new StorageFormatError(`${file} is not a SQLite file (bad header); refusing to open this partition`);
  }
  const version = header.readInt32BE(60);
  if (version > STORAGE_FORMAT_VERSION) {
    throw new StorageFormatError(`${file} has storage format version ${version}, newer than this broker reads (${STORAGE_FORMAT_VERSION})`);
  }
  const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
  const pageCountValid = header.readUInt32BE(92) === header.readUInt32BE(24);
  const expectedBytes = pageCountValid ? pageSize * header.readUInt32BE(28) : 0;
  const size = fs.statSync(file).size;
  if (size < expectedBytes) {
    throw new StorageFormatError(`${file} is truncated: ${size} bytes where its header says ${expectedBytes}; refusing to open this partition`);
  }
  const span = header.readInt32BE(68);
  return { nextOffset: span > 0 ? baseOffset + BigInt(span) : null };
}

/** Every batch of a segment, in offset order. */
export function allBatches(db: Database): StoredBatch[] {
  return batchesBelow(db, 0x7fffffffffffffffn);
}

export function insertBatch(db: Database, batch: StoredBatch): void {
  db.run(INSERT, insertParams(batch));
}

function insertParams(batch: StoredBatch): [string, string, string, Uint8Array] {
  return [batch.baseOffset.toString(), batch.lastOffset.toString(), batch.maxTimestamp.toString(), batch.bytes];
}

/** A prepared insert for the hot append path; free it before the database is exported or closed. */
export interface BatchInserter {
  insert(batch: StoredBatch): void;
  free(): void;
}

export function prepareInserter(db: Database): BatchInserter {
  const stmt = db.prepare(INSERT);
  return {
    insert(batch) {
      stmt.run(insertParams(batch));
    },
    free() {
      stmt.free();
    },
  };
}

/**
 * Appends to `out` the batches holding offsets >= fromOffset while their total stays within
 * `budget` bytes, except that the first batch overall is always taken (KIP-74). Returns the
 * remaining budget, or -1 once the budget stopped the read.
 */
export function readBatches(db: Database, fromOffset: bigint, budget: number, out: StoredBatch[]): number {
  const stmt = db.prepare(READ_FROM, [fromOffset.toString()]);
  try {
    const read = batchReader(stmt, db);
    while (stmt.step()) {
      const batch = read();
      const size = batch.bytes.byteLength;
      if (out.length > 0 && size > budget) return -1;
      out.push(batch);
      budget -= size;
    }
    return Math.max(budget, 0);
  } finally {
    stmt.free();
  }
}

/** The first batch, in offset order, whose max timestamp is >= timestamp. */
export function firstBatchAtOrAfterTime(db: Database, timestamp: bigint): StoredBatch | null {
  const stmt = db.prepare(FIRST_AT_OR_AFTER_TIME, [timestamp.toString()]);
  try {
    return stmt.step() ? batchReader(stmt, db)() : null;
  } finally {
    stmt.free();
  }
}

export function summarize(db: Database): SegmentSummary {
  const row = db.exec(SUMMARY)[0]?.values[0] ?? [null, null, null, 0, 0];
  const big = (v: unknown): bigint | null => (v === null || v === undefined ? null : BigInt(v as string));
  return {
    firstOffset: big(row[0]),
    lastOffset: big(row[1]),
    maxTimestamp: big(row[2]),
    batchCount: Number(row[3]),
    batchBytes: Number(row[4]),
  };
}

const BELOW = `SELECT ${COLUMNS} FROM batches WHERE last_offset < CAST(?1 AS INTEGER) ORDER BY base_offset`;
const FIRST_BASE_REACHING = `SELECT CAST(MIN(base_offset) AS TEXT) FROM batches WHERE last_offset >= CAST(?1 AS INTEGER)`;

/** Every batch whose offsets all lie below `offset`, in order: what survives a truncation. */
export function batchesBelow(db: Database, offset: bigint): StoredBatch[] {
  const stmt = db.prepare(BELOW, [offset.toString()]);
  const out: StoredBatch[] = [];
  try {
    const read = batchReader(stmt, db);
    while (stmt.step()) out.push(read());
    return out;
  } finally {
    stmt.free();
  }
}

/** Base offset of the first batch holding an offset >= `offset`, or null. */
export function firstBaseReaching(db: Database, offset: bigint): bigint | null {
  const value = db.exec(FIRST_BASE_REACHING, [offset.toString()])[0]?.values[0]?.[0];
  return value === null || value === undefined ? null : BigInt(value as string);
}
