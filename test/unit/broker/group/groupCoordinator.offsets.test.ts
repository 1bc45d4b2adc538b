// OffsetCommit and OffsetFetch through the coordinator: generation and member checks, standalone
// commits, unknown partitions, and what fetch returns for partitions never committed.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { GroupCoordinator } from '../../../../broker/group/groupCoordinator.js';
import type { JoinGroupResult, OffsetToCommit } from '../../../../broker/group/groupTypes.js';
import type { OffsetStore } from '../../../../broker/group/offsetStore.js';
import { InMemoryOffsetStore } from '../../../../broker/group/inMemoryOffsetStore.js';
import { ErrorCode } from '../../../../broker/protocol/errors.js';
import { INITIAL_DELAY_MS, joinAsNewMember, newCoordinator } from './groupTestKit.js';
import type { ManualClock } from './manualClock.js';

function offset(topic: string, partition: number, value: bigint, metadata: string | null = null): OffsetToCommit {
  return { topic, partition, offset: value, leaderEpoch: 3, metadata };
}

async function stableSingleMember(coordinator: GroupCoordinator, clock: ManualClock): Promise<JoinGroupResult> {
  const { joined } = await joinAsNewMember(coordinator);
  clock.advance(INITIAL_DELAY_MS);
  const result = await joined;
  await coordinator.syncGroup({ groupId: 'g', generationId: result.generationId, memberId: result.memberId, assignments: [] });
  return result;
}

function codes(errors: { errorCode: number }[]): number[] {
  return errors.map((e) => e.errorCode);
}

describe('GroupCoordinator offsets', () => {
  test('a member of the current generation commits; fetch returns what it committed', async () => {
    const { coordinator, clock } = newCoordinator();
    const member = await stableSingleMember(coordinator, clock);
    const committed = await coordinator.commitOffsets({
      groupId: 'g',
      generationId: member.generationId,
      memberId: member.memberId,
      offsets: [offset('t1', 0, 42n, 'note'), offset('t1', 1, 7n), offset('missing', 0, 1n), offset('t1', 9, 1n)],
    });
    assert.deepEqual(committed, [
      { topic: 't1', partition: 0, errorCode: ErrorCode.NONE },
      { topic: 't1', partition: 1, errorCode: ErrorCode.NONE },
      { topic: 'missing', partition: 0, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION },
      { topic: 't1', partition: 9, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION },
    ]);

    const fetched = await coordinator.fetchOffsets({
      groupId: 'g',
      partitions: [
        { topic: 't1', partition: 0 },
        { topic: 't1', partition: 2 },
      ],
    });
    assert.deepEqual(fetched, {
      errorCode: ErrorCode.NONE,
      offsets: [
        { topic: 't1', partition: 0, offset: 42n, leaderEpoch: 3, metadata: 'note', errorCode: ErrorCode.NONE },
        { topic: 't1', partition: 2, offset: -1n, leaderEpoch: -1, metadata: '', errorCode: ErrorCode.NONE },
      ],
    });
    const all = await coordinator.fetchOffsets({ groupId: 'g', partitions: null });
    assert.deepEqual(
      all.offsets.map((o) => [o.topic, o.partition, o.offset, o.metadata]),
      [
        ['t1', 0, 42n, 'note'],
        ['t1', 1, 7n, ''],
      ],
    );
    assert.deepEqual((await coordinator.fetchOffsets({ groupId: 'nobody', partitions: null })).offsets, []);
    coordinator.close();
  });

  test('commits from a stale generation, an unknown member, or during CompletingRebalance are refused', async () => {
    const { coordinator, clock } = newCoordinator();
    const { joined } = await joinAsNewMember(coordinator);
    clock.advance(INITIAL_DELAY_MS);
    const member = await joined;
    const commit = (generationId: number, memberId: string) =>
      coordinator.commitOffsets({ groupId: 'g', generationId, memberId, offsets: [offset('t1', 0, 1n), offset('nope', 0, 1n)] });

    assert.deepEqual(codes(await commit(1, member.memberId)), [ErrorCode.REBALANCE_IN_PROGRESS, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]);
    await coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: member.memberId, assignments: [] });
    assert.deepEqual(codes(await commit(0, member.memberId)), [ErrorCode.ILLEGAL_GENERATION, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]);
    assert.deepEqual(codes(await commit(1, 'stranger')), [ErrorCode.UNKNOWN_MEMBER_ID, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]);
    // A commit from outside the group is refused while it has members.
    assert.deepEqual(codes(await commit(-1, '')), [ErrorCode.UNKNOWN_MEMBER_ID, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]);
    // A group this coordinator never had cannot be committed to with a generation.
    const foreign = await coordinator.commitOffsets({ groupId: 'other', generationId: 4, memberId: 'm', offsets: [offset('t1', 0, 1n)] });
    assert.deepEqual(codes(foreign), [ErrorCode.ILLEGAL_GENERATION]);
    assert.deepEqual(codes(await commit(1, member.memberId)), [ErrorCode.NONE, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]);

    // During PreparingRebalance commits are still allowed, as in Kafka.
    await joinAsNewMember(coordinator, { clientId: 'late' });
    assert.equal(coordinator.describeGroup('g').state, 'PreparingRebalance');
    assert.deepEqual(codes(await commit(1, member.memberId)), [ErrorCode.NONE, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]);
    coordinator.close();
  });

  test('standalone commits (generation -1, no member) create an Empty group and keep it Empty', async () => {
    const { coordinator } = newCoordinator();
    const result = await coordinator.commitOffsets({ groupId: 'tool', generationId: -1, memberId: '', offsets: [offset('t2', 3, 100n)] });
    assert.deepEqual(codes(result), [ErrorCode.NONE]);
    assert.deepEqual(coordinator.listGroups(), [{ groupId: 'tool', protocolType: '', state: 'Empty' }]);
    const fetched = await coordinator.fetchOffsets({ groupId: 'tool', partitions: [{ topic: 't2', partition: 3 }] });
    assert.equal(fetched.offsets[0].offset, 100n);
    assert.deepEqual(codes(await coordinator.commitOffsets({ groupId: 'tool', generationId: -1, memberId: '', offsets: [offset('t2', 3, 101n)] })), [
      ErrorCode.NONE,
    ]);
    coordinator.close();
  });

  test('metadata over the size limit is refused per partition', async () => {
    const { coordinator } = newCoordinator({ maxOffsetMetadataSize: 4 });
    const result = await coordinator.commitOffsets({
      groupId: 'g', generationId: -1, memberId: '', offsets: [offset('t1', 0, 1n, 'short'), offset('t1', 1, 1n, 'ok')],
    });
    assert.deepEqual(codes(result), [ErrorCode.OFFSET_METADATA_TOO_LARGE, ErrorCode.NONE]);
    coordinator.close();
  });

  test('a failing store answers COORDINATOR_NOT_AVAILABLE so the client retries', async () => {
    const failing: OffsetStore = Object.assign(new InMemoryOffsetStore(), {
      put: () => Promise.reject(new Error('disk full')),
    });
    const { coordinator } = newCoordinator({ offsetStore: failing });
    const result = await coordinator.commitOffsets({ groupId: 'g', generationId: -1, memberId: '', offsets: [offset('t1', 0, 1n)] });
    assert.deepEqual(codes(result), [ErrorCode.COORDINATOR_NOT_AVAILABLE]);
    coordinator.close();
  });

  test('DeleteGroups deletes Empty groups with their offsets and refuses groups with members', async () => {
    const { coordinator, clock } = newCoordinator();
    await coordinator.commitOffsets({ groupId: 'tool', generationId: -1, memberId: '', offsets: [offset('t1', 0, 5n)] });
    await stableSingleMember(coordinator, clock);
    const results = await coordinator.deleteGroups(['tool', 'g', 'never']);
    assert.deepEqual(results, [
      { groupId: 'tool', errorCode: ErrorCode.NONE },
      { groupId: 'g', errorCode: ErrorCode.NON_EMPTY_GROUP },
      { groupId: 'never', errorCode: ErrorCode.GROUP_ID_NOT_FOUND },
    ]);
    assert.equal((await coordinator.fetchOffsets({ groupId: 'tool', partitions: [{ topic: 't1', partition: 0 }] })).offsets[0].offset, -1n);
    assert.deepEqual(coordinator.listGroups().map((g) => g.groupId), ['g']);
    assert.deepEqual(coordinator.listGroups(['Empty']), []);
    coordinator.close();
  });
});
