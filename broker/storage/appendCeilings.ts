// Storage probes for the benchmark: append throughput beside the raw ceilings (plain sql.js blob inserts, plain
// file appends of the same bytes, all fed the same batches), recovery time and read throughput.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Logger } from '../logger.js';
import { withBrokerFields } from '../records/recordBatch.js';
import { encodeBatch } from '../records/records.js';
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

/** `count` valid record batches of about `batchBytes` each, numbered from 0 (what a producer would send). */
export function syntheticBatches(count: number, batchBytes: number, recordsPerBatch = 10): StoredBatch[] {
  const valueBytes = Math.max(1, Math.floor((batchBytes - 61) / recordsPerBatch) - 12);
  const timestamp = BigInt(Date.now());
  const template = encodeBatch({ records: Array.from({ length: recordsPerBatch }, (_, i) => ({ value: Buffer.alloc(valueBytes, i), timestamp })) });
  const out: StoredBatch[] = [];
  for (let i = 0; i < count; i++) {
    const base = BigInt(i * recordsPerBatch);
    out.push({ baseOffset: base, lastOffset: base + BigInt(recordsPerBatch - 1), maxTimestamp: timestamp, bytes: withBrokerFields(template, { baseOffset: base, partitionLeaderEpoch: 0 }) });
  }
  return out;
}

/** Opens (recovers) an existing partition directory, then reads it all from offset 0: recovery time and fetch throughput. */
export async function storeRecoveryAndRead(dir: string, options: StoreOptions = {}, readBytes = 1024 * 1024): Promise<{ recoveryMs: number; read: AppendMeasurement }> {
  const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const opening = process.hrtime.bigint();
  const store = await openPartitionStore(dir, options, quiet);
  const recoveryMs = Number(process.hrtime.bigint() - opening) / 1e6;
  try {
    const started = process.hrtime.bigint();
    let offset = store.logStartOffset;
    let bytes = 0;
    while (offset < store.logEndOffset) {
      const batches = store.read(offset, readBytes);
      const last = batches[batches.length - 1];
      if (!last) break;
      for (const b of batches) bytes += b.bytes.length;
      offset = last.lastOffset + 1n;
    }
    return { recoveryMs, read: measured(bytes, started) };
  } finally {
    await store.close();
  }
}
