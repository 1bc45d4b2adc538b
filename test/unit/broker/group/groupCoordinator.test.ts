// Join, sync, heartbeat and leave through the coordinator, driven on a manual clock.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ErrorCode } from '../../../../broker/protocol/errors.js';
import type { GroupCoordinator } from '../../../../broker/group/groupCoordinator.js';
import type { JoinGroupResult } from '../../../../broker/group/groupTypes.js';
import {
  INITIAL_DELAY_MS,
  REBALANCE_MS,
  SESSION_MS,
  isSettled,
  joinAsNewMember,
  joinParams,
  newCoordinator,
  protocols,
} from './groupTestKit.js';
import type { ManualClock } from './manualClock.js';

/** Joins `count` new members during the initial delay and returns their results in join order. */
async function formGroup(coordinator: GroupCoordinator, clock: ManualClock, count: number): Promise<JoinGroupResult[]> {
  const joins = [];
  for (let i = 0; i < count; i++) joins.push((await joinAsNewMember(coordinator, { clientId: `c${i}` })).joined);
  // Members after the first arrive during the initial delay, so it runs a second time.
  clock.advance(count > 1 ? 2 * INITIAL_DELAY_MS : INITIAL_DELAY_MS);
  return Promise.all(joins);
}

/** Completes the sync of a freshly joined generation: leader assigns `assign:<memberId>` to everyone. */
async function syncAll(coordinator: GroupCoordinator, results: JoinGroupResult[]): Promise<void> {
  const leader = results.find((r) => r.memberId === r.leader)!;
  const followers = results.filter((r) => r !== leader);
  const followerSyncs = followers.map((r) =>
    coordinator.syncGroup({ groupId: 'g', generationId: r.generationId, memberId: r.memberId, assignments: [] }),
  );
  const leaderSync = coordinator.syncGroup({
    groupId: 'g',
    generationId: leader.generationId,
    memberId: leader.memberId,
    assignments: results.map((r) => ({ memberId: r.memberId, assignment: Buffer.from(`assign:${r.memberId}`) })),
  });
  const synced = await Promise.all([leaderSync, ...followerSyncs]);
  for (const [i, r] of [leader, ...followers].entries()) {
    assert.equal(synced[i].errorCode, ErrorCode.NONE);
    assert.equal(synced[i].assignment.toString(), `assign:${r.memberId}`);
  }
}

/** Moves time in 1 s steps, heartbeating the given members so only the timer under test can fire. */
function advanceHeartbeating(clock: ManualClock, coordinator: GroupCoordinator, ms: number, alive: JoinGroupResult[]): void {
  for (let left = ms; left > 0; left -= Math.min(1000, left)) {
    for (const m of alive) coordinator.heartbeat({ groupId: 'g', generationId: m.generationId, memberId: m.memberId });
    clock.advance(Math.min(1000, left));
  }
}

describe('GroupCoordinator join/sync/heartbeat', () => {
  test('a single member: MEMBER_ID_REQUIRED, join after the initial delay, sync, heartbeat', async () => {
    const { coordinator, clock } = newCoordinator();
    const first = await coordinator.joinGroup(joinParams({ clientId: 'app' }));
    assert.equal(first.errorCode, ErrorCode.MEMBER_ID_REQUIRED);
    assert.equal(first.memberId, 'app-1');
    assert.equal(first.generationId, -1);

    const joined = coordinator.joinGroup(joinParams({ clientId: 'app', memberId: first.memberId }));
    assert.equal(await isSettled(joined), false, 'the initial rebalance delay holds the join');
    assert.equal(coordinator.describeGroup('g').state, 'PreparingRebalance');
    clock.advance(INITIAL_DELAY_MS);
    const result = await joined;
    assert.deepEqual(
      { ...result, members: result.members.map((m) => ({ ...m, metadata: m.metadata.toString() })) },
      {
        errorCode: ErrorCode.NONE,
        generationId: 1,
        protocolType: 'consumer',
        protocolName: 'range',
        leader: 'app-1',
        skipAssignment: false,
        memberId: 'app-1',
        members: [{ memberId: 'app-1', groupInstanceId: null, metadata: 'meta:range' }],
      },
    );
    assert.equal(coordinator.describeGroup('g').state, 'CompletingRebalance');

    const synced = await coordinator.syncGroup({
      groupId: 'g',
      generationId: 1,
      memberId: 'app-1',
      assignments: [{ memberId: 'app-1', assignment: Buffer.from('all of it') }],
    });
    assert.equal(synced.errorCode, ErrorCode.NONE);
    assert.equal(synced.protocolType, 'consumer');
    assert.equal(synced.protocolName, 'range');
    assert.equal(synced.assignment.toString(), 'all of it');
    assert.equal(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: 'app-1' }), ErrorCode.NONE);

    const description = coordinator.describeGroup('g');
    assert.equal(description.state, 'Stable');
    assert.equal(description.protocolName, 'range');
    assert.equal(description.members.length, 1);
    assert.equal(description.members[0].clientId, 'app');
    assert.equal(description.members[0].clientHost, '/127.0.0.1');
    assert.equal(description.members[0].assignment.toString(), 'all of it');
    assert.deepEqual(coordinator.listGroups(), [{ groupId: 'g', protocolType: 'consumer', state: 'Stable' }]);
    coordinator.close();
  });

  test('three members: one generation, the leader alone gets the member list, followers wait for its sync', async () => {
    const { coordinator, clock } = newCoordinator();
    const results = await formGroup(coordinator, clock, 3);
    const ids = results.map((r) => r.memberId);
    assert.deepEqual(ids, ['c0-1', 'c1-2', 'c2-3']);
    for (const r of results) {
      assert.equal(r.errorCode, ErrorCode.NONE);
      assert.equal(r.generationId, 1);
      assert.equal(r.leader, 'c0-1');
    }
    assert.deepEqual(results[0].members.map((m) => m.memberId), ids);
    assert.deepEqual(results[1].members, []);
    assert.deepEqual(results[2].members, []);

    const followerSyncs = ['c1-2', 'c2-3'].map((memberId) =>
      coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId, assignments: [] }),
    );
    assert.equal(await isSettled(followerSyncs[0]), false, 'a follower waits for the leader');
    const leaderSync = await coordinator.syncGroup({
      groupId: 'g',
      generationId: 1,
      memberId: 'c0-1',
      // c2-3 is left out (it gets an empty assignment); an id the group never had is ignored.
      assignments: ['c0-1', 'c1-2', 'stranger'].map((id) => ({ memberId: id, assignment: Buffer.from(`assign:${id}`) })),
    });
    const [c1, c2] = await Promise.all(followerSyncs);
    assert.equal(leaderSync.assignment.toString(), 'assign:c0-1');
    assert.equal(c1.assignment.toString(), 'assign:c1-2');
    assert.equal(c2.errorCode, ErrorCode.NONE);
    assert.equal(c2.assignment.length, 0);
    assert.equal(coordinator.describeGroup('g').state, 'Stable');
    for (const id of ids) assert.equal(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: id }), ErrorCode.NONE);
    coordinator.close();
  });

  test('JoinGroup v0-v3 (no member id required) joins at once', async () => {
    const { coordinator, clock } = newCoordinator();
    const joined = coordinator.joinGroup(joinParams({ requireKnownMemberId: false, clientId: 'old' }));
    clock.advance(INITIAL_DELAY_MS);
    const result = await joined;
    assert.equal(result.errorCode, ErrorCode.NONE);
    assert.equal(result.memberId, 'old-1');
    assert.equal(result.leader, 'old-1');
    coordinator.close();
  });

  test('new members arriving during the initial delay extend it, up to the rebalance timeout', async () => {
    const { coordinator, clock } = newCoordinator();
    const a = await joinAsNewMember(coordinator, { clientId: 'a' });
    clock.advance(INITIAL_DELAY_MS - 1);
    const b = await joinAsNewMember(coordinator, { clientId: 'b' });
    clock.advance(1);
    assert.equal(await isSettled(a.joined), false, 'a member joined during the delay, so it runs again');
    clock.advance(INITIAL_DELAY_MS);
    const [ra, rb] = await Promise.all([a.joined, b.joined]);
    assert.equal(ra.generationId, 1);
    assert.equal(rb.generationId, 1);
    assert.equal(ra.members.length, 2);
    coordinator.close();
  });

  test('a member joining a stable group triggers a rebalance that completes when everyone rejoined', async () => {
    const { coordinator, clock } = newCoordinator();
    const results = await formGroup(coordinator, clock, 2);
    await syncAll(coordinator, results);

    const newcomer = await joinAsNewMember(coordinator, { clientId: 'late' });
    assert.equal(coordinator.describeGroup('g').state, 'PreparingRebalance');
    for (const r of results) {
      assert.equal(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: r.memberId }), ErrorCode.REBALANCE_IN_PROGRESS);
    }
    assert.equal(await isSettled(newcomer.joined), false);
    const rejoins = results.map((r) => coordinator.joinGroup(joinParams({ memberId: r.memberId, clientId: 'x' })));
    // No initial delay: the group was not empty, so the join completes as soon as all are in.
    const second = await Promise.all([...rejoins, newcomer.joined]);
    for (const r of second) {
      assert.equal(r.errorCode, ErrorCode.NONE);
      assert.equal(r.generationId, 2);
    }
    assert.equal(second[0].members.length, 3, 'the leader stays the leader and sees all three');
    await syncAll(coordinator, second);
    coordinator.close();
  });

  test('a member that does not rejoin within the rebalance timeout is removed', async () => {
    const { coordinator, clock } = newCoordinator();
    const results = await formGroup(coordinator, clock, 2);
    await syncAll(coordinator, results);
    const [leader, follower] = results as [JoinGroupResult, JoinGroupResult];

    const rejoin = coordinator.joinGroup(joinParams({ memberId: leader.memberId }));
    assert.equal(await isSettled(rejoin), false);
    // The follower keeps heartbeating (and hears REBALANCE_IN_PROGRESS) but never rejoins.
    advanceHeartbeating(clock, coordinator, REBALANCE_MS - 1, [follower]);
    assert.equal(await isSettled(rejoin), false);
    clock.advance(1);
    const result = await rejoin;
    assert.equal(result.generationId, 2);
    assert.deepEqual(result.members.map((m) => m.memberId), [leader.memberId]);
    assert.equal(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: follower.memberId }), ErrorCode.UNKNOWN_MEMBER_ID);
    coordinator.close();
  });

  test('when the leader does not rejoin, a member that did becomes leader', async () => {
    const { coordinator, clock } = newCoordinator();
    const results = await formGroup(coordinator, clock, 2);
    await syncAll(coordinator, results);
    const follower = results[1];
    const rejoin = coordinator.joinGroup(joinParams({ memberId: follower.memberId, protocols: protocols('range') }));
    // A follower rejoining with unchanged metadata in Stable just gets the current generation back.
    const same = await rejoin;
    assert.equal(same.generationId, 1);
    assert.deepEqual(same.members, []);

    const changed = coordinator.joinGroup(
      joinParams({ memberId: follower.memberId, protocols: [{ name: 'range', metadata: Buffer.from('new topics') }] }),
    );
    advanceHeartbeating(clock, coordinator, REBALANCE_MS, [results[0]]);
    const result = await changed;
    assert.equal(result.generationId, 2);
    assert.equal(result.leader, follower.memberId);
    assert.deepEqual(result.members.map((m) => m.metadata.toString()), ['new topics']);
    coordinator.close();
  });

  test('LeaveGroup removes members, rebalances the rest, and empties the group', async () => {
    const { coordinator, clock } = newCoordinator();
    const results = await formGroup(coordinator, clock, 2);
    await syncAll(coordinator, results);
    const [a, b] = results as [JoinGroupResult, JoinGroupResult];

    const left = coordinator.leaveGroup({
      groupId: 'g',
      members: [
        { memberId: a.memberId, groupInstanceId: null },
        { memberId: 'nobody', groupInstanceId: null },
      ],
    });
    assert.deepEqual(left, {
      errorCode: ErrorCode.NONE,
      members: [
        { memberId: a.memberId, groupInstanceId: null, errorCode: ErrorCode.NONE },
        { memberId: 'nobody', groupInstanceId: null, errorCode: ErrorCode.UNKNOWN_MEMBER_ID },
      ],
    });
    assert.equal(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: b.memberId }), ErrorCode.REBALANCE_IN_PROGRESS);
    const rejoined = await coordinator.joinGroup(joinParams({ memberId: b.memberId }));
    assert.equal(rejoined.generationId, 2);
    assert.equal(rejoined.leader, b.memberId);
    await syncAll(coordinator, [rejoined]);

    coordinator.leaveGroup({ groupId: 'g', members: [{ memberId: b.memberId, groupInstanceId: null }] });
    const description = coordinator.describeGroup('g');
    assert.equal(description.state, 'Empty');
    assert.equal(description.generationId, 3);
    assert.deepEqual(
      coordinator.leaveGroup({ groupId: 'none', members: [{ memberId: 'x', groupInstanceId: null }] }).members[0].errorCode,
      ErrorCode.UNKNOWN_MEMBER_ID,
    );
    coordinator.close();
  });

  test('a member that stops heartbeating is removed after its session timeout and the group rebalances', async () => {
    const { coordinator, clock } = newCoordinator();
    const results = await formGroup(coordinator, clock, 2);
    await syncAll(coordinator, results);
    const [a, b] = results as [JoinGroupResult, JoinGroupResult];
    clock.advance(SESSION_MS - 1);
    assert.equal(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: a.memberId }), ErrorCode.NONE);
    clock.advance(1);
    assert.equal(coordinator.describeGroup('g').members.length, 1, `${b.memberId} timed out`);
    assert.equal(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: a.memberId }), ErrorCode.REBALANCE_IN_PROGRESS);
    assert.equal(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: b.memberId }), ErrorCode.UNKNOWN_MEMBER_ID);
    coordinator.close();
  });

  test('a member given an id that never comes back holds the join only until its session times out', async () => {
    const { coordinator, clock } = newCoordinator();
    const results = await formGroup(coordinator, clock, 1);
    await syncAll(coordinator, results);
    const ghost = await coordinator.joinGroup(joinParams({ clientId: 'ghost', sessionTimeoutMs: 1000 }));
    assert.equal(ghost.errorCode, ErrorCode.MEMBER_ID_REQUIRED);
    // The leader rejoins to rebalance; the pending ghost keeps the join open.
    const rejoin = coordinator.joinGroup(joinParams({ memberId: results[0].memberId }));
    assert.equal(await isSettled(rejoin), false);
    clock.advance(1000);
    const result = await rejoin;
    assert.equal(result.generationId, 2);
    assert.equal(result.members.length, 1);
    const late = await coordinator.joinGroup(joinParams({ memberId: ghost.memberId }));
    assert.equal(late.errorCode, ErrorCode.UNKNOWN_MEMBER_ID);
    coordinator.close();
  });

  test('SyncGroup and Heartbeat errors where Kafka returns them', async () => {
    const { coordinator, clock } = newCoordinator();
    const results = await formGroup(coordinator, clock, 2);
    const [leader, follower] = results as [JoinGroupResult, JoinGroupResult];
    const sync = (generationId: number, memberId: string, groupId = 'g') =>
      coordinator.syncGroup({ groupId, generationId, memberId, assignments: [] });

    assert.equal((await sync(1, 'stranger')).errorCode, ErrorCode.UNKNOWN_MEMBER_ID);
    assert.equal((await sync(1, 'x', 'no-such-group')).errorCode, ErrorCode.UNKNOWN_MEMBER_ID);
    assert.equal((await sync(0, follower.memberId)).errorCode, ErrorCode.ILLEGAL_GENERATION);
    assert.equal((await sync(1, 'x', '')).errorCode, ErrorCode.INVALID_GROUP_ID);
    const wrongProtocol = await coordinator.syncGroup({
      groupId: 'g', generationId: 1, memberId: follower.memberId, protocolName: 'roundrobin', assignments: [],
    });
    assert.equal(wrongProtocol.errorCode, ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    assert.equal(coordinator.heartbeat({ groupId: 'g', generationId: 7, memberId: follower.memberId }), ErrorCode.ILLEGAL_GENERATION);
    assert.equal(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: 'stranger' }), ErrorCode.UNKNOWN_MEMBER_ID);
    assert.equal(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: follower.memberId }), ErrorCode.NONE, 'CompletingRebalance');

    // A follower parked in SyncGroup is sent back to join when a new member arrives before the leader syncs.
    const parked = sync(1, follower.memberId);
    await joinAsNewMember(coordinator, { clientId: 'late' });
    assert.equal((await parked).errorCode, ErrorCode.REBALANCE_IN_PROGRESS);
    assert.equal((await sync(1, leader.memberId)).errorCode, ErrorCode.REBALANCE_IN_PROGRESS, 'PreparingRebalance');
    coordinator.close();
  });

  test('a member that never sends SyncGroup is removed after the rebalance timeout', async () => {
    const { coordinator, clock } = newCoordinator();
    const results = await formGroup(coordinator, clock, 2);
    const [leader, follower] = results as [JoinGroupResult, JoinGroupResult];
    const synced = await coordinator.syncGroup({
      groupId: 'g', generationId: 1, memberId: leader.memberId,
      assignments: [{ memberId: leader.memberId, assignment: Buffer.from('x') }],
    });
    assert.equal(synced.errorCode, ErrorCode.NONE);
    // Both keep their sessions alive; only the follower's missing SyncGroup can get it removed.
    advanceHeartbeating(clock, coordinator, REBALANCE_MS - 1, [leader, follower]);
    assert.equal(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: leader.memberId }), ErrorCode.NONE);
    clock.advance(1);
    assert.equal(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: follower.memberId }), ErrorCode.UNKNOWN_MEMBER_ID);
    assert.equal(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: leader.memberId }), ErrorCode.REBALANCE_IN_PROGRESS);
    coordinator.close();
  });

  test('protocol selection: the group runs the protocol its members prefer, and a newcomer must share one', async () => {
    const { coordinator, clock } = newCoordinator();
    const a = await joinAsNewMember(coordinator, { clientId: 'a', protocols: protocols('sticky', 'range', 'roundrobin') });
    const b = await joinAsNewMember(coordinator, { clientId: 'b', protocols: protocols('roundrobin', 'range') });
    const c = await joinAsNewMember(coordinator, { clientId: 'c', protocols: protocols('range', 'roundrobin') });
    const stranger = await coordinator.joinGroup(joinParams({ clientId: 'd', protocols: protocols('sticky') }));
    assert.equal(stranger.errorCode, ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    clock.advance(2 * INITIAL_DELAY_MS);
    const results = await Promise.all([a.joined, b.joined, c.joined]);
    // a and c vote range (sticky is not shared), b votes roundrobin.
    for (const r of results) assert.equal(r.protocolName, 'range');
    assert.deepEqual(results[0].members.map((m) => m.metadata.toString()), ['meta:range', 'meta:range', 'meta:range']);
    coordinator.close();
  });

  test('JoinGroup validation: group id, session timeout, unknown member, protocol type', async () => {
    const { coordinator, clock } = newCoordinator({ minSessionTimeoutMs: 100, maxSessionTimeoutMs: 1000 });
    assert.equal((await coordinator.joinGroup(joinParams({ groupId: '' }))).errorCode, ErrorCode.INVALID_GROUP_ID);
    assert.equal((await coordinator.joinGroup(joinParams({ sessionTimeoutMs: 99 }))).errorCode, ErrorCode.INVALID_SESSION_TIMEOUT);
    assert.equal((await coordinator.joinGroup(joinParams({ sessionTimeoutMs: 1001 }))).errorCode, ErrorCode.INVALID_SESSION_TIMEOUT);
    assert.equal(
      (await coordinator.joinGroup(joinParams({ memberId: 'made-up', sessionTimeoutMs: 500 }))).errorCode,
      ErrorCode.UNKNOWN_MEMBER_ID,
    );
    const { joined } = await joinAsNewMember(coordinator, { sessionTimeoutMs: 500 });
    clock.advance(INITIAL_DELAY_MS);
    await joined;
    const otherType = await coordinator.joinGroup(joinParams({ protocolType: 'connect', sessionTimeoutMs: 500 }));
    assert.equal(otherType.errorCode, ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    coordinator.close();
  });

  test('a follower parked in SyncGroup is sent back to join when the leader never syncs', async () => {
    const { coordinator, clock } = newCoordinator();
    const results = await formGroup(coordinator, clock, 2);
    const [leader, follower] = results as [JoinGroupResult, JoinGroupResult];
    const parked = coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: follower.memberId, assignments: [] });
    advanceHeartbeating(clock, coordinator, REBALANCE_MS, [leader]);
    assert.equal((await parked).errorCode, ErrorCode.REBALANCE_IN_PROGRESS);
    assert.equal(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: leader.memberId }), ErrorCode.UNKNOWN_MEMBER_ID);
    const rejoined = await coordinator.joinGroup(joinParams({ memberId: follower.memberId }));
    assert.equal(rejoined.generationId, 2);
    assert.equal(rejoined.leader, follower.memberId);
    coordinator.close();
  });

  test('a pending member (given an id, not yet joined) can leave, which lets the join complete', async () => {
    const { coordinator, clock } = newCoordinator();
    const results = await formGroup(coordinator, clock, 1);
    await syncAll(coordinator, results);
    const pending = await coordinator.joinGroup(joinParams({ clientId: 'p' }));
    const rejoin = coordinator.joinGroup(joinParams({ memberId: results[0].memberId }));
    assert.equal(await isSettled(rejoin), false);
    const left = coordinator.leaveGroup({ groupId: 'g', members: [{ memberId: pending.memberId, groupInstanceId: null }] });
    assert.equal(left.members[0].errorCode, ErrorCode.NONE);
    assert.equal((await rejoin).generationId, 2);
    coordinator.close();
  });

  test('static members skip MEMBER_ID_REQUIRED; a returning instance fences its old member id without a rebalance', async () => {
    const { coordinator, clock } = newCoordinator();
    const joining = coordinator.joinGroup(joinParams({ clientId: 's', groupInstanceId: 'instance-1' }));
    clock.advance(INITIAL_DELAY_MS);
    const first = await joining;
    assert.equal(first.errorCode, ErrorCode.NONE);
    await syncAll(coordinator, [first]);
    const hb = { groupId: 'g', generationId: 1, memberId: first.memberId, groupInstanceId: 'instance-1' };
    assert.equal(coordinator.heartbeat(hb), ErrorCode.NONE);

    const second = await coordinator.joinGroup(joinParams({ clientId: 's', groupInstanceId: 'instance-1' }));
    assert.equal(second.errorCode, ErrorCode.NONE);
    assert.notEqual(second.memberId, first.memberId);
    assert.equal(second.generationId, 1, 'same generation: no rebalance');
    assert.equal(second.leader, second.memberId);
    assert.equal(second.skipAssignment, true);
    assert.equal(coordinator.describeGroup('g').state, 'Stable');
    const synced = await coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: second.memberId, groupInstanceId: 'instance-1', assignments: [] });
    assert.equal(synced.errorCode, ErrorCode.NONE);
    assert.equal(synced.assignment.toString(), `assign:${first.memberId}`, 'keeps the old member id\'s assignment');
    assert.equal(coordinator.heartbeat(hb), ErrorCode.FENCED_INSTANCE_ID);
    assert.equal(coordinator.heartbeat({ ...hb, memberId: second.memberId }), ErrorCode.NONE);
    const removed = coordinator.leaveGroup({ groupId: 'g', members: [{ memberId: '', groupInstanceId: 'instance-1' }] });
    assert.equal(removed.members[0].errorCode, ErrorCode.NONE);
    assert.equal(coordinator.describeGroup('g').state, 'Empty');
    coordinator.close();
  });

  test('close() answers parked joins with NOT_COORDINATOR and stops all timers', async () => {
    const { coordinator, clock } = newCoordinator();
    const { joined } = await joinAsNewMember(coordinator);
    coordinator.close();
    assert.equal((await joined).errorCode, ErrorCode.NOT_COORDINATOR);
    assert.equal(clock.activeTimers, 0);
    assert.equal((await coordinator.joinGroup(joinParams())).errorCode, ErrorCode.NOT_COORDINATOR);
  });
});
