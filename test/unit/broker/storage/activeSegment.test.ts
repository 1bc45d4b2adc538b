// The active segment keeps only an index and reads its batches back from the journal: reads within a
// budget (KIP-74), truncation survivors, timestamp search, a seal's chunked contents, and the positions
// of a journal rewritten from survivors or replayed after a restart.

import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withBrokerFields } from '../../../../broker/records/recordBatch.js';
import { encodeBatch } from '../../../../broker/records/records.js';
import { ActiveSegment, positionsInNewJournal } from '../../../../broker/storage/activeSegment.js';
import { encodeJournalFrame, JournalWriter, readJournal } from '../../../../broker/storage/journal.js';
import type { StoredBatch } from '../../../../broker/storage/segmentDb.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-active-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Batches of `count` records each, values of `valueSize` bytes, timestamps rising by 10 per batch. */
function batches(n: number, valueSize: number, count = 2): StoredBatch[] {
  const out: StoredBatch[] = [];
  let offset = 0n;
  for (let i = 0; i < n; i++) {
    const records = Array.from({ length: count }, (_, j) => ({ value: Buffer.alloc(valueSize, i + j), timestamp: i * 10 + j }));
    const bytes = withBrokerFields(encodeBatch({ records }), { baseOffset: offset, partitionLeaderEpoch: 0 });
    out.push({ baseOffset: offset, lastOffset: offset + BigInt(count - 1), maxTimestamp: BigInt(i * 10 + count - 1), bytes });
    offset += BigInt(count);
  }
  return out;
}

function journaled(name: string, written: StoredBatch[]): ActiveSegment {
  const journal = JournalWriter.open(path.join(dir, name), 0);
  const segment = new ActiveSegment(0n, journal, 0);
  written.forEach((b, i) => segment.add(b, journal.append(b, i % 2 === 0)));
  return segment;
}

function same(actual: StoredBatch[], expected: StoredBatch[]): void {
  assert.deepEqual(actual.map((b) => b.baseOffset), expected.map((b) => b.baseOffset));
  actual.forEach((b, i) => {
    assert.equal(b.lastOffset, expected[i].lastOffset);
    assert.equal(b.maxTimestamp, expected[i].maxTimestamp);
    assert.ok(b.bytes.equals(expected[i].bytes), `batch at ${b.baseOffset} reads back byte for byte`);
  });
}

test('reads come back from the journal within the budget, the first batch always', async () => {
  const written = batches(10, 100);
  const segment = journaled('reads.journal', written);
  const size = written[0].bytes.length;
  let out: StoredBatch[] = [];
  assert.equal(segment.read(0n, 1e9, out), 1e9 - 10 * size);
  same(out, written);
  out = [];
  assert.equal(segment.read(5n, size * 2 + 1, out), -1);
  same(out, written.slice(2, 4));
  out = [];
  segment.read(19n, 1, out);
  same(out, written.slice(9));
  out = [];
  assert.equal(segment.read(20n, 100, out), 100);
  assert.equal(out.length, 0);
  // Joining a read that began elsewhere: the first-batch rule no longer applies.
  out = [written[0]];
  assert.equal(segment.read(2n, 1, out), -1);
  assert.equal(out.length, 1);
  same(segment.below(7n), written.slice(0, 3));
  assert.equal(segment.firstBaseReaching(7n), 6n);
  same([segment.firstAtOrAfterTime(41n)!], [written[4]]);
  assert.equal(segment.firstAtOrAfterTime(1000n), null);
  assert.equal(segment.batchBytes, 10 * size);
  await segment.journal.close();
});

test("a seal's contents read the journal in chunks and give every batch in order", async () => {
  // ~1.5 MB batches: several per 4 MiB read, and reads that end between batches.
  const written = batches(7, 750_000);
  const segment = journaled('seal.journal', written);
  const contents = segment.contents();
  assert.deepEqual(contents.sizes, written.map((b) => b.bytes.length));
  same([...contents.batches()], written);
  await segment.journal.close();
});

test('positions of a journal rewritten from survivors and of a replayed journal match what append gave', async () => {
  const written = batches(6, 300);
  const file = path.join(dir, 'rewritten.journal');
  fs.writeFileSync(file, Buffer.concat(written.map(encodeJournalFrame)));
  const rewritten = new ActiveSegment(0n, JournalWriter.open(file, fs.statSync(file).size), 0, written, positionsInNewJournal(written));
  const out: StoredBatch[] = [];
  rewritten.read(0n, 1e9, out);
  same(out, written);
  await rewritten.journal.close();

  const appended = journaled('replayed.journal', written);
  await appended.journal.close();
  const replay = readJournal(fs.readFileSync(path.join(dir, 'replayed.journal')), false);
  const reopened = new ActiveSegment(0n, JournalWriter.open(path.join(dir, 'replayed.journal'), fs.statSync(path.join(dir, 'replayed.journal')).size), 0, replay.batches, replay.positions);
  const again: StoredBatch[] = [];
  reopened.read(0n, 1e9, again);
  same(again, written);
  await reopened.journal.close();
});
