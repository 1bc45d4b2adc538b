// Damage and failure on real files: flipped, truncated, foreign and missing segment files, a damaged
// journal, a failing journal write (the test-only fault hook standing in for a full disk), and the cap
// on active segment memory. Random cut points print their seed; STORAGE_FAULT_SEED replays one.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, test } from 'node:test';
import { PartitionLog } from '../../../../broker/log/partitionLog.js';
import type { Logger } from '../../../../broker/logger.js';
import { ActiveMemoryBudget } from '../../../../broker/storage/activeMemoryBudget.js';
import { journalFaultsForTests, JournalWriteError } from '../../../../broker/storage/journal.js';
import { openPartitionStore, SegmentDamagedError, type PartitionStore, type StoreOptions } from '../../../../broker/storage/partitionStore.js';
import { SegmentCache } from '../../../../broker/storage/segmentCache.js';
import { StorageFormatError } from '../../../../broker/storage/storageFormat.js';
import { encodeBatch } from '../../../../broker/records/records.js';
import { tempDir } from '../../../support/tempDir.js';
import { storedBatch } from './partitionStoreContract.js';
import { mulberry32, seedFromEnv } from '../../../support/seededRandom.js';

const seed = seedFromEnv('STORAGE_FAULT_SEED', 'storageFaults');
const random = mulberry32(seed);

interface CapturedLog extends Logger {
  lines: string[];
}
function captureLog(): CapturedLog {
  const lines: string[] = [];
  return { lines, info: (m) => void lines.push(`INFO ${m}`), warn: (m) => void lines.push(`WARN ${m}`), error: (m) => void lines.push(`ERROR ${m}`) };
}

const openStores: PartitionStore[] = [];
afterEach(async () => {
  journalFaultsForTests.beforeWrite = null;
  for (const s of openStores.splice(0)) await s.close().catch(() => undefined);
});

async function open(dir: string, options: StoreOptions = {}, log: Logger = captureLog()): Promise<PartitionStore> {
  const store = await openPartitionStore(dir, { segmentCache: new SegmentCache(), activeMemory: new ActiveMemoryBudget(), ...options }, log);
  openStores.push(store);
  return store;
}

/** A partition dir with several sealed segments of 200-byte records; returns its sealed segment files. */
async function sealedLog(dir: string, batches = 12): Promise<string[]> {
  const store = await openPartitionStore(dir, { segmentCache: new SegmentCache(), activeMemory: new ActiveMemoryBudget(), segmentBytes: 700 }, captureLog());
  for (let i = 0; i < batches; i++) await store.append(storedBatch(store.logEndOffset, [{ key: `k${i}`, value: Buffer.alloc(200, i), timestamp: 1_000 + i }]));
  await store.close();
  return fs.readdirSync(dir).filter((f) => f.endsWith('.segment.sqlite')).sort().map((f) => path.join(dir, f));
}

const listing = (dir: string): string[] => fs.readdirSync(dir).sort();

test('flipped bytes inside a sealed segment: reading it takes the store offline, naming the file; nothing deleted', async () => {
  const dir = tempDir('flip');
  const files = await sealedLog(dir);
  const victim = files[1];
  const data = fs.readFileSync(victim);
  // Flip bytes inside one stored batch: SQLite cannot see that, the batch CRC check must.
  const values = [...data.keys()].filter((i) => i + 200 <= data.length && data.subarray(i, i + 200).every((b, _, run) => b === run[0] && b !== 0));
  assert.ok(values.length > 0, 'found a record value in the file');
  const at = values[Math.floor(random() * values.length)];
  for (let i = 0; i < 4; i++) data[at + Math.floor(random() * 200)] ^= 0x5a;
  fs.writeFileSync(victim, data);
  const before = listing(dir);

  const log = captureLog();
  const offline: Error[] = [];
  let store: PartitionStore;
  try {
    store = await open(dir, { onOffline: (e) => offline.push(e) }, log);
  } catch (err) {
    // Damage in the page holding the last sealed segment's summary can surface at open already.
    assert.ok(err instanceof StorageFormatError && err.message.includes(victim), String(err));
    assert.deepEqual(listing(dir), before);
    return;
  }
  assert.throws(
    () => store.read(0n, 1 << 30),
    (err: unknown) => err instanceof SegmentDamagedError && err.message.includes(victim) && /nothing was deleted/.test(err.message),
  );
  assert.equal(offline.length, 1, 'the owner is told once');
  assert.ok(log.lines.some((l) => l.startsWith('ERROR') && l.includes(victim)), log.lines.join('\n'));
  assert.throws(() => store.read(0n, 1), /failed earlier/, 'an offline store refuses further reads');
  await assert.rejects(store.append(storedBatch(store.logEndOffset, [{ value: 'x' }])), /failed earlier/);
  assert.deepEqual(listing(dir), before, 'nothing deleted');
});

test('a sealed segment truncated at a random point is refused or taken offline, naming the file', async () => {
  const dir = tempDir('cut');
  const files = await sealedLog(dir);
  const victim = files[0];
  const size = fs.statSync(victim).size;
  fs.truncateSync(victim, Math.floor(random() * size));
  const before = listing(dir);
  const matches = (err: unknown): boolean => err instanceof StorageFormatError && err.message.includes(victim);
  try {
    const store = await open(dir);
    assert.throws(() => store.read(0n, 1 << 30), matches);
  } catch (err) {
    assert.ok(matches(err), String(err));
  }
  assert.deepEqual(listing(dir), before);
});

test('a file that is not SQLite is refused at open, naming it; nothing deleted', async () => {
  const dir = tempDir('foreign');
  const files = await sealedLog(dir);
  const victim = files[1];
  fs.writeFileSync(victim, 'this is not a database, just some text that happens to be long enough '.repeat(3));
  const before = listing(dir);
  await assert.rejects(open(dir), (err: unknown) => err instanceof StorageFormatError && err.message.includes(victim) && /not a SQLite file/.test(err.message));
  assert.deepEqual(listing(dir), before);
});

test('a missing segment is refused at open, naming the files around the gap; nothing deleted', async () => {
  const dir = tempDir('missing');
  const files = await sealedLog(dir);
  assert.ok(files.length >= 3, `sealed: ${files.length}`);
  fs.rmSync(files[1]);
  const before = listing(dir);
  await assert.rejects(open(dir), (err: unknown) => err instanceof StorageFormatError && err.message.includes(files[2]) && /segment is missing/.test(err.message));
  assert.deepEqual(listing(dir), before);

  const dir2 = tempDir('missing-last');
  const files2 = await sealedLog(dir2);
  fs.rmSync(files2.at(-1) as string);
  await assert.rejects(open(dir2), /segment is missing/, 'a gap between the last sealed segment and the journal');
});

test('a journal damaged in the middle keeps the frames before the damage, with a log line', async () => {
  const dir = tempDir('journal');
  let store = await open(dir);
  const batches = [];
  for (let i = 0; i < 8; i++) {
    const b = storedBatch(store.logEndOffset, [{ value: Buffer.alloc(100, i) }]);
    await store.append(b);
    batches.push(b);
  }
  await store.close();
  const journal = path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.journal')) as string);
  const data = fs.readFileSync(journal);
  const frame = data.length / 8;
  const hit = Math.floor(random() * 8);
  data[hit * frame + 8 + Math.floor(random() * (frame - 8))] ^= 0xff;
  fs.writeFileSync(journal, data);
  const log = captureLog();
  store = await open(dir, {}, log);
  assert.deepEqual(store.read(0n, 1 << 30), batches.slice(0, hit));
  assert.ok(log.lines.some((l) => l.startsWith('WARN') && l.includes(journal) && /dropped \d+ bytes/.test(l)), log.lines.join('\n'));
});

test('a failed journal write (disk full) fails that append only; nothing unstored is ever readable', async () => {
  const dir = tempDir('enospc');
  const log = captureLog();
  const store = await open(dir, {}, log);
  await store.append(storedBatch(0n, [{ value: 'stored' }]));
  journalFaultsForTests.beforeWrite = () => {
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  };
  await assert.rejects(store.append(storedBatch(1n, [{ value: 'lost' }])), (err: unknown) => err instanceof JournalWriteError && err.code === 'ENOSPC');
  assert.equal(store.logEndOffset, 1n);
  assert.equal(store.read(0n, 1 << 20).length, 1);
  journalFaultsForTests.beforeWrite = null;
  await store.append(storedBatch(1n, [{ value: 'later' }]));
  await store.close();
  const reopened = await open(dir);
  assert.equal(reopened.logEndOffset, 2n, 'the journal holds exactly the stored batches');

  // Through the log layer: the produce that hit the full disk is rejected, so it is never acknowledged.
  const partition = new PartitionLog('t', 0, reopened, log);
  journalFaultsForTests.beforeWrite = () => {
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  };
  await assert.rejects(partition.append(encodeBatch({ records: [{ value: 'x' }] }), { timestampType: 'CreateTime', maxMessageBytes: 1 << 20, leaderEpoch: 0 }));
  assert.equal(partition.highWatermarkOffset, 2n, 'the high watermark did not move');
  journalFaultsForTests.beforeWrite = null;
});

test('active segments of a broker stay under their memory cap: the largest is sealed early', async () => {
  const budget = new ActiveMemoryBudget(20_000);
  const stores = [await open(tempDir('cap-a'), { activeMemory: budget }), await open(tempDir('cap-b'), { activeMemory: budget })];
  for (let i = 0; i < 60; i++) {
    const store = stores[i % 2];
    await store.append(storedBatch(store.logEndOffset, [{ value: Buffer.alloc(1_000, i) }]));
    await store.flush(); // lets an early seal queued by the budget run
    assert.ok(budget.totalBytes <= 20_000 + 2 * 1_100, `active bytes ${budget.totalBytes}`);
  }
  for (const s of stores) assert.ok(s.segments().length > 1, 'both were sealed early');
  assert.equal(stores[0]?.read(0n, 1 << 30).length, 30, 'nothing lost by sealing early');
});
