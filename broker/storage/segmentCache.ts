// A small LRU of open sealed-segment databases. sql.js holds each open database whole in memory,
// so the cache bounds the total bytes of open files and closes the least recently read first.
// Eviction knows how segments are read: a consumer walks one partition's segments forward, so a
// partition's older segment goes first; segments of other partitions read within the last second are
// kept up to a hard cap, because consumers reading several partitions at once would otherwise reopen
// (read and CRC-check) a whole file for every fetch: 10 MB/s instead of 100+.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Database, SqlJsStatic } from 'sql.js';
import { processSegmentBufferPool, type SegmentBufferPool } from './segmentBufferPool.js';
import { openSegmentDb } from './segmentDb.js';

/**
 * One default-sized (64 MiB) segment open at a time per broker: with the active segments' budget and one
 * seal in progress, that keeps a broker near 250 MB. Consumers reading sealed segments of several
 * partitions at once reopen files in turn (each open reads and CRC-checks the whole file).
 */
export const DEFAULT_SEGMENT_CACHE_BYTES = 80 * 1024 * 1024;
/** How far recently read segments of several partitions may take the cache past its budget. */
export const DEFAULT_SEGMENT_CACHE_HARD_BYTES = 4 * 64 * 1024 * 1024 + 16 * 1024 * 1024;
/** A segment read within this long is in use by a consumer. */
const IN_USE_MS = 1000;
/** How often a cache past its budget closes the segments nobody reads any more. */
const TRIM_INTERVAL_MS = 2000;

export interface SegmentCacheLimits {
  readonly hardMaxBytes?: number;
  /** The clock, for tests. */
  readonly now?: () => number;
}

interface OpenSegment {
  db: Database;
  bytes: number;
  /** The partition directory it belongs to. */
  partition: string;
  lastReadAt: number;
  /** The file's bytes, which the database holds as its file: back to the pool once it is closed. */
  buffer: ArrayBuffer;
}

export class SegmentCache {
  // A Map iterates in insertion order: re-inserting on each hit keeps the oldest first.
  private readonly open = new Map<string, OpenSegment>();
  private totalBytes = 0;
  readonly hardMaxBytes: number;
  private readonly now: () => number;
  private trimTimer: ReturnType<typeof setInterval> | undefined;

  constructor(
    readonly maxBytes = DEFAULT_SEGMENT_CACHE_BYTES,
    /** Where file buffers come from and go back to; seals share it, so one buffer serves both. */
    readonly pool: SegmentBufferPool = processSegmentBufferPool,
    limits: SegmentCacheLimits = {},
  ) {
    this.hardMaxBytes = Math.max(maxBytes, limits.hardMaxBytes ?? DEFAULT_SEGMENT_CACHE_HARD_BYTES);
    this.now = limits.now ?? Date.now;
  }

  /** The open database of a sealed segment file, opening it (and evicting others) if needed. */
  get(sql: SqlJsStatic, file: string): Database {
    const hit = this.open.get(file);
    if (hit) {
      this.open.delete(file);
      this.open.set(file, hit);
      hit.lastReadAt = this.now();
      return hit.db;
    }
    // Room first, so the buffer an evicted file gives back can hold this one.
    const size = fs.statSync(file).size;
    const partition = path.dirname(file);
    this.makeRoomFor(size, partition);
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
    this.open.set(file, { db, bytes: size, partition, lastReadAt: this.now(), buffer });
    this.totalBytes += size;
    this.scheduleTrim();
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

  /** Closes segments nobody read for a while until the cache is within its budget again. */
  trim(): void {
    const idleSince = this.now() - IN_USE_MS;
    for (const [file, entry] of this.open) {
      if (this.totalBytes <= this.maxBytes) break;
      if (entry.lastReadAt <= idleSince) this.evict(file);
    }
    this.scheduleTrim();
  }

  /** Closes every segment and stops the trim timer. */
  clear(): void {
    for (const file of [...this.open.keys()]) this.evict(file);
    this.scheduleTrim();
  }

  // A segment larger than the whole budget still opens: it just evicts everything else. Oldest first
  // within each step: this partition's other segments, then segments nobody reads now, then (past the
  // hard cap) any.
  private makeRoomFor(bytes: number, partition: string): void {
    const idleSince = this.now() - IN_USE_MS;
    const steps: Array<{ limit: number; evictable: (entry: OpenSegment) => boolean }> = [
      { limit: this.maxBytes, evictable: (entry) => entry.partition === partition },
      { limit: this.maxBytes, evictable: (entry) => entry.lastReadAt <= idleSince },
      { limit: this.hardMaxBytes, evictable: () => true },
    ];
    for (const step of steps) {
      for (const [file, entry] of this.open) {
        if (this.totalBytes + bytes <= step.limit) break;
        if (step.evictable(entry)) this.evict(file);
      }
    }
  }

  // Past the budget (consumers of several partitions), a timer closes what they stop reading.
  private scheduleTrim(): void {
    const over = this.totalBytes > this.maxBytes;
    if (over && this.trimTimer === undefined) {
      this.trimTimer = setInterval(() => this.trim(), TRIM_INTERVAL_MS);
      this.trimTimer.unref();
    } else if (!over && this.trimTimer !== undefined) {
      clearInterval(this.trimTimer);
      this.trimTimer = undefined;
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
