// A small LRU of open sealed-segment databases. sql.js holds each open database whole in memory,
// so the cache bounds the total bytes of open files and closes the least recently read first.

import * as fs from 'node:fs';
import type { Database, SqlJsStatic } from 'sql.js';
import { openSegmentDb } from './segmentDb.js';

export const DEFAULT_SEGMENT_CACHE_BYTES = 256 * 1024 * 1024;

interface OpenSegment {
  db: Database;
  bytes: number;
}

export class SegmentCache {
  // A Map iterates in insertion order: re-inserting on each hit keeps the oldest first.
  private readonly open = new Map<string, OpenSegment>();
  private totalBytes = 0;

  constructor(readonly maxBytes = DEFAULT_SEGMENT_CACHE_BYTES) {}

  /** The open database of a sealed segment file, opening it (and evicting others) if needed. */
  get(sql: SqlJsStatic, file: string): Database {
    const hit = this.open.get(file);
    if (hit) {
      this.open.delete(file);
      this.open.set(file, hit);
      return hit.db;
    }
    const data = fs.readFileSync(file);
    this.makeRoomFor(data.length);
    const db = openSegmentDb(sql, data, file);
    this.open.set(file, { db, bytes: data.length });
    this.totalBytes += data.length;
    return db;
  }

  /** Closes the file's database if open: before deleting or replacing the file. */
  evict(file: string): void {
    const entry = this.open.get(file);
    if (!entry) return;
    this.open.delete(file);
    this.totalBytes -= entry.bytes;
    entry.db.close();
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

/** Shared by every partition of the process unless a store is given its own. */
export const processSegmentCache = new SegmentCache();
