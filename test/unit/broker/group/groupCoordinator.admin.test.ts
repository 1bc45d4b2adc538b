// Admin-side coordinator behaviour: OffsetDelete, admin commits and deletes against active groups,
// groups revived from stored metadata after a restart, and ownership (NOT_COORDINATOR).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { encodeSubscription } from '../../../../broker/group/consumerProtocol.js';
import type { GroupCoordinator } from '../../../../broker/group/groupCoordinator.js';
import type { JoinGroupResult } from '../../../../broker/group/groupTypes.js';
import { InMemoryOffsetStore } from '../../../../broker/group/inMemoryOffsetStore.js';
import { ErrorCode } from '../../../../broker/protocol/errors.js';
import { INITIAL_DELAY_MS, joinAsNewMember, joinParams, newCoordinator } from './groupTestKit.js';
import type { ManualClock } from './manualClock.js';

const consumerProtocols = (topics: string[]) => [{ name: 'range', metadata: encodeSubscription(topics) }];

async function stableMember(coordinator: GroupCoordinator, clock: ManualClock, topics = ['t1']): Promise<JoinGroupResult> {
  const { joined } = await joinAsNewMember(coordinator, { protocols: consumerProtocols(topics) });
  clock.advance(INITIAL_DELAY_MS);
  const result = await joined;
  const synced = await coordinator.syncGroup({ groupId: 'g', generationId: result.generationId, memberId: result.memberId, assignments: [] });
  assert.equal(synced.errorCode, ErrorCode.NONE);
  return result;
}

const adminCommit = (topic: string, partition: number, offset: bigint) => ({
  groupId: 'g',
  generationId: -1,
  memberId: '',
  offsets: [{ topic, partition, offset, leaderEpoch: -1, metadata: null }],
});

describe('GroupCoordinator admin operations', () => {
  test('OffsetDelete keeps offsets of topics an active consumer group subscribes to', async () => {
    const { coordinator, clock } = newCoordinator();
    const member = await stableMember(coordinator, clock, ['t1']);
    const commit = await coordinator.commitOffsets({
      groupId: 'g',
      generationId: member.generationId,
      memberId: member.memberId,
      offsets: [
        { topic: 't1', partition: 0, offset: 5n, leaderEpoch: -1, metadata: null },
        { topic: 't2', partition: 0, offset: 6n, leaderEpoch: -1, metadata: null },
      ],
    });
    assert.deepEqual(commit.map((c) => c.errorCode), [ErrorCode.NONE, ErrorCode.NONE]);
    const deleted = await coordinator.deleteOffsets('g', [{ topic: 't1', partition: 0 }, { topic: 't2', partition: 0 }]);
    assert.deepEqual(deleted, {
      errorCode: ErrorCode.NONE,
      partitions: [
        { topic: 't1', partition: 0, errorCode: ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC },
        { topic: 't2', partition: 0, errorCode: ErrorCode.NONE },
      ],
    });
    const left = await coordinator.fetchOffsets({ groupId: 'g', partitions: null });
    assert.deepEqual(left.offsets.map((o) => `${o.topic}:${o.offset}`), ['t1:5']);
    assert.equal((await coordinator.deleteOffsets('nobody', [{ topic: 't1', partition: 0 }])).errorCode, ErrorCode.GROUP_ID_NOT_FOUND);
    coordinator.close();
  });

  test('an admin commit or a delete of an active group is refused and changes nothing', async () => {
    const { coordinator, clock } = newCoordinator();
    const member = await stableMember(coordinator, clock);
    await coordinator.commitOffsets({ ...adminCommit('t1', 0, 9n), generationId: member.generationId, memberId: member.memberId });
    const refused = await coordinator.commitOffsets(adminCommit('t1', 0, 0n));
    assert.equal(refused[0].errorCode, ErrorCode.UNKNOWN_MEMBER_ID);
    assert.deepEqual(await coordinator.deleteGroups(['g']), [{ groupId: 'g', errorCode: ErrorCode.NON_EMPTY_GROUP }]);
    const fetched = await coordinator.fetchOffsets({ groupId: 'g', partitions: [{ topic: 't1', partition: 0 }] });
    assert.equal(fetched.offsets[0].offset, 9n);
    const described = coordinator.describeGroup('g');
    assert.equal(described.state, 'Stable');
    assert.equal(described.members.length, 1);

    // Once the member leaves, the group is Empty: admin commits and deletion go through.
    coordinator.leaveGroup({ groupId: 'g', members: [{ memberId: member.memberId, groupInstanceId: null }] });
    assert.equal((await coordinator.commitOffsets(adminCommit('t1', 0, 0n)))[0].errorCode, ErrorCode.NONE);
    assert.deepEqual(await coordinator.deleteGroups(['g']), [{ groupId: 'g', errorCode: ErrorCode.NONE }]);
    assert.deepEqual((await coordinator.fetchOffsets({ groupId: 'g', partitions: null })).offsets, []);
    coordinator.close();
  });

  test('a stale generation, an unknown partition or an unknown protocol type changes no state', async () => {
    const { coordinator, clock } = newCoordinator();
    const member = await stableMember(coordinator, clock);
    const stale = await coordinator.commitOffsets({ ...adminCommit('t1', 0, 3n), generationId: member.generationId - 1, memberId: member.memberId });
    assert.equal(stale[0].errorCode, ErrorCode.ILLEGAL_GENERATION);
    const unknown = await coordinator.commitOffsets({ ...adminCommit('nope', 0, 3n), generationId: member.generationId, memberId: member.memberId });
    assert.equal(unknown[0].errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    const otherType = await coordinator.joinGroup({ ...joinParams(), protocolType: 'connect' });
    assert.equal(otherType.errorCode, ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    const noCommonAssignor = await coordinator.joinGroup({ ...joinParams(), protocols: [{ name: 'roundrobin', metadata: Buffer.alloc(0) }] });
    assert.equal(noCommonAssignor.errorCode, ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    assert.deepEqual((await coordinator.fetchOffsets({ groupId: 'g', partitions: null })).offsets, []);
    const described = coordinator.describeGroup('g');
    assert.equal(described.state, 'Stable');
    assert.equal(described.generationId, member.generationId);
    assert.equal(described.members.length, 1);
    coordinator.close();
  });

  test('after a restart the stored group comes back Empty with its generation and offsets', async () => {
    const store = new InMemoryOffsetStore();
    const before = newCoordinator({ offsetStore: store });
    const member = await stableMember(before.coordinator, before.clock);
    await before.coordinator.commitOffsets({ ...adminCommit('t1', 1, 12n), generationId: member.generationId, memberId: member.memberId });
    assert.equal(store.getGroup('g')?.members.length, 1, 'written when the generation became stable');
    before.coordinator.close();

    const after = newCoordinator({ offsetStore: store });
    assert.deepEqual(after.coordinator.listGroups(), [{ groupId: 'g', protocolType: 'consumer', state: 'Empty' }]);
    const described = after.coordinator.describeGroup('g');
    assert.equal(described.state, 'Empty');
    assert.equal(described.protocolType, 'consumer');
    assert.equal(described.generationId, member.generationId);
    // The old member's session is gone: it must rejoin, and the next generation follows the stored one.
    assert.equal(after.coordinator.heartbeat({ groupId: 'g', generationId: member.generationId, memberId: member.memberId }), ErrorCode.UNKNOWN_MEMBER_ID);
    const rejoined = await stableMember(after.coordinator, after.clock);
    assert.equal(rejoined.generationId, member.generationId + 1);
    after.coordinator.close();
  });

  test('a coordinator that does not own the group answers every group API with its ownership error', async () => {
    const { coordinator } = newCoordinator({ ownership: (groupId) => (groupId === 'g' ? ErrorCode.NOT_COORDINATOR : ErrorCode.NONE) });
    assert.equal((await coordinator.joinGroup(joinParams())).errorCode, ErrorCode.NOT_COORDINATOR);
    assert.equal(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: 'm' }), ErrorCode.NOT_COORDINATOR);
    assert.equal((await coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: 'm', assignments: [] })).errorCode, ErrorCode.NOT_COORDINATOR);
    assert.equal(coordinator.leaveGroup({ groupId: 'g', members: [] }).errorCode, ErrorCode.NOT_COORDINATOR);
    assert.equal((await coordinator.commitOffsets(adminCommit('t1', 0, 1n)))[0].errorCode, ErrorCode.NOT_COORDINATOR);
    assert.equal((await coordinator.fetchOffsets({ groupId: 'g', partitions: null })).errorCode, ErrorCode.NOT_COORDINATOR);
    assert.equal(coordinator.describeGroup('g').errorCode, ErrorCode.NOT_COORDINATOR);
    assert.deepEqual(await coordinator.deleteGroups(['g']), [{ groupId: 'g', errorCode: ErrorCode.NOT_COORDINATOR }]);
    assert.equal((await coordinator.deleteOffsets('g', [])).errorCode, ErrorCode.NOT_COORDINATOR);
    coordinator.close();
  });
});
