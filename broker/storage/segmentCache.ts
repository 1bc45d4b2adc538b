// A small LRU of open sealed-segment databases. sql.js holds each open database whole in memory,
// so the cache bounds the total bytes of open files and closes the least recently read first.

import * as fs from 'node:fs';
import type { Database, SqlJsStatic } from 'sql.js';
import { processSegmentBufferPool, type SegmentBufferPool } from './segmentBufferPool.js';
import { openSegmentDb } from './segmentDb.js';

/**
 * One default-sized (64 MiB) segment open at a time per broker: with the active segments' budget and one
 * seal in progress, that keeps a broker near 250 MB. Consumers reading sealed segments of several
 * partitions at once reopen files in turn (each open reads and CRC-checks the whole file).
 */
export const DEFAULT_SEGMENT_CACHE_BYTES = 80 * 1024 * 1024;

interface OpenSegment {
  db: Database;
  bytes: number;
  /** The file's bytes, which the database holds as its file: back to the pool once it is closed. */
  buffer: ArrayBuffer;
}

export class SegmentCache {
  // A Map iterates in insertion order: re-inserting on each hit keeps the oldest first.
  private readonly open = new Map<string, OpenSegment>();
  private totalBytes = 0;

  constructor(
    readonly maxBytes = DEFAULT_SEGMENT_CACHE_BYTES,
    /** Where file buffers come from and go back to; seals share it, so one buffer serves both. */
    readonly pool: SegmentBufferPool = processSegmentBufferPool,
  ) {}

  /** The open database of a sealed segment file, opening it (and evicting others) if needed. */
  get(sql: SqlJsStatic, file: string): Database {
    const hit = this.open.get(file);
    if (hit) {
      this.open.delete(file);
      this.open.set(file, hit);
      return hit.db;
    }
    // Room first, so the buffer an evicted file gives back can hold this one.
    const size = fs.statSync(file).size;
    this.makeRoomFor(size);
    const buffer = this.pool.take(size, false);
    let db: Database;
    try {
      const data = new Uint8Array(buffer, 0, size);
      readWholeFile(file, data);
      db = openSegmentDb(sql, data, file);
    } catch (err) {
      this.pool.give(buffer);
      throw err;
    }
    this.open.set(file, { db, bytes: size, buffer });
    this.totalBytes += size;
    return db;
  }

  /** Closes the file's database if open: before deleting or replacing the file. */
  evict(file: string): void {
    const entry = this.open.get(file);
    if (!entry) return;
    this.open.delete(file);
    this.totalBytes -= entry.bytes;
    entry.db.close();
    this.pool.give(entry.buffer);
  }

  get openBytes(): number {
    return this.totalBytes;
  }

  get openCount(): number {
    return this.open.size;
  }

  // A segment larger than the whole budget still opens: it just evicts everything else.
  private makeRoomFor(bytes: number): void {
    for (const file of this.open.keys()) {
      if (this.totalBytes + bytes <= this.maxBytes) return;
      this.evict(file);
    }
  }
}

/** Fills `into` from the start of `file`; a file shorter than that is an error (it changed under us). */
function readWholeFile(file: string, into: Uint8Array): void {
  const fd = fs.openSync(file, 'r');
  try {
    let read = 0;
    while (read < into.length) {
      const n = fs.readSync(fd, into, read, into.length - read, read);
      if (n === 0) throw new Error(`${file} ended after ${read} of ${into.length} bytes`);
      read += n;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Shared by every partition of the process unless a store is given its own. */
export const processSegmentCache = new SegmentCache();
