// PartitionLog on a real store in a temp dir: idempotent appends, duplicates answered with their
// original offsets, state rebuilt from the log after reopening, LogAppendTime, and timestamp lookups.

import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Logger } from '../../../../broker/logger.js';
import { InvalidProducerEpochError, OutOfOrderSequenceError, PartitionLog, type AppendOptions } from '../../../../broker/log/partitionLog.js';
import { readBatchHeader, setBrokerFields } from '../../../../broker/records/recordBatch.js';
import { decodeRecords, encodeBatch } from '../../../../broker/records/records.js';
import { openPartitionStore } from '../../../../broker/storage/partitionStore.js';
import { tempDir } from '../../../support/tempDir.js';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const options: AppendOptions = { timestampType: 'CreateTime', maxMessageBytes: 1 << 20, leaderEpoch: 0 };
const open: PartitionLog[] = [];

after(async () => {
  for (const log of open) await log.close();
});

async function openLog(dir: string): Promise<PartitionLog> {
  const log = new PartitionLog('t', 0, await openPartitionStore(dir, { flushMs: 0 }, quiet), quiet);
  open.push(log);
  return log;
}

function idempotent(producerId: bigint, producerEpoch: number, baseSequence: number, count: number): Buffer {
  const records = Array.from({ length: count }, (_, i) => ({ value: `s${baseSequence + i}` }));
  return encodeBatch({ records, producerId, producerEpoch, baseSequence });
}

test('a retried batch gets its original offsets back and is stored once, also after a reopen', async () => {
  const dir = tempDir('plog');
  const log = await openLog(dir);
  await log.append(encodeBatch({ records: [{ value: 'plain' }] }), options);
  const first = await log.append(idempotent(10n, 0, 0, 3), options);
  const second = await log.append(idempotent(10n, 0, 3, 2), options);
  assert.deepEqual([first.baseOffset, second.baseOffset], [1n, 4n]);
  const retry = await log.append(idempotent(10n, 0, 0, 3), options);
  assert.deepEqual([retry.baseOffset, retry.lastOffset, retry.duplicate], [1n, 3n, true]);
  assert.equal(log.logEndOffset, 6n);
  assert.throws(() => log.append(idempotent(10n, 0, 9, 1), options), OutOfOrderSequenceError);
  assert.equal(log.logEndOffset, 6n, 'nothing stored for a refused batch');
  await log.close();
  open.pop();

  const reopened = await openLog(dir);
  const again = await reopened.append(idempotent(10n, 0, 3, 2), options);
  assert.deepEqual([again.baseOffset, again.duplicate], [4n, true]);
  const next = await reopened.append(idempotent(10n, 0, 5, 1), options);
  assert.deepEqual([next.baseOffset, next.duplicate], [6n, false]);
  assert.throws(() => reopened.append(idempotent(10n, 0, 0, 1), options), OutOfOrderSequenceError);
});

test('a stale epoch is fenced after the producer moved on', async () => {
  const log = await openLog(tempDir('plog-epoch'));
  await log.append(idempotent(20n, 1, 0, 1), options);
  await log.append(idempotent(20n, 2, 0, 1), options);
  assert.throws(() => log.append(idempotent(20n, 1, 1, 1), options), InvalidProducerEpochError);
});

test('LogAppendTime stamps the batch and ListOffsets lookups see record timestamps', async () => {
  const log = await openLog(tempDir('plog-time'));
  await log.append(encodeBatch({ records: [{ value: 'b', timestamp: 100 }, { value: 'c', timestamp: 300 }, { value: 'd', timestamp: 200 }] }), options);
  assert.deepEqual(log.recordAtOrAfterTime(150n), { offset: 1n, timestamp: 300n });
  assert.deepEqual(log.recordAtOrAfterTime(0n), { offset: 0n, timestamp: 100n });
  assert.deepEqual(log.maxTimestampRecord(), { offset: 1n, timestamp: 300n });

  const before = BigInt(Date.now());
  const result = await log.append(encodeBatch({ records: [{ value: 'a', timestamp: 5 }] }), { ...options, timestampType: 'LogAppendTime' });
  assert.ok(result.logAppendTime >= before);
  const stored = log.read(3n, 1000)[0];
  assert.ok(stored);
  assert.equal(readBatchHeader(stored.bytes).logAppendTime, true);
  assert.equal(decodeRecords(stored.bytes)[0]?.timestamp, result.logAppendTime);
  assert.deepEqual(log.maxTimestampRecord(), { offset: 3n, timestamp: result.logAppendTime });
  assert.equal(log.recordAtOrAfterTime(result.logAppendTime + 1_000_000n), null);
});

test('leader epochs stamped on batches come back after a reopen', async () => {
  const dir = tempDir('plog-epochs');
  const log = await openLog(dir);
  await log.append(encodeBatch({ records: [{ value: 'a' }] }), { ...options, leaderEpoch: 1 });
  await log.append(encodeBatch({ records: [{ value: 'b' }] }), { ...options, leaderEpoch: 4 });
  await log.close();
  open.pop();
  const reopened = await openLog(dir);
  assert.deepEqual(reopened.leaderEpochs.entries, [{ epoch: 1, startOffset: 0n }, { epoch: 4, startOffset: 1n }]);
});

test('truncating inside a batch cuts the whole batch, and the log ends where its store does', async () => {
  // A follower's divergent batch can span the leader's epoch end: the log must then end at that
  // batch's base offset (and fetch it again), not at the offset asked for.
  const dir = tempDir('plog-cut');
  const log = await openLog(dir);
  await log.append(encodeBatch({ records: [{ value: 'a' }, { value: 'b' }] }), options);
  await log.append(encodeBatch({ records: [{ value: 'c' }, { value: 'd' }, { value: 'e' }] }), options);
  assert.equal(log.logEndOffset, 5n);
  await log.truncateTo(3n);
  assert.equal(log.logEndOffset, 2n, 'the batch holding offsets 2..4 is gone whole');
  assert.equal(log.durableLogEndOffset, 2n);
  assert.ok(log.highWatermarkOffset <= 2n);
  const next = await log.append(encodeBatch({ records: [{ value: 'f' }] }), options);
  assert.equal(next.baseOffset, 2n, 'appends continue at the store\'s end');
});

test('a diverging answer at the log end drops an epoch this replica led without writing', async () => {
  // Briefly leader in epoch 1 without a write, then a follower again: the real leader knows no epoch 1
  // and says the log diverges at its end. The follower must stop naming epoch 1 as its last fetched.
  const dir = tempDir('plog-epoch');
  const log = await openLog(dir);
  await log.append(encodeBatch({ records: [{ value: 'a' }, { value: 'b' }] }), options);
  await log.becomeLeader(1, null);
  await log.becomeFollower(2);
  assert.equal(log.latestEpoch, 1);
  await log.truncateTo(2n);
  assert.equal(log.logEndOffset, 2n, 'nothing was cut');
  assert.equal(log.latestEpoch, 0, 'the unwritten epoch is gone');
});

test('a replicated leader wakes waiters when data lands or the HW moves, not when a refresh changes nothing', async () => {
  const log = await openLog(tempDir('plog'));
  let followersHave = 0n;
  await log.becomeLeader(1, () => followersHave);
  let wakes = 0;
  const watch = (): void => {
    wakes++;
  };
  log.waitForAppend(watch);
  // A follower fetch that moves nothing: parked follower fetches must stay parked (no wake ping-pong).
  log.refreshHighWatermark();
  assert.equal(wakes, 0);
  // New data wakes parked follower fetches although the HW cannot move yet.
  await log.append(encodeBatch({ records: [{ value: 'a' }, { value: 'b' }] }), { ...options, leaderEpoch: 1 });
  assert.equal(wakes, 1);
  assert.equal(log.highWatermarkOffset, 0n);
  log.waitForAppend(watch);
  log.refreshHighWatermark();
  assert.equal(wakes, 1, 'the ISR still holds the HW at 0');
  followersHave = 2n;
  log.refreshHighWatermark();
  assert.equal(wakes, 2);
  assert.equal(log.highWatermarkOffset, 2n);
  log.waitForAppend(watch);
  log.refreshHighWatermark();
  assert.equal(wakes, 2, 'a second refresh at the same HW wakes nobody');
  // A new epoch wakes waiters of the old one (a produce waiting for acks learns it no longer leads as it was).
  await log.becomeLeader(2, () => followersHave);
  assert.equal(wakes, 3);
});

test('a follower stores handed-over replica bytes as they are and copies bytes it was only lent', async () => {
  const store = await openPartitionStore(tempDir('plog-follow'), { flushMs: 0 }, quiet);
  const given: Buffer[] = [];
  const append = store.append.bind(store);
  store.append = (batch, crcChecked) => {
    given.push(batch.bytes);
    return append(batch, crcChecked);
  };
  const log = new PartitionLog('t', 0, store, quiet);
  open.push(log);
  await log.becomeFollower(1);
  const batch = (base: bigint, value: string): Buffer => {
    const b = encodeBatch({ records: [{ value }] });
    setBrokerFields(b, { baseOffset: base, partitionLeaderEpoch: 1 });
    return b;
  };
  const lent = batch(0n, 'a');
  const handed = batch(1n, 'b');
  await log.appendAsFollower(lent);
  await log.appendAsFollower(handed, true);
  assert.equal(given.length, 2);
  // Scribbling over the caller's buffers afterwards shows which bytes the store was given.
  const lentCopy = Buffer.from(lent);
  lent.fill(0);
  handed.fill(0);
  assert.ok(given[0]?.equals(lentCopy), 'lent bytes are copied');
  assert.ok(given[1]?.equals(handed), 'handed-over bytes reach the store uncopied');
  assert.equal(log.logEndOffset, 2n);
});
