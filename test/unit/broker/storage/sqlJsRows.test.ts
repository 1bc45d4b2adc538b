// Rows read through SQLite's C API equal what sql.js's Statement.get returns, for text, empty and
// large blobs (large enough to grow the wasm heap), and the fast path is really in use with the sql.js
// this project ships: if an upgrade hides the heap or the statement handle, this fails rather than
// silently falling back to the byte-by-byte copy.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { rowAccess } from '../../../../broker/storage/sqlJsRows.js';
import { loadSqlJs } from '../../../../broker/storage/sqlJs.js';

test('text and blob columns read through the C API match Statement.get', async () => {
  const sql = await loadSqlJs();
  const db = new sql.Database();
  try {
    db.run('CREATE TABLE t (id INTEGER, label TEXT, body BLOB)');
    const bodies = [Buffer.alloc(0), randomBytes(61), randomBytes(70_000), randomBytes(48 * 1024 * 1024)];
    bodies.forEach((body, i) => db.run('INSERT INTO t VALUES (?, ?, ?)', [i, `row-${i}-é`, body]));
    const fast = db.prepare('SELECT CAST(id AS TEXT), label, body FROM t ORDER BY id');
    const slow = db.prepare('SELECT CAST(id AS TEXT), label, body FROM t ORDER BY id');
    try {
      const access = rowAccess(fast, db);
      assert.ok(access, 'the C API path is available with the bundled sql.js');
      let rows = 0;
      while (fast.step()) {
        assert.equal(slow.step(), true);
        const expected = slow.get();
        assert.equal(access.text(0), expected[0]);
        assert.equal(access.text(1), expected[1]);
        const copy = access.blobCopy(2);
        assert.ok(copy.equals(Buffer.from(expected[2] as Uint8Array)), `row ${rows}: the copied blob`);
        assert.ok(Buffer.from(access.blobView(2)).equals(copy), `row ${rows}: the viewed blob`);
        rows++;
      }
      assert.equal(rows, bodies.length);
    } finally {
      fast.free();
      slow.free();
    }
  } finally {
    db.close();
  }
});

test('a statement of another database is not mistaken for this one', async () => {
  const sql = await loadSqlJs();
  const a = new sql.Database();
  const b = new sql.Database();
  try {
    const stmt = a.prepare('SELECT 1');
    try {
      assert.equal(rowAccess(stmt, b), undefined);
      assert.ok(rowAccess(stmt, a));
    } finally {
      stmt.free();
    }
  } finally {
    a.close();
    b.close();
  }
});
