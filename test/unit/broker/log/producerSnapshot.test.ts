// Producer-state snapshots and the leader-epoch checkpoint: file round trips, damaged files refused, and
// a PartitionLog reopened from them holding the same state as before (also from damaged or missing files).

import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Logger } from '../../../../broker/logger.js';
import { decodeEpochCheckpoint, encodeEpochCheckpoint, LEADER_EPOCH_CHECKPOINT_FILE } from '../../../../broker/log/leaderEpochCheckpoint.js';
import { PartitionLog, type AppendOptions } from '../../../../broker/log/partitionLog.js';
import { decodeSnapshot, encodeSnapshot, listSnapshots, snapshotFileName, type ProducerSnapshot } from '../../../../broker/log/producerSnapshot.js';
import { encodeBatch } from '../../../../broker/records/records.js';
import { openPartitionStore } from '../../../../broker/storage/partitionStore.js';
import { tempDir } from '../../../support/tempDir.js';
import { mulberry32, seedFromEnv } from '../../../support/seededRandom.js';

const warnings: string[] = [];
const quiet: Logger = { info: () => undefined, warn: (m: string) => void warnings.push(m), error: () => undefined };
const options: AppendOptions = { timestampType: 'CreateTime', maxMessageBytes: 1 << 20, leaderEpoch: 0 };
const open = new Set<PartitionLog>();

after(async () => {
  for (const log of open) await log.close();
});

async function openLog(dir: string): Promise<PartitionLog> {
  const log = new PartitionLog('t', 0, await openPartitionStore(dir, { flushMs: 0, segmentBytes: 4096 }, quiet), quiet);
  open.add(log);
  return log;
}

async function closeLog(log: PartitionLog): Promise<void> {
  await log.close();
  open.delete(log);
}

function idempotent(producerId: bigint, producerEpoch: number, baseSequence: number, count: number): Buffer {
  const records = Array.from({ length: count }, (_, i) => ({ value: `p${producerId}-s${baseSequence + i}` }));
  return encodeBatch({ records, producerId, producerEpoch, baseSequence });
}

/** Every producer's state, comparable with deepEqual. */
function stateOf(log: PartitionLog, ids: readonly bigint[]): unknown {
  return ids.map((id) => log.producerState.describe(id) ?? null);
}

const sample: ProducerSnapshot = {
  offset: 42n,
  producers: [
    { producerId: 7n, epoch: 3, batches: [{ firstSeq: 0, lastSeq: 4, firstOffset: 10n, lastOffset: 14n, timestamp: 1700000000000n }] },
    { producerId: 9007199254740993n, epoch: 0, batches: [] },
  ],
};

test('a snapshot file round-trips and a torn or flipped one is refused', () => {
  const bytes = encodeSnapshot(sample);
  assert.deepEqual(decodeSnapshot(bytes), sample);
  for (const cut of [0, 1, bytes.length - 1, Math.floor(bytes.length / 2)]) {
    assert.throws(() => decodeSnapshot(bytes.subarray(0, cut)), `cut at ${cut}`);
  }
  const flipped = Buffer.from(bytes);
  flipped[5] ^= 0x01;
  assert.throws(() => decodeSnapshot(flipped), /checksum/);
});

test('an epoch checkpoint round-trips and a torn or disordered one is refused', () => {
  const entries = [
    { epoch: 0, startOffset: 0n },
    { epoch: 3, startOffset: 100n },
  ];
  const bytes = encodeEpochCheckpoint(entries);
  assert.deepEqual(decodeEpochCheckpoint(bytes), entries);
  assert.deepEqual(decodeEpochCheckpoint(encodeEpochCheckpoint([])), []);
  assert.throws(() => decodeEpochCheckpoint(bytes.subarray(0, bytes.length - 1)));
  assert.throws(() => decodeEpochCheckpoint(bytes.subarray(0, 4)));
  assert.throws(() => decodeEpochCheckpoint(Buffer.from('1\n2\n3 100\n0 0\n')), /does not follow/);
});

test('a clean close leaves a snapshot at the log end; reopening restores the same state and replays nothing', async () => {
  const dir = tempDir('psnap-clean');
  const log = await openLog(dir);
  const ids = [1n, 2n, 3n];
  const next = new Map<bigint, number>();
  for (let i = 0; i < 40; i++) {
    const id = ids[i % ids.length];
    const seq = next.get(id) ?? 0;
    await log.append(idempotent(id, 0, seq, 3), options);
    next.set(id, seq + 3);
  }
  const before = stateOf(log, ids);
  const end = log.logEndOffset;
  await closeLog(log);
  assert.deepEqual(listSnapshots(dir)[0]?.offset, end);

  const reopened = await openLog(dir);
  assert.deepEqual(stateOf(reopened, ids), before);
  // The last batch of producer 1 is still recognised as a duplicate, and its sequence continues.
  const retry = await reopened.append(idempotent(1n, 0, (next.get(1n) ?? 0) - 3, 3), options);
  assert.equal(retry.duplicate, true);
  const fresh = await reopened.append(idempotent(1n, 0, next.get(1n) ?? 0, 1), options);
  assert.equal(fresh.duplicate, false);
});

test('missing, torn and stale snapshots fall back safely to an older snapshot or the log', async () => {
  const dir = tempDir('psnap-damage');
  const log = await openLog(dir);
  const ids = [5n, 6n];
  for (let s = 0; s < 20; s++) await log.append(idempotent(ids[s % 2], 0, Math.floor(s / 2) * 2, 2), options);
  await closeLog(log);
  const second = await openLog(dir);
  for (let s = 20; s < 30; s++) await second.append(idempotent(ids[s % 2], 0, Math.floor(s / 2) * 2, 2), options);
  const before = stateOf(second, ids);
  await closeLog(second);
  const snapshots = listSnapshots(dir);
  assert.equal(snapshots.length, 2, 'the newest two are kept');

  // Torn newest snapshot: the older one plus replay gives the same state.
  const newest = snapshots[0]?.file;
  fs.truncateSync(newest, 10);
  warnings.length = 0;
  const third = await openLog(dir);
  assert.deepEqual(stateOf(third, ids), before);
  assert.ok(warnings.some((w) => w.includes(path.basename(newest))), 'the damaged file is named');
  // A stale snapshot above the log end (written before a crash took those batches back) is ignored and removed.
  const staleOffset = third.logEndOffset + 100n;
  fs.writeFileSync(path.join(dir, snapshotFileName(staleOffset)), encodeSnapshot({ ...sample, offset: staleOffset }));
  await closeLog(third);

  // No snapshot at all: a scan of the log gives the same state.
  for (const s of listSnapshots(dir)) fs.rmSync(s.file);
  const fourth = await openLog(dir);
  assert.deepEqual(stateOf(fourth, ids), before);
  assert.equal(fourth.producerState.describe(7n), undefined);
  await closeLog(fourth);
});

test('an epoch with no writes survives a restart; an old directory without a checkpoint gets one', async () => {
  const dir = tempDir('psnap-epochs');
  const log = await openLog(dir);
  await log.append(encodeBatch({ records: [{ value: 'a' }] }), { ...options, leaderEpoch: 2 });
  await log.becomeLeader(5, null);
  const entries = [...log.leaderEpochs.entries];
  assert.deepEqual(entries, [
    { epoch: 2, startOffset: 0n },
    { epoch: 5, startOffset: 1n },
  ]);
  await closeLog(log);
  const reopened = await openLog(dir);
  assert.deepEqual(reopened.leaderEpochs.entries, entries);
  await closeLog(reopened);

  fs.rmSync(path.join(dir, LEADER_EPOCH_CHECKPOINT_FILE));
  const scanned = await openLog(dir);
  assert.deepEqual(scanned.leaderEpochs.entries, [{ epoch: 2, startOffset: 0n }], 'a scan only sees epochs that wrote');
  assert.ok(fs.existsSync(path.join(dir, LEADER_EPOCH_CHECKPOINT_FILE)));
  await closeLog(scanned);
});

test('truncation drops snapshots and epochs above the cut and rebuilds the state below it', async () => {
  const dir = tempDir('psnap-truncate');
  const log = await openLog(dir);
  await log.append(idempotent(8n, 0, 0, 2), { ...options, leaderEpoch: 1 });
  const atCut = stateOf(log, [8n]);
  const cut = log.logEndOffset;
  await log.append(idempotent(8n, 0, 2, 2), { ...options, leaderEpoch: 3 });
  await closeLog(log);
  const reopened = await openLog(dir);
  await reopened.becomeFollower(4);
  await reopened.truncateTo(cut);
  assert.deepEqual(stateOf(reopened, [8n]), atCut);
  assert.deepEqual(reopened.leaderEpochs.entries, [{ epoch: 1, startOffset: 0n }]);
  assert.ok(listSnapshots(dir).every((s) => s.offset <= cut));
  await closeLog(reopened);
  const again = await openLog(dir);
  assert.deepEqual(stateOf(again, [8n]), atCut);
  assert.deepEqual(again.leaderEpochs.entries, [{ epoch: 1, startOffset: 0n }]);
});

test('random producers and restarts with damaged snapshots: the state after each reopen equals the state before', async () => {
  const seed = seedFromEnv('KW_SNAPSHOT_SEED', 'producer snapshot test');
  const rand = mulberry32(seed);
  const dir = tempDir('psnap-random');
  const ids = [11n, 12n, 13n, 14n];
  const epoch = new Map<bigint, number>();
  const seq = new Map<bigint, number>();
  let log = await openLog(dir);
  for (let round = 0; round < 6; round++) {
    const appends = 5 + Math.floor(rand() * 30);
    for (let i = 0; i < appends; i++) {
      const id = ids[Math.floor(rand() * ids.length)];
      if (rand() < 0.05) {
        epoch.set(id, (epoch.get(id) ?? 0) + 1);
        seq.set(id, 0);
      }
      const count = 1 + Math.floor(rand() * 4);
      const s = seq.get(id) ?? 0;
      await log.append(idempotent(id, epoch.get(id) ?? 0, s, count), options);
      seq.set(id, s + count);
    }
    const before = stateOf(log, ids);
    await closeLog(log);
    const damage = rand();
    const newest = listSnapshots(dir)[0];
    if (newest && damage < 0.3) fs.truncateSync(newest.file, Math.floor(rand() * fs.statSync(newest.file).size));
    else if (newest && damage < 0.5) fs.rmSync(newest.file);
    log = await openLog(dir);
    assert.deepEqual(stateOf(log, ids), before, `round ${round}, seed ${seed}`);
  }
});
