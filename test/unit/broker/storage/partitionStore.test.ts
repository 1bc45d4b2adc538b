// Contract tests of the sql.js partition store on real files in fresh temp dirs: offsets, reads,
// sealed segments, recovery after close, after a torn journal tail and after a real SIGKILL.

import { after, afterEach, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Logger } from '../../../../broker/logger.js';
import { readBatchHeader, withBrokerFields } from '../../../../broker/records/recordBatch.js';
import { encodeBatch } from '../../../../broker/records/records.js';
import { openPartitionStore, type PartitionStore, type StoreOptions, type StoredBatch } from '../../../../broker/storage/partitionStore.js';
import { SegmentCache } from '../../../../broker/storage/segmentCache.js';
import { loadSqlJs } from '../../../../broker/storage/sqlJs.js';
import { STORAGE_FORMAT_VERSION, StorageFormatError } from '../../../../broker/storage/storageFormat.js';
import { mulberry32, randomInt, seedFromEnv } from '../../../support/seededRandom.js';

const tempDirs: string[] = [];
const openStores: PartitionStore[] = [];

function freshDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-store-'));
  tempDirs.push(dir);
  return dir;
}

afterEach(async () => {
  for (const store of openStores.splice(0)) await store.close();
});

after(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

interface CapturedLog extends Logger {
  lines: string[];
}

function captureLog(): CapturedLog {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => void lines.push(`INFO ${m}`),
    warn: (m) => void lines.push(`WARN ${m}`),
    error: (m) => void lines.push(`ERROR ${m}`),
  };
}

async function open(dir: string, options: StoreOptions = {}, log: Logger = captureLog()): Promise<PartitionStore> {
  const store = await openPartitionStore(dir, { segmentCache: new SegmentCache(), ...options }, log);
  openStores.push(store);
  return store;
}

async function reopen(store: PartitionStore, dir: string, options: StoreOptions = {}, log: Logger = captureLog()): Promise<PartitionStore> {
  await store.close();
  return open(dir, options, log);
}

/** A stored batch as the log layer would hand it over: producer-framed, broker fields set. */
function batchAt(baseOffset: bigint, count: number, opts: { timestamp?: bigint; valueSize?: number } = {}): StoredBatch {
  const timestamp = opts.timestamp ?? 1_000n;
  const raw = encodeBatch({
    records: Array.from({ length: count }, (_, i) => ({
      key: `k${baseOffset + BigInt(i)}`,
      value: Buffer.alloc(opts.valueSize ?? 10, i),
      timestamp: timestamp + BigInt(i),
    })),
  });
  const bytes = withBrokerFields(raw, { baseOffset, partitionLeaderEpoch: 0 });
  return { baseOffset, lastOffset: baseOffset + BigInt(count - 1), maxTimestamp: readBatchHeader(bytes).maxTimestamp, bytes };
}

/** Appends `counts.length` batches back to back from the store's log end. */
async function appendBatches(store: PartitionStore, counts: number[], opts: { valueSize?: number } = {}): Promise<StoredBatch[]> {
  const appended: StoredBatch[] = [];
  for (const count of counts) {
    const batch = batchAt(store.logEndOffset, count, { ...opts, timestamp: 1_000n + store.logEndOffset * 10n });
    await store.append(batch);
    appended.push(batch);
  }
  return appended;
}

const offsets = (batches: StoredBatch[]): bigint[] => batches.map((b) => b.baseOffset);

function journalFile(dir: string): string {
  const journals = fs.readdirSync(dir).filter((f) => f.endsWith('.journal'));
  assert.equal(journals.length, 1, `one journal in ${dir}: ${journals.join(', ')}`);
  return path.join(dir, journals[0]);
}

test('an empty store starts at offset 0 and reads nothing', async () => {
  const store = await open(freshDir());
  assert.equal(store.logStartOffset, 0n);
  assert.equal(store.logEndOffset, 0n);
  assert.deepEqual(store.read(0n, 1 << 20), []);
  assert.equal(store.offsetForTimestamp(0n), null);
  assert.equal(store.sizeBytes(), 0);
});

test('append advances the log end; read returns whole batches from an offset', async () => {
  const store = await open(freshDir());
  const batches = await appendBatches(store, [3, 1, 5]);
  assert.equal(store.logStartOffset, 0n);
  assert.equal(store.logEndOffset, 9n);
  assert.deepEqual(store.read(0n, 1 << 20), batches);
  assert.deepEqual(offsets(store.read(2n, 1 << 20)), [0n, 3n, 4n], 'the batch holding offset 2 comes whole');
  assert.deepEqual(offsets(store.read(3n, 1 << 20)), [3n, 4n]);
  assert.deepEqual(offsets(store.read(8n, 1 << 20)), [4n]);
  assert.deepEqual(store.read(9n, 1 << 20), []);
  assert.equal(store.sizeBytes(), batches.reduce((s, b) => s + b.bytes.length, 0));
});

test('maxBytes bounds a read, but at least one whole batch comes back (KIP-74)', async () => {
  const store = await open(freshDir());
  const [first, second] = await appendBatches(store, [2, 2, 2], { valueSize: 500 });
  assert.deepEqual(offsets(store.read(0n, 1)), [0n]);
  assert.deepEqual(offsets(store.read(0n, 0)), [0n]);
  const two = first.bytes.length + second.bytes.length;
  assert.deepEqual(offsets(store.read(0n, two)), [0n, 2n]);
  assert.deepEqual(offsets(store.read(0n, two - 1)), [0n]);
});

test('appends below the log end are refused; gaps above it are kept', async () => {
  const store = await open(freshDir());
  await appendBatches(store, [2]);
  await assert.rejects(store.append(batchAt(1n, 1)), /below the log end offset 2/);
  await store.append(batchAt(10n, 2));
  assert.equal(store.logEndOffset, 12n);
  assert.deepEqual(offsets(store.read(5n, 1 << 20)), [10n]);
});

test('segments seal at segment.bytes and reads cross the boundary', async () => {
  const dir = freshDir();
  const options = { segmentBytes: 2_000 };
  let store = await open(dir, options);
  const batches = await appendBatches(store, [1, 2, 3, 1, 2, 3, 1, 2, 3, 1], { valueSize: 200 });
  const sealed = fs.readdirSync(dir).filter((f) => f.endsWith('.segment.sqlite')).sort();
  assert.ok(sealed.length >= 2, `sealed segments: ${sealed.join(', ')}`);
  assert.equal(sealed[0], '00000000000000000000.segment.sqlite');
  assert.deepEqual(store.read(0n, 1 << 20), batches, 'everything, in order, across segments');
  const secondBase = BigInt(sealed[1].slice(0, 20));
  assert.deepEqual(offsets(store.read(secondBase - 1n, 1 << 20)), offsets(batches.filter((b) => b.lastOffset >= secondBase - 1n)));
  const total = batches.reduce((s, b) => s + b.bytes.length, 0);
  assert.ok(store.sizeBytes() > total, 'sealed files carry sqlite overhead');

  store = await reopen(store, dir, options);
  assert.deepEqual(store.read(0n, 1 << 20), batches, 'the same after a restart');
  assert.equal(store.logEndOffset, batches.at(-1)!.lastOffset + 1n);
  const more = await appendBatches(store, [4]);
  assert.deepEqual(store.read(0n, 1 << 20), [...batches, ...more]);
});

test('segment.ms seals an old active segment on the next append', async () => {
  const dir = freshDir();
  let clock = 0;
  const store = await open(dir, { segmentMs: 1_000, now: () => clock });
  await appendBatches(store, [1, 1]);
  clock = 999;
  await appendBatches(store, [1]);
  assert.equal(fs.readdirSync(dir).filter((f) => f.endsWith('.segment.sqlite')).length, 0);
  clock = 1_000;
  await appendBatches(store, [1]);
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.segment.sqlite')), ['00000000000000000000.segment.sqlite']);
  assert.ok(fs.existsSync(path.join(dir, '00000000000000000003.journal')));
  assert.deepEqual(offsets(store.read(0n, 1 << 20)), [0n, 1n, 2n, 3n]);
});

test('close and reopen keeps everything', async () => {
  const dir = freshDir();
  let store = await open(dir);
  const batches = await appendBatches(store, [5, 1, 7]);
  store = await reopen(store, dir);
  assert.equal(store.logEndOffset, 13n);
  assert.deepEqual(store.read(0n, 1 << 20), batches);
  const more = await appendBatches(store, [2]);
  store = await reopen(store, dir);
  assert.deepEqual(store.read(0n, 1 << 20), [...batches, ...more]);
});

test('a torn journal tail is cut off with a log line; earlier batches survive', async () => {
  const dir = freshDir();
  let store = await open(dir);
  const batches = await appendBatches(store, [2, 3, 4]);
  await store.close();
  const journal = journalFile(dir);
  const fullSize = fs.statSync(journal).size;
  fs.truncateSync(journal, fullSize - 10);

  const log = captureLog();
  store = await open(dir, {}, log);
  assert.equal(store.logEndOffset, 5n);
  assert.deepEqual(store.read(0n, 1 << 20), batches.slice(0, 2));
  const warning = log.lines.find((l) => l.startsWith('WARN'));
  const lastFrame = batches[2].bytes.length + 32;
  assert.match(warning ?? '', new RegExp(`dropped ${lastFrame - 10} bytes of a torn tail at byte ${fullSize - lastFrame}.*ends at offset 5`));
  assert.equal(fs.statSync(journal).size, fullSize - lastFrame, 'the file itself was cut');

  const more = await appendBatches(store, [1]);
  store = await reopen(store, dir);
  assert.deepEqual(store.read(0n, 1 << 20), [...batches.slice(0, 2), ...more], 'appends after the cut are readable');
});

test('a CRC mismatch in the last frame is treated as a torn tail', async () => {
  const dir = freshDir();
  let store = await open(dir);
  const batches = await appendBatches(store, [1, 1, 1]);
  await store.close();
  const journal = journalFile(dir);
  const data = fs.readFileSync(journal);
  data[data.length - 3] = (data[data.length - 3]) ^ 0xff;
  fs.writeFileSync(journal, data);
  const log = captureLog();
  store = await open(dir, {}, log);
  assert.deepEqual(store.read(0n, 1 << 20), batches.slice(0, 2));
  assert.ok(log.lines.some((l) => /WARN .*frame CRC mismatch/.test(l)), log.lines.join('\n'));
});

test('a SIGKILLed writer loses nothing it acknowledged', async () => {
  const dir = freshDir();
  const storeModule = require.resolve('../../../../broker/storage/partitionStore.js');
  const recordsModule = require.resolve('../../../../broker/records/records.js');
  // The child acknowledges each append on stdout once it resolved, then waits to be killed.
  const child = spawn(process.execPath, ['-e', `
    const { openPartitionStore } = require(${JSON.stringify(storeModule)});
    const { encodeBatch } = require(${JSON.stringify(recordsModule)});
    const log = { info() {}, warn() {}, error() {} };
    (async () => {
      const store = await openPartitionStore(process.argv[1], { segmentBytes: 3000, flushMessages: 1 }, log);
      for (let i = 0n; i < 30n; i++) {
        const bytes = encodeBatch({ baseOffset: i, records: [{ value: 'v' + i + 'x'.repeat(200) }] });
        await store.append({ baseOffset: i, lastOffset: i, maxTimestamp: 0n, bytes });
        process.stdout.write('acked ' + i + '\\n');
      }
      setInterval(() => {}, 1000);
    })();
  `, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('acked 29\n')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`writer exited early with ${code}: ${output}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;

  const store = await open(dir);
  assert.equal(store.logEndOffset, 30n);
  const read = store.read(0n, 1 << 30);
  assert.deepEqual(offsets(read), Array.from({ length: 30 }, (_, i) => BigInt(i)));
  assert.ok(fs.readdirSync(dir).some((f) => f.endsWith('.segment.sqlite')), 'the crash came after at least one seal');
});

test('offsetForTimestamp finds the first record at or after a time, in sealed and active segments', async () => {
  const dir = freshDir();
  const store = await open(dir, { segmentBytes: 400 });
  // Records get timestamps base, base+1, ... within each batch.
  await store.append(batchAt(0n, 3, { timestamp: 100n })); // 100..102
  await store.append(batchAt(3n, 3, { timestamp: 200n })); // 200..202
  await store.append(batchAt(6n, 2, { timestamp: 150n })); // 150..151: timestamps are not monotonic
  await store.append(batchAt(8n, 2, { timestamp: 300n })); // 300..301
  assert.ok(fs.readdirSync(dir).some((f) => f.endsWith('.segment.sqlite')), 'some segments sealed');
  assert.equal(store.offsetForTimestamp(0n), 0n);
  assert.equal(store.offsetForTimestamp(101n), 1n);
  assert.equal(store.offsetForTimestamp(103n), 3n);
  assert.equal(store.offsetForTimestamp(202n), 5n);
  assert.equal(store.offsetForTimestamp(203n), 8n);
  assert.equal(store.offsetForTimestamp(301n), 9n);
  assert.equal(store.offsetForTimestamp(302n), null);
  const reopened = await reopen(store, dir, { segmentBytes: 400 });
  assert.equal(reopened.offsetForTimestamp(201n), 4n, 'also after recovery, reading sealed files');
});

test('a format.json from a newer version is refused, naming the file', async () => {
  const dir = freshDir();
  fs.writeFileSync(path.join(dir, 'format.json'), JSON.stringify({ version: 99 }));
  await assert.rejects(
    openPartitionStore(dir, {}, captureLog()),
    (err: unknown) => err instanceof StorageFormatError && err.message.includes(path.join(dir, 'format.json')) && /version 99/.test(err.message),
  );
  fs.writeFileSync(path.join(dir, 'format.json'), 'not json');
  await assert.rejects(openPartitionStore(dir, {}, captureLog()), StorageFormatError);
});

test('a version-1 directory is migrated: its data reads as before and format.json says the new version', async () => {
  const dir = freshDir();
  const store = await open(dir, { segmentBytes: 300 });
  await appendBatches(store, [1, 1, 1], { valueSize: 200 });
  const before = store.read(0n, 1 << 20).map((b) => b.bytes.toString('hex'));
  await store.close();
  // What a version-1 broker left: the same files, marked 1 (version-1 frames are a subset of version 2's).
  fs.writeFileSync(path.join(dir, 'format.json'), JSON.stringify({ version: 1 }));
  const reopened = await open(dir, { segmentBytes: 300 });
  assert.deepEqual(reopened.read(0n, 1 << 20).map((b) => b.bytes.toString('hex')), before);
  assert.equal((JSON.parse(fs.readFileSync(path.join(dir, 'format.json'), 'utf8')) as { version: number }).version, STORAGE_FORMAT_VERSION);
  assert.ok(STORAGE_FORMAT_VERSION > 1);
});

test('a sealed segment from a newer version is refused at open, naming the file', async () => {
  const dir = freshDir();
  const store = await open(dir, { segmentBytes: 300 });
  await appendBatches(store, [1, 1, 1], { valueSize: 200 });
  await store.close();
  const segment = path.join(dir, fs.readdirSync(dir).filter((f) => f.endsWith('.segment.sqlite')).sort().at(-1) as string);
  const sql = await loadSqlJs();
  const db = new sql.Database(fs.readFileSync(segment));
  db.run('PRAGMA user_version = 99');
  fs.writeFileSync(segment, db.export());
  db.close();
  const before = fs.readdirSync(dir).sort();
  await assert.rejects(
    openPartitionStore(dir, { segmentCache: new SegmentCache() }, captureLog()),
    (err: unknown) => err instanceof StorageFormatError && err.message.includes(segment) && /version 99/.test(err.message),
  );
  assert.deepEqual(fs.readdirSync(dir).sort(), before, 'nothing deleted');
});

test('recovery finishes a seal that crashed before the old journal was removed', async () => {
  const dir = freshDir();
  let store = await open(dir);
  const batches = await appendBatches(store, [2, 2]);
  await store.close();
  // Simulate: the segment file was written, then the process died before touching journals.
  const journal = journalFile(dir);
  const saved = fs.readFileSync(journal);
  store = await open(dir, { segmentBytes: 1 });
  const more = await appendBatches(store, [1]); // seals 0..3 into a file, new journal at 4
  await store.close();
  fs.rmSync(path.join(dir, '00000000000000000004.journal'));
  fs.writeFileSync(journal, saved);
  fs.writeFileSync(path.join(dir, '00000000000000000000.segment.sqlite.tmp'), 'half');

  const log = captureLog();
  store = await open(dir, {}, log);
  assert.equal(store.logEndOffset, 4n, 'the log end comes from the sealed segment');
  assert.deepEqual(store.read(0n, 1 << 20), batches);
  assert.ok(!fs.existsSync(journal), 'the stale journal is gone');
  assert.ok(log.lines.some((l) => l.includes('already sealed')));
  assert.ok(!fs.readdirSync(dir).some((f) => f.endsWith('.tmp')));
  void more;
});

test('flush.messages=1 appends and flush() resolve', async () => {
  const dir = freshDir();
  const store = await open(dir, { flushMessages: 1, flushMs: 0 });
  await appendBatches(store, [1, 2]);
  await store.flush();
  assert.equal(store.logEndOffset, 3n);
});

test('random appends, reads, truncations and restarts agree with a model (seed in STORE_SEED)', async () => {
  const seed = seedFromEnv('STORE_SEED', 'partitionStore model');
  const random = mulberry32(seed);
  const rand = (n: number): number => randomInt(random, n);
  const dir = freshDir();
  const options = { segmentBytes: 500 + rand(3000), segmentCache: new SegmentCache(2000) };
  let store = await open(dir, options);
  const model: StoredBatch[] = [];
  for (let step = 0; step < 120; step++) {
    const action = rand(10);
    if (action < 6) {
      const gap = rand(10) === 0 ? BigInt(rand(5)) : 0n;
      const batch = batchAt(store.logEndOffset + gap, 1 + rand(5), { valueSize: rand(400), timestamp: BigInt(step) * 10n });
      await store.append(batch);
      model.push(batch);
    } else if (action < 9 && model.length > 0) {
      const last = model.at(-1)!.lastOffset;
      const from = BigInt(rand(Number(last) + 2));
      const maxBytes = rand(3000);
      const expected: StoredBatch[] = [];
      let budget = maxBytes;
      for (const b of model) {
        if (b.lastOffset < from) continue;
        if (expected.length > 0 && b.bytes.length > budget) break;
        expected.push(b);
        budget -= b.bytes.length;
      }
      assert.deepEqual(store.read(from, maxBytes), expected, `step ${step}, read(${from}, ${maxBytes}), STORE_SEED=${seed}`);
    } else if (rand(3) === 0 && model.length > 0) {
      const to = BigInt(rand(Number(store.logEndOffset) + 1));
      const firstRemoved = model.findIndex((b) => b.lastOffset >= to);
      const expectedEnd = firstRemoved < 0 ? store.logEndOffset : model[firstRemoved].baseOffset < to ? model[firstRemoved].baseOffset : to;
      if (firstRemoved >= 0) model.splice(firstRemoved);
      await store.truncateTo(to);
      assert.equal(store.logEndOffset, expectedEnd, `step ${step}, truncateTo(${to}), STORE_SEED=${seed}`);
    } else {
      store = await reopen(store, dir, options);
    }
  }
  store = await reopen(store, dir, options);
  assert.deepEqual(store.read(0n, 1 << 30), model, `final, STORE_SEED=${seed}`);
});

test('maxTimestampRecord and recordAtOrAfterTime give the found record and its own timestamp', async () => {
  const dir = freshDir();
  const store = await open(dir, { segmentBytes: 400 });
  assert.equal(store.maxTimestampRecord(), null);
  await store.append(batchAt(0n, 3, { timestamp: 100n })); // 100..102
  await store.append(batchAt(3n, 3, { timestamp: 500n })); // 500..502
  await store.append(batchAt(6n, 2, { timestamp: 150n })); // 150..151
  assert.deepEqual(store.maxTimestampRecord(), { offset: 5n, timestamp: 502n });
  assert.deepEqual(store.recordAtOrAfterTime(120n), { offset: 3n, timestamp: 500n });
  await store.append(batchAt(8n, 2, { timestamp: 900n }));
  assert.deepEqual(store.maxTimestampRecord(), { offset: 9n, timestamp: 901n });
  const reopened = await reopen(store, dir, { segmentBytes: 400 });
  assert.deepEqual(reopened.maxTimestampRecord(), { offset: 9n, timestamp: 901n });
});

test('truncateTo inside the active segment drops whole batches and survives a restart', async () => {
  const dir = freshDir();
  let store = await open(dir);
  const batches = await appendBatches(store, [2, 3, 2]); // 0-1, 2-4, 5-6
  await store.truncateTo(5n);
  assert.equal(store.logEndOffset, 5n);
  assert.deepEqual(store.read(0n, 1 << 20), batches.slice(0, 2));
  await store.truncateTo(3n); // inside 2-4: the whole batch goes, the log ends at its base
  assert.equal(store.logEndOffset, 2n);
  await store.truncateTo(10n); // past the end: nothing to do
  assert.equal(store.logEndOffset, 2n);
  const more = await appendBatches(store, [4]);
  store = await reopen(store, dir);
  assert.deepEqual(store.read(0n, 1 << 20), [batches[0], ...more]);
  assert.equal(store.logEndOffset, 6n);
});

test('truncateTo into sealed segments removes later segments and reopens the cut one as active', async () => {
  const dir = freshDir();
  const options = { segmentBytes: 700 };
  let store = await open(dir, options);
  const batches = await appendBatches(store, [1, 1, 1, 1, 1, 1, 1, 1], { valueSize: 200 });
  const sealedBefore = store.segments().filter((s) => !s.active);
  assert.ok(sealedBefore.length >= 3, `sealed: ${sealedBefore.length}`);
  const cutAt = sealedBefore[1].baseOffset + 1n;
  await store.truncateTo(cutAt);
  assert.equal(store.logEndOffset, cutAt);
  assert.deepEqual(store.read(0n, 1 << 20), batches.filter((b) => b.lastOffset < cutAt));
  const files = fs.readdirSync(dir).filter((f) => /\.(segment\.sqlite|journal)$/.test(f)).sort();
  assert.deepEqual(files, [
    '00000000000000000000.segment.sqlite',
    `${sealedBefore[1].baseOffset.toString().padStart(20, '0')}.journal`,
  ]);
  const more = await appendBatches(store, [2, 2], { valueSize: 200 });
  store = await reopen(store, dir, options);
  assert.deepEqual(store.read(0n, 1 << 20), [...batches.filter((b) => b.lastOffset < cutAt), ...more]);

  await store.truncateTo(0n);
  assert.equal(store.logStartOffset, 0n);
  assert.equal(store.logEndOffset, 0n);
  assert.deepEqual(store.read(0n, 1 << 20), []);
  store = await reopen(store, dir, options);
  assert.equal(store.logEndOffset, 0n);
});

test('recovery finishes a truncation interrupted before its new journal was renamed in', async () => {
  const dir = freshDir();
  const options = { segmentBytes: 700 };
  let store = await open(dir, options);
  const batches = await appendBatches(store, [1, 1, 1, 1, 1], { valueSize: 200 });
  const cut = store.segments().filter((s) => !s.active).at(-1)!;
  await store.truncateTo(cut.baseOffset + 1n);
  await store.close();
  // Put the files back to the moment after the cut segment was dropped, before the rename.
  const journal = journalFile(dir);
  fs.renameSync(journal, `${journal}.part`);
  store = await open(dir, options);
  assert.deepEqual(store.read(0n, 1 << 20), batches.filter((b) => b.lastOffset <= cut.baseOffset));
});

test('deleteSegmentsBelow removes only sealed segments wholly below the offset', async () => {
  const dir = freshDir();
  const store = await open(dir, { segmentBytes: 700 });
  const batches = await appendBatches(store, [1, 1, 1, 1, 1, 1], { valueSize: 200 });
  const segments = store.segments();
  assert.ok(segments.length >= 3);
  assert.equal(segments.at(-1)!.active, true);
  assert.equal(segments[0].maxTimestamp, batches.filter((b) => b.baseOffset < segments[1].baseOffset).at(-1)!.maxTimestamp);
  assert.equal(await store.deleteSegmentsBelow(segments[1].baseOffset - 1n), 0, 'the first segment still holds that offset');
  assert.equal(await store.deleteSegmentsBelow(segments[1].baseOffset), 1);
  assert.equal(store.logStartOffset, segments[1].baseOffset);
  assert.deepEqual(store.read(0n, 1 << 20), batches.filter((b) => b.baseOffset >= segments[1].baseOffset));
  assert.equal(await store.deleteSegmentsBelow(1_000n), segments.length - 2, 'never the active segment');
  assert.equal(store.logStartOffset, segments.at(-1)!.baseOffset);
  assert.equal(store.logEndOffset, 6n);
});
