// Group writes on a replicated offsets partition: a real PartitionLog leading with a real
// LeaderPartitionState for one follower, whose fetches the test makes (as ReplicationCoordinator does
// on a follower's Fetch). Commits and SyncGroup answers wait for the high watermark.

import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { GroupCoordinator } from '../../../../broker/group/groupCoordinator.js';
import { commitErrorFor, groupWriteErrorFor, NotCoordinatorError, OffsetsAppendError } from '../../../../broker/group/groupWriteErrors.js';
import { offsetsPartitionLog } from '../../../../broker/group/offsetsPartitionLog.js';
import { OffsetsTopicStore } from '../../../../broker/group/offsetsTopicStore.js';
import { PartitionLog } from '../../../../broker/log/partitionLog.js';
import type { Logger } from '../../../../broker/logger.js';
import { ErrorCode } from '../../../../broker/protocol/errors.js';
import { LeaderPartitionState } from '../../../../broker/replication/leaderState.js';
import { openPartitionStore } from '../../../../broker/storage/partitionStore.js';
import { tempDir } from '../../../support/tempDir.js';
import { waitFor } from '../../../support/waitFor.js';
import { INITIAL_DELAY_MS, isSettled, joinAsNewMember } from './groupTestKit.js';
import { ManualClock } from './manualClock.js';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const LEADER = 1;
const FOLLOWER = 2;
const EPOCH = 4;

const opened: PartitionLog[] = [];
after(async () => {
  for (const log of opened) await log.close();
});

interface Replicated {
  log: PartitionLog;
  store: OffsetsTopicStore;
  coordinator: GroupCoordinator;
  clock: ManualClock;
  /** The follower fetches from the leader's log end: it now holds everything the leader has. */
  followerFetches(): void;
  /** A coordinator with its own store on the same log, as after this broker reloads the partition. */
  reloaded(): OffsetsTopicStore;
}

/** A one-partition offsets topic led here, replicated to one follower (or to none with `replicas: [LEADER]`). */
async function replicated(options: { commitTimeoutMs?: number; replicas?: number[]; minIsr?: number } = {}): Promise<Replicated> {
  const replicas = options.replicas ?? [LEADER, FOLLOWER];
  const log = new PartitionLog('__consumer_offsets', 0, await openPartitionStore(tempDir('offsets-replicated'), { flushMs: 0 }, quiet), quiet);
  opened.push(log);
  const state = new LeaderPartitionState('__consumer_offsets', 0, LEADER, EPOCH, replicas, { isr: replicas, partitionEpoch: 0 }, log.logEndOffset, Date.now());
  await log.becomeLeader(EPOCH, (localEnd) => state.highWatermarkBound(localEnd));
  const adapter = offsetsPartitionLog(log, {
    commitTimeoutMs: options.commitTimeoutMs ?? 10_000,
    leaderEpoch: () => EPOCH,
    inSync: () => ({ isr: state.isr.length, minIsr: options.minIsr ?? 1 }),
  });
  const view = { partitionCount: () => 1, leaderLog: () => (log.isLeader ? adapter : undefined) };
  const store = new OffsetsTopicStore(view);
  store.refresh();
  const clock = new ManualClock();
  const coordinator = new GroupCoordinator({
    partitionExists: (topic) => topic === 't',
    offsetStore: store,
    ownership: (groupId) => store.ownership(groupId),
    clock,
    initialRebalanceDelayMs: INITIAL_DELAY_MS,
    minSessionTimeoutMs: 10,
  });
  return {
    log,
    store,
    coordinator,
    clock,
    followerFetches: () => {
      state.recordFetch(FOLLOWER, log.durableLogEndOffset, log.durableLogEndOffset, Date.now());
      log.refreshHighWatermark();
    },
    reloaded: () => {
      const again = new OffsetsTopicStore(view);
      again.refresh();
      return again;
    },
  };
}

function commit(r: Replicated, offset: bigint) {
  return r.coordinator.commitOffsets({ groupId: 'g', generationId: -1, memberId: '', offsets: [{ topic: 't', partition: 0, offset, leaderEpoch: 1, metadata: null }] });
}

async function fetched(r: Replicated): Promise<bigint | undefined> {
  const result = await r.coordinator.fetchOffsets({ groupId: 'g', partitions: [{ topic: 't', partition: 0 }], requireStable: false });
  assert.equal(result.errorCode, ErrorCode.NONE);
  return result.offsets[0]?.offset;
}

/** Waits until the log holds `end` (the write is stored), so what remains is the wait for the follower. */
async function stored(r: Replicated, end: bigint): Promise<void> {
  await waitFor(() => r.log.durableLogEndOffset === end, { what: `the leader's log to end at ${end}` });
}

describe('group writes wait for the in-sync replicas', () => {
  test('a commit is answered only once the follower has fetched it, and only then does OffsetFetch return it', async () => {
    const r = await replicated();
    const answer = commit(r, 5n);
    await stored(r, 1n);
    assert.equal(r.log.highWatermarkOffset, 0n);
    assert.equal(await isSettled(answer), false, 'pending while the follower lacks the commit');
    assert.equal(await fetched(r), -1n, 'not visible before it is replicated');
    r.followerFetches();
    assert.deepEqual((await answer).map((e) => e.errorCode), [ErrorCode.NONE]);
    assert.equal(r.log.highWatermarkOffset, 1n);
    assert.equal(await fetched(r), 5n);
  });

  test('a commit the follower does not take in time answers COORDINATOR_NOT_AVAILABLE and stays invisible', async () => {
    const r = await replicated({ commitTimeoutMs: 150 });
    const first = commit(r, 5n);
    await stored(r, 1n);
    r.followerFetches();
    assert.deepEqual((await first).map((e) => e.errorCode), [ErrorCode.NONE]);

    const late = await commit(r, 9n);
    assert.deepEqual(late.map((e) => e.errorCode), [ErrorCode.COORDINATOR_NOT_AVAILABLE]);
    assert.equal(await fetched(r), 5n, 'OffsetFetch still returns the last acknowledged commit');
    assert.equal(r.log.durableLogEndOffset, 2n, 'the write is in the leader log, above the HW');
    assert.equal(r.log.highWatermarkOffset, 1n);
  });

  test('losing leadership during the wait answers NOT_COORDINATOR', async () => {
    const r = await replicated();
    const answer = commit(r, 5n);
    await stored(r, 1n);
    await r.log.becomeFollower(EPOCH + 1);
    assert.deepEqual((await answer).map((e) => e.errorCode), [ErrorCode.NOT_COORDINATOR]);
  });

  test('an ISR below min.insync.replicas refuses the commit before writing it (COORDINATOR_NOT_AVAILABLE)', async () => {
    const r = await replicated({ minIsr: 3 });
    assert.deepEqual((await commit(r, 5n)).map((e) => e.errorCode), [ErrorCode.COORDINATOR_NOT_AVAILABLE]);
    assert.equal(r.log.durableLogEndOffset, 0n);
    assert.equal(await fetched(r), -1n);
  });

  test('with a single replica a commit is answered as soon as it is stored', async () => {
    const r = await replicated({ replicas: [LEADER] });
    assert.deepEqual((await commit(r, 5n)).map((e) => e.errorCode), [ErrorCode.NONE]);
    assert.equal(await fetched(r), 5n);
  });

  test('a reloaded partition holds the writes above the HW the leader knows, as Kafka loads to the log end', async () => {
    const r = await replicated({ commitTimeoutMs: 100 });
    assert.deepEqual((await commit(r, 7n)).map((e) => e.errorCode), [ErrorCode.COORDINATOR_NOT_AVAILABLE]);
    assert.equal(r.reloaded().get('g', 't', 0)?.offset, 7n);
  });

  test('the SyncGroup assignment goes out once the group is replicated', async () => {
    const r = await replicated();
    const { joined } = await joinAsNewMember(r.coordinator);
    r.clock.advance(INITIAL_DELAY_MS);
    const member = await joined;
    const synced = r.coordinator.syncGroup({
      groupId: 'g',
      generationId: member.generationId,
      memberId: member.memberId,
      assignments: [{ memberId: member.memberId, assignment: Buffer.from('mine') }],
    });
    await stored(r, 1n);
    assert.equal(await isSettled(synced), false, 'pending while the follower lacks the group');
    assert.equal(r.coordinator.describeGroup('g').state, 'CompletingRebalance');
    r.followerFetches();
    const result = await synced;
    assert.equal(result.errorCode, ErrorCode.NONE);
    assert.equal(result.assignment.toString(), 'mine');
    assert.equal(r.coordinator.describeGroup('g').state, 'Stable');
    assert.equal(r.reloaded().getGroup('g')?.generationId, member.generationId);
  });

  test('a SyncGroup whose group write times out answers COORDINATOR_NOT_AVAILABLE and the group rebalances', async () => {
    const r = await replicated({ commitTimeoutMs: 150 });
    const { joined } = await joinAsNewMember(r.coordinator);
    r.clock.advance(INITIAL_DELAY_MS);
    const member = await joined;
    const result = await r.coordinator.syncGroup({ groupId: 'g', generationId: member.generationId, memberId: member.memberId, assignments: [] });
    assert.equal(result.errorCode, ErrorCode.COORDINATOR_NOT_AVAILABLE);
    assert.equal(r.coordinator.describeGroup('g').state, 'PreparingRebalance');
  });
});

describe('append errors map to coordinator errors as in Kafka', () => {
  const cases: Array<[number, number, number]> = [
    [ErrorCode.NOT_ENOUGH_REPLICAS, ErrorCode.COORDINATOR_NOT_AVAILABLE, ErrorCode.COORDINATOR_NOT_AVAILABLE],
    [ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND, ErrorCode.COORDINATOR_NOT_AVAILABLE, ErrorCode.COORDINATOR_NOT_AVAILABLE],
    [ErrorCode.REQUEST_TIMED_OUT, ErrorCode.COORDINATOR_NOT_AVAILABLE, ErrorCode.COORDINATOR_NOT_AVAILABLE],
    [ErrorCode.NOT_LEADER_OR_FOLLOWER, ErrorCode.NOT_COORDINATOR, ErrorCode.NOT_COORDINATOR],
    [ErrorCode.KAFKA_STORAGE_ERROR, ErrorCode.NOT_COORDINATOR, ErrorCode.NOT_COORDINATOR],
    [ErrorCode.MESSAGE_TOO_LARGE, ErrorCode.INVALID_COMMIT_OFFSET_SIZE, ErrorCode.UNKNOWN_SERVER_ERROR],
    [ErrorCode.RECORD_LIST_TOO_LARGE, ErrorCode.INVALID_COMMIT_OFFSET_SIZE, ErrorCode.UNKNOWN_SERVER_ERROR],
  ];
  for (const [appendError, onCommit, onGroupWrite] of cases) {
    test(`append error ${appendError}: OffsetCommit ${onCommit}, other group writes ${onGroupWrite}`, () => {
      const error = new OffsetsAppendError(appendError, 'x');
      assert.equal(commitErrorFor(error), onCommit);
      assert.equal(groupWriteErrorFor(error), onGroupWrite);
    });
  }
  test('a store that does not coordinate the group: NOT_COORDINATOR', () => {
    assert.equal(commitErrorFor(new NotCoordinatorError('x')), ErrorCode.NOT_COORDINATOR);
  });
});
