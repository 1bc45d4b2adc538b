// A segment image is built in place in a pooled buffer (no export copy), reads back whole, and a reused
// buffer's old contents never leak into the next image.

import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withBrokerFields } from '../../../../broker/records/recordBatch.js';
import { encodeBatch } from '../../../../broker/records/records.js';
import { SegmentBufferPool } from '../../../../broker/storage/segmentBufferPool.js';
import { allBatches, buildSegmentImage, openSegmentDb, readSegmentHeader, type StoredBatch } from '../../../../broker/storage/segmentDb.js';
import type { SqlJsStatic } from 'sql.js';
import { loadSqlJs } from '../../../../broker/storage/sqlJs.js';
import { STORAGE_FORMAT_VERSION } from '../../../../broker/storage/storageFormat.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-segdb-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function batches(count: number, valueSize: number, fill: number): StoredBatch[] {
  const out: StoredBatch[] = [];
  for (let i = 0; i < count; i++) {
    const bytes = withBrokerFields(encodeBatch({ records: [{ value: Buffer.alloc(valueSize, fill + i), timestamp: 100 + i }] }), {
      baseOffset: BigInt(i),
      partitionLeaderEpoch: 0,
    });
    out.push({ baseOffset: BigInt(i), lastOffset: BigInt(i), maxTimestamp: BigInt(100 + i), bytes });
  }
  return out;
}

function readBack(sql: SqlJsStatic, image: Uint8Array, name: string): StoredBatch[] {
  const file = path.join(dir, name);
  fs.writeFileSync(file, image);
  assert.equal(readSegmentHeader(file, 0n).nextOffset, 1000n, 'the header records the span to the next segment');
  const db = openSegmentDb(sql, new Uint8Array(fs.readFileSync(file)), file);
  try {
    return allBatches(db);
  } finally {
    db.close();
  }
}

test('the image is the pooled buffer itself, committed in steps, and reads back whole', async () => {
  const sql = await loadSqlJs();
  const pool = new SegmentBufferPool();
  const written = batches(40, 3000, 1);
  // Commit every ~10 KB: many commits, as a 64 MiB seal makes.
  const image = await buildSegmentImage(sql, 0n, 1000n, written, pool, 10_000);
  assert.equal(pool.spareBytes, 0, 'the buffer went out as the image, not back to the pool after an export');
  assert.equal(Buffer.from(image.buffer, image.byteOffset, 100).readInt32BE(60), STORAGE_FORMAT_VERSION);
  const back = readBack(sql, image, 'first.segment.sqlite');
  assert.deepEqual(back.map((b) => [b.baseOffset, b.lastOffset, b.maxTimestamp]), written.map((b) => [b.baseOffset, b.lastOffset, b.maxTimestamp]));
  back.forEach((b, i) => assert.ok(b.bytes.equals(written[i].bytes), `batch ${i} reads back byte for byte`));

  // Reuse: the next image lands in the same buffer, over the old one's bytes.
  pool.give(image.buffer as ArrayBuffer);
  const fewer = batches(7, 200, 50);
  const second = await buildSegmentImage(sql, 0n, 1000n, fewer, pool);
  assert.equal(second.buffer, image.buffer, 'the spare was reused');
  const secondBack = readBack(sql, second, 'second.segment.sqlite');
  assert.equal(secondBack.length, 7);
  secondBack.forEach((b, i) => assert.ok(b.bytes.equals(fewer[i].bytes)));
});

test('a segment opened from a buffer keeps that buffer as its file (no copy) and still reads', async () => {
  const sql = await loadSqlJs();
  const written = batches(5, 100, 9);
  const image = await buildSegmentImage(sql, 0n, 1000n, written, new SegmentBufferPool());
  const file = path.join(dir, 'owned.segment.sqlite');
  fs.writeFileSync(file, image);
  const data = new Uint8Array(fs.readFileSync(file));
  const db = openSegmentDb(sql, data, file);
  try {
    // Writing through the database changes the caller's bytes: proof that they are the file.
    db.run('PRAGMA journal_mode = OFF');
    db.run('PRAGMA user_version = 1');
    assert.equal(Buffer.from(data.buffer, data.byteOffset, 100).readInt32BE(60), 1);
    assert.equal(allBatches(db).length, 5);
  } finally {
    db.close();
  }
});
