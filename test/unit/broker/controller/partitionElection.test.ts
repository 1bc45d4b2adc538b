import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PartitionState } from '../../../../broker/controller/metadataImage.js';
import { alterIsr, electForLeaderless, electPreferred, fenceReplica } from '../../../../broker/controller/partitionElection.js';
import { ErrorCode } from '../../../../broker/protocol/errors.js';

const p0: PartitionState = { partition: 0, leader: 1, leaderEpoch: 4, partitionEpoch: 7, replicas: [1, 2, 3], isr: [1, 2, 3] };
const live = (...ids: number[]): ReadonlySet<number> => new Set(ids);

describe('fenceReplica', () => {
  test('a fenced leader is replaced by the next live ISR member in replica order, epochs bumped', () => {
    const p = fenceReplica(p0, 1, live(2, 3), false);
    assert.deepEqual([p.leader, p.leaderEpoch, p.partitionEpoch, [...p.isr]], [2, 5, 8, [2, 3]]);
  });
  test('a fenced follower leaves the ISR, leader and leader epoch stay', () => {
    const p = fenceReplica(p0, 3, live(1, 2), false);
    assert.deepEqual([p.leader, p.leaderEpoch, p.partitionEpoch, [...p.isr]], [1, 4, 8, [1, 2]]);
  });
  test('a broker that is no replica changes nothing', () => {
    assert.equal(fenceReplica(p0, 9, live(1, 2, 3), false), p0);
  });
  test('with no live ISR member the partition goes leaderless and keeps its last ISR member', () => {
    const lone = { ...p0, isr: [1] };
    const p = fenceReplica(lone, 1, live(2, 3), false);
    assert.deepEqual([p.leader, p.leaderEpoch, [...p.isr]], [-1, 5, [1]]);
  });
  test('unclean election picks any live replica and makes it the whole ISR', () => {
    const lone = { ...p0, isr: [1] };
    const p = fenceReplica(lone, 1, live(3), true);
    assert.deepEqual([p.leader, [...p.isr]], [3, [3]]);
  });
});

describe('electForLeaderless', () => {
  test('the returning last ISR member leads again', () => {
    const offline = { ...p0, leader: -1, isr: [1] };
    const p = electForLeaderless(offline, live(1, 2), false);
    assert.deepEqual([p.leader, p.leaderEpoch, [...p.isr]], [1, 5, [1]]);
  });
  test('a returning out-of-sync replica does not lead unless unclean election is on', () => {
    const offline = { ...p0, leader: -1, isr: [1] };
    assert.equal(electForLeaderless(offline, live(2), false), offline);
    assert.equal(electForLeaderless(offline, live(2), true).leader, 2);
  });
  test('a partition with a leader is left alone', () => {
    assert.equal(electForLeaderless(p0, live(1, 2, 3), false), p0);
  });
});

describe('electPreferred', () => {
  test('moves leadership back to the first replica when it is live and in sync', () => {
    const moved = { ...p0, leader: 2 };
    const p = electPreferred(moved, live(1, 2, 3));
    assert.deepEqual([p.leader, p.leaderEpoch, p.partitionEpoch], [1, 5, 8]);
  });
  test('waits while the preferred replica is out of the ISR or down', () => {
    const moved = { ...p0, leader: 2, isr: [2, 3] };
    assert.equal(electPreferred(moved, live(1, 2, 3)), moved);
    const down = { ...p0, leader: 2 };
    assert.equal(electPreferred(down, live(2, 3)), down);
  });
});

describe('alterIsr', () => {
  const req = { topic: 't', partition: 0, leaderId: 1, leaderEpoch: 4, partitionEpoch: 7, newIsr: [1, 2] };
  test('applies a shrink and bumps the partition epoch', () => {
    const r = alterIsr(p0, req, live(1, 2, 3));
    assert.equal(r.errorCode, ErrorCode.NONE);
    assert.deepEqual([[...(r.state?.isr ?? [])], r.state?.partitionEpoch, r.state?.leaderEpoch], [[1, 2], 8, 4]);
  });
  test('an expand keeps replica order', () => {
    const r = alterIsr({ ...p0, isr: [1] }, { ...req, newIsr: [3, 1] }, live(1, 2, 3));
    assert.deepEqual([...(r.state?.isr ?? [])], [1, 3]);
  });
  test('the same ISR is answered without a new epoch', () => {
    const r = alterIsr(p0, { ...req, newIsr: [3, 2, 1] }, live(1, 2, 3));
    assert.equal(r.state, p0);
  });
  test('stale epochs and wrong leaders are refused with Kafka codes', () => {
    const all = live(1, 2, 3);
    assert.equal(alterIsr(p0, { ...req, leaderEpoch: 3 }, all).errorCode, ErrorCode.FENCED_LEADER_EPOCH);
    assert.equal(alterIsr(p0, { ...req, partitionEpoch: 6 }, all).errorCode, ErrorCode.INVALID_UPDATE_VERSION);
    assert.equal(alterIsr(p0, { ...req, leaderId: 2 }, all).errorCode, ErrorCode.INVALID_REQUEST);
    assert.equal(alterIsr(p0, { ...req, newIsr: [2, 3] }, all).errorCode, ErrorCode.INVALID_REQUEST);
    assert.equal(alterIsr(p0, { ...req, newIsr: [1, 4] }, all).errorCode, ErrorCode.INVALID_REQUEST);
  });
  test('adding a broker that is not live is INELIGIBLE_REPLICA', () => {
    const r = alterIsr({ ...p0, isr: [1] }, { ...req, newIsr: [1, 3] }, live(1, 2));
    assert.equal(r.errorCode, ErrorCode.INELIGIBLE_REPLICA);
  });
});
