// Append throughput probes for the benchmark: the raw ceilings (plain sql.js blob inserts, plain
// file appends of the same bytes) beside the partition store's own append, all fed the same batches.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Logger } from '../logger.js';
import { openPartitionStore, type StoreOptions } from './partitionStore.js';
import type { StoredBatch } from './segmentDb.js';
import { loadSqlJs } from './sqlJs.js';

export interface AppendMeasurement {
  bytes: number;
  ms: number;
  mbPerSecond: number;
}

function measured(bytes: number, started: bigint): AppendMeasurement {
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { bytes, ms, mbPerSecond: bytes / 1e6 / (ms / 1000) };
}

const totalBytes = (batches: readonly StoredBatch[]): number => batches.reduce((s, b) => s + b.bytes.length, 0);

/** One rowid table, one prepared insert per batch, no SQLite journal: what sql.js can do at best. */
export async function sqlJsInsertCeiling(batches: readonly StoredBatch[]): Promise<AppendMeasurement> {
  const sql = await loadSqlJs();
  const db = new sql.Database();
  db.run('PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF;');
  db.run('CREATE TABLE batches (base_offset INTEGER PRIMARY KEY, last_offset INTEGER NOT NULL, max_timestamp INTEGER NOT NULL, bytes BLOB NOT NULL)');
  const stmt = db.prepare('INSERT INTO batches VALUES (?, ?, ?, ?)');
  const started = process.hrtime.bigint();
  for (const b of batches) stmt.run([Number(b.baseOffset), Number(b.lastOffset), Number(b.maxTimestamp), b.bytes]);
  const result = measured(totalBytes(batches), started);
  stmt.free();
  db.close();
  return result;
}

/** Synchronous positional writes of the same bytes to one file, one fsync at the end. */
export function fileAppendCeiling(dir: string, batches: readonly StoredBatch[]): AppendMeasurement {
  const file = path.join(dir, 'ceiling.bin');
  const fd = fs.openSync(file, 'w');
  const started = process.hrtime.bigint();
  let position = 0;
  try {
    for (const b of batches) {
      fs.writeSync(fd, b.bytes, 0, b.bytes.length, position);
      position += b.bytes.length;
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
  }
  return measured(position, started);
}

/** The partition store's append of the same batches into a fresh directory, flush included. */
export async function storeAppend(dir: string, batches: readonly StoredBatch[], options: StoreOptions = {}): Promise<AppendMeasurement> {
  const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const store = await openPartitionStore(dir, options, quiet);
  const started = process.hrtime.bigint();
  try {
    // Appends queue inside the store; waiting on each would measure the event loop, not storage.
    await Promise.all(batches.map((b) => store.append(b)));
    await store.flush();
    return measured(totalBytes(batches), started);
  } finally {
    await store.close();
  }
}

/** `count` batches of `batchBytes` opaque bytes numbered from 0 (the store never parses them on append). */
export function syntheticBatches(count: number, batchBytes: number, recordsPerBatch = 10): StoredBatch[] {
  const out: StoredBatch[] = [];
  for (let i = 0; i < count; i++) {
    const base = BigInt(i * recordsPerBatch);
    out.push({ baseOffset: base, lastOffset: base + BigInt(recordsPerBatch - 1), maxTimestamp: BigInt(Date.now()), bytes: Buffer.alloc(batchBytes, i & 0xff) });
  }
  return out;
}
