// The sealed-segment LRU keeps its open bytes under budget, evicts least recently used first,
// and still opens a segment bigger than the whole budget.

import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SegmentBufferPool } from '../../../../broker/storage/segmentBufferPool.js';
import { SegmentCache } from '../../../../broker/storage/segmentCache.js';
import { withBrokerFields } from '../../../../broker/records/recordBatch.js';
import { encodeBatch } from '../../../../broker/records/records.js';
import { buildSegmentImage, summarize, type StoredBatch } from '../../../../broker/storage/segmentDb.js';
import { loadSqlJs } from '../../../../broker/storage/sqlJs.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-cache-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

async function writeSegment(name: string, batches: number, blobSize: number): Promise<{ file: string; size: number }> {
  const sql = await loadSqlJs();
  const stored: StoredBatch[] = [];
  for (let i = 0; i < batches; i++) {
    const bytes = withBrokerFields(encodeBatch({ records: [{ value: Buffer.alloc(blobSize, i), timestamp: i }] }), { baseOffset: BigInt(i), partitionLeaderEpoch: 0 });
    stored.push({ baseOffset: BigInt(i), lastOffset: BigInt(i), maxTimestamp: BigInt(i), bytes });
  }
  const file = path.join(dir, name);
  fs.writeFileSync(file, await buildSegmentImage(sql, 0n, BigInt(batches), stored));
  return { file, size: fs.statSync(file).size };
}

test('evicts least recently used segments to stay within its byte budget', async () => {
  const sql = await loadSqlJs();
  const a = await writeSegment('a.segment.sqlite', 4, 1000);
  const b = await writeSegment('b.segment.sqlite', 4, 1000);
  const c = await writeSegment('c.segment.sqlite', 4, 1000);
  const cache = new SegmentCache(a.size + b.size);
  cache.get(sql, a.file);
  cache.get(sql, b.file);
  assert.equal(cache.openCount, 2);
  cache.get(sql, a.file); // a is now the most recently used
  const dbC = cache.get(sql, c.file); // must evict b
  assert.equal(cache.openCount, 2);
  assert.ok(cache.openBytes <= cache.maxBytes);
  assert.equal(summarize(dbC).batchCount, 4);
  const dbA = cache.get(sql, a.file);
  assert.equal(summarize(dbA).batchCount, 4, 'a stayed open and usable');
  cache.evict(a.file);
  cache.evict(c.file);
  assert.equal(cache.openCount, 0);
  assert.equal(cache.openBytes, 0);
});

test('a segment larger than the budget still opens, alone', async () => {
  const sql = await loadSqlJs();
  const small = await writeSegment('small.segment.sqlite', 1, 10);
  const big = await writeSegment('big.segment.sqlite', 10, 5000);
  const cache = new SegmentCache(big.size - 1);
  cache.get(sql, small.file);
  assert.equal(summarize(cache.get(sql, big.file)).batchCount, 10);
  assert.equal(cache.openCount, 1);
  cache.evict(big.file);
});

test('an evicted segment gives its buffer back, and the next open reads into it', async () => {
  const sql = await loadSqlJs();
  const a = await writeSegment('pool-a.segment.sqlite', 4, 1000);
  const b = await writeSegment('pool-b.segment.sqlite', 4, 1000);
  const pool = new SegmentBufferPool();
  const cache = new SegmentCache(Math.max(a.size, b.size), pool);
  cache.get(sql, a.file);
  assert.equal(pool.spareBytes, 0);
  const dbB = cache.get(sql, b.file); // evicts a first; b is read into a's buffer
  assert.equal(cache.openCount, 1);
  assert.equal(pool.spareBytes, 0, "a's buffer was taken again for b");
  assert.equal(summarize(dbB).batchCount, 4);
  cache.evict(b.file);
  assert.ok(pool.spareBytes >= b.size);
});

test('a file that cannot be opened gives its buffer back and opens nothing', async () => {
  const sql = await loadSqlJs();
  const bad = path.join(dir, 'bad.segment.sqlite');
  fs.writeFileSync(bad, Buffer.alloc(8192, 1));
  const pool = new SegmentBufferPool();
  const cache = new SegmentCache(1 << 20, pool);
  assert.throws(() => cache.get(sql, bad));
  assert.equal(cache.openCount, 0);
  assert.ok(pool.spareBytes >= 8192);
});

/** A segment file in its own partition directory (the cache tells partitions apart by directory). */
async function partitionSegment(partition: string, name: string): Promise<{ file: string; size: number }> {
  fs.mkdirSync(path.join(dir, partition), { recursive: true });
  return writeSegment(path.join(partition, name), 4, 1000);
}

test('a reader moving on within one partition closes the segment it left, even though it was just read', async () => {
  const sql = await loadSqlJs();
  const first = await partitionSegment('walk-0', '0.segment.sqlite');
  const second = await partitionSegment('walk-0', '4.segment.sqlite');
  const cache = new SegmentCache(first.size, new SegmentBufferPool(), { hardMaxBytes: 10 * first.size, now: () => 0 });
  cache.get(sql, first.file);
  cache.get(sql, second.file);
  assert.equal(cache.openCount, 1);
  cache.clear();
});

test('segments of several partitions read at once stay open up to the hard cap, and are trimmed once idle', async () => {
  const sql = await loadSqlJs();
  const segments = await Promise.all(['multi-0', 'multi-1', 'multi-2'].map((p) => partitionSegment(p, '0.segment.sqlite')));
  const size = Math.max(...segments.map((s) => s.size));
  let now = 0;
  const cache = new SegmentCache(size, new SegmentBufferPool(), { hardMaxBytes: 2 * size, now: () => now });
  // Three consumers' fetches, one after the other: none of the partitions is idle.
  for (const segment of segments.slice(0, 2)) cache.get(sql, segment.file);
  assert.equal(cache.openCount, 2, 'the other partition, read just now, is not closed for the budget');
  cache.get(sql, segments[2]?.file ?? '');
  assert.equal(cache.openCount, 2, 'the hard cap still holds');
  assert.ok(cache.openBytes <= cache.hardMaxBytes);
  // Reads stop: once idle, the cache shrinks back to its budget.
  now += 5_000;
  cache.trim();
  assert.ok(cache.openBytes <= cache.maxBytes, `${cache.openBytes} open bytes after the trim`);
  assert.equal(cache.openCount, 1);
  cache.clear();
  assert.equal(cache.openCount, 0);
});
