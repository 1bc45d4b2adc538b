// Journal frames on real files: plain and batch-checked frames replay alike, and any damage to a
// batch-checked frame (a flipped byte anywhere, a cut, a zero-filled tail) ends the readable part there.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { readBatchHeader, withBrokerFields } from '../../../../broker/records/recordBatch.js';
import { encodeBatch } from '../../../../broker/records/records.js';
import { JournalWriter, readJournal } from '../../../../broker/storage/journal.js';
import type { StoredBatch } from '../../../../broker/storage/segmentDb.js';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function journalFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-journal-'));
  dirs.push(dir);
  return path.join(dir, 'test.journal');
}

function batchAt(baseOffset: bigint, values: string[]): StoredBatch {
  const bytes = withBrokerFields(encodeBatch({ records: values.map((value) => ({ value })) }), { baseOffset, partitionLeaderEpoch: 3 });
  return { baseOffset, lastOffset: baseOffset + BigInt(values.length - 1), maxTimestamp: readBatchHeader(bytes).maxTimestamp, bytes };
}

async function writeJournal(batches: { batch: StoredBatch; checked: boolean }[]): Promise<{ file: string; sizes: number[] }> {
  const file = journalFile();
  const writer = JournalWriter.open(file, 0);
  const sizes: number[] = [];
  for (const { batch, checked } of batches) {
    const before = writer.bytes;
    writer.append(batch, checked);
    sizes.push(writer.bytes - before);
  }
  await writer.close();
  return { file, sizes };
}

test('plain and batch-checked frames replay to the same batches', async () => {
  const batches = [batchAt(0n, ['a', 'b']), batchAt(2n, ['c']), batchAt(3n, ['d', 'e', 'f']), batchAt(6n, ['g'])];
  const { file, sizes } = await writeJournal(batches.map((batch, i) => ({ batch, checked: i % 2 === 0 })));
  const data = fs.readFileSync(file);
  assert.equal(data.length, sizes.reduce((a, b) => a + b, 0));
  const replay = readJournal(data);
  assert.equal(replay.tornTail, null);
  assert.deepEqual(replay.batches, batches);
  // The checked frames set the top bit of their length word; the plain ones do not.
  assert.equal(data.readUInt32BE(0) >>> 31, 1);
  assert.equal(data.readUInt32BE(sizes[0]) >>> 31, 0);
});

test('bytes that are not a v2 batch fall back to a plain frame even when called checked', async () => {
  const odd: StoredBatch = { baseOffset: 0n, lastOffset: 0n, maxTimestamp: 1n, bytes: Buffer.from('not a record batch') };
  const { file } = await writeJournal([{ batch: odd, checked: true }]);
  const data = fs.readFileSync(file);
  assert.equal(data.readUInt32BE(0) >>> 31, 0);
  assert.deepEqual(readJournal(data).batches, [odd]);
});

test('any flipped byte in the last batch-checked frame cuts the journal at that frame', async () => {
  const first = batchAt(0n, ['keep me']);
  const last = batchAt(1n, ['x'.repeat(40), 'y'.repeat(7)]);
  const { file, sizes } = await writeJournal([{ batch: first, checked: true }, { batch: last, checked: true }]);
  const data = fs.readFileSync(file);
  const frameStart = sizes[0];
  for (let at = frameStart; at < data.length; at++) {
    const damaged = Buffer.from(data);
    damaged[at] ^= 0x01;
    const replay = readJournal(damaged);
    assert.deepEqual(replay.batches, [first], `a flipped bit at byte ${at} must not pass`);
    assert.equal(replay.tornTail?.position, frameStart, `byte ${at}`);
  }
});

test('a cut or zero-filled tail of a batch-checked frame is a torn tail', async () => {
  const first = batchAt(0n, ['keep me']);
  const last = batchAt(1n, ['z'.repeat(64)]);
  const { file, sizes } = await writeJournal([{ batch: first, checked: true }, { batch: last, checked: true }]);
  const data = fs.readFileSync(file);
  const frameStart = sizes[0];
  for (let keep = frameStart; keep < data.length; keep++) {
    const cut = readJournal(data.subarray(0, keep));
    assert.deepEqual(cut.batches, [first], `cut at ${keep}`);
    // The file kept its full size but the disk never got the bytes after `keep` (zeros instead).
    const zeroed = Buffer.from(data);
    zeroed.fill(0, keep);
    if (zeroed.equals(data)) continue; // the frame's last bytes were zeros already: nothing was lost
    const replay = readJournal(zeroed);
    assert.deepEqual(replay.batches, [first], `zeros from ${keep}`);
    assert.equal(replay.tornTail?.position, frameStart);
  }
});
