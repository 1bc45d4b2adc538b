// One segment's sql.js database: one rowid row per record batch, the blob as stored plus the
// offset and timestamp columns that lookups need. All SQL of the batch table lives here.

import type { Database, SqlJsStatic } from 'sql.js';
import { STORAGE_FORMAT_VERSION, StorageFormatError } from './storageFormat.js';

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
  PRAGMA user_version = ${STORAGE_FORMAT_VERSION};
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

// Our own journal makes the active segment durable, so SQLite's rollback journal would only copy
// every page a second time (and create and unlink a file per insert in sql.js's memory filesystem).
const ACTIVE_PRAGMAS = 'PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF;';

export function createSegmentDb(sql: SqlJsStatic): Database {
  const db = new sql.Database();
  db.run(SCHEMA);
  db.run(ACTIVE_PRAGMAS);
  return db;
}

/** Opens an exported segment, refusing one written by a newer format. `file` names it in errors. */
export function openSegmentDb(sql: SqlJsStatic, data: Uint8Array, file: string): Database {
  let db: Database;
  try {
    db = new sql.Database(data);
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
    return db;
  } catch (err) {
    db.close();
    if (err instanceof StorageFormatError) throw err;
    throw new StorageFormatError(`${file} is not a readable segment: ${(err as Error).message}`);
  }
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
    while (stmt.step()) {
      const row = stmt.get();
      const size = (row[3] as Uint8Array).byteLength;
      if (out.length > 0 && size > budget) return -1;
      out.push(rowToBatch(row));
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
    return stmt.step() ? rowToBatch(stmt.get()) : null;
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
    while (stmt.step()) out.push(rowToBatch(stmt.get()));
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
