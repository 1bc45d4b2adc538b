// Protocol selection and membership bookkeeping of one group, without a coordinator.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConsumerGroup } from '../../../../broker/group/consumerGroup.js';
import { GroupMember } from '../../../../broker/group/groupMember.js';
import { protocols } from './groupTestKit.js';

function member(id: string, ...protocolNames: string[]): GroupMember {
  return new GroupMember(id, null, 'client', 'host', 1000, 1000, 'consumer', protocols(...protocolNames));
}

function groupOf(...members: GroupMember[]): ConsumerGroup {
  const group = new ConsumerGroup('g');
  for (const m of members) group.add(m, () => {});
  return group;
}

describe('ConsumerGroup', () => {
  test('selects the protocol most members prefer among those all members support', () => {
    assert.equal(groupOf(member('a', 'range', 'roundrobin'), member('b', 'range', 'roundrobin'), member('c', 'roundrobin', 'range')).selectProtocol(), 'range');
    assert.equal(groupOf(member('a', 'range', 'roundrobin'), member('b', 'roundrobin', 'range'), member('c', 'roundrobin', 'range')).selectProtocol(), 'roundrobin');
    // 'sticky' is everyone's favourite but c does not support it, so it cannot win.
    assert.equal(groupOf(member('a', 'sticky', 'range'), member('b', 'sticky', 'range'), member('c', 'range')).selectProtocol(), 'range');
  });

  test('a tie goes to the protocol voted for first in join order', () => {
    assert.equal(groupOf(member('a', 'roundrobin', 'range'), member('b', 'range', 'roundrobin')).selectProtocol(), 'roundrobin');
    assert.equal(groupOf(member('b', 'range', 'roundrobin'), member('a', 'roundrobin', 'range')).selectProtocol(), 'range');
  });

  test('supportsProtocols: an empty group takes any non-empty offer; a non-empty group needs a common protocol and type', () => {
    const empty = new ConsumerGroup('g');
    assert.equal(empty.supportsProtocols('consumer', ['x']), true);
    assert.equal(empty.supportsProtocols('', ['x']), false);
    assert.equal(empty.supportsProtocols('consumer', []), false);
    const group = groupOf(member('a', 'range', 'roundrobin'), member('b', 'roundrobin'));
    assert.equal(group.supportsProtocols('consumer', ['roundrobin']), true);
    assert.equal(group.supportsProtocols('consumer', ['range']), false, 'b does not support range');
    assert.equal(group.supportsProtocols('connect', ['roundrobin']), false);
    group.remove('b');
    assert.equal(group.supportsProtocols('consumer', ['range']), true, 'counts drop with the member');
  });

  test('the first member leads; removing the leader hands leadership to the next in join order', () => {
    const group = groupOf(member('a', 'range'), member('b', 'range'), member('c', 'range'));
    assert.equal(group.leaderId, 'a');
    group.remove('a');
    assert.equal(group.leaderId, 'b');
    group.remove('b');
    group.remove('c');
    assert.equal(group.leaderId, null);
  });

  test('every member awaiting join and no pending member means all have joined', () => {
    const group = groupOf(member('a', 'range'));
    assert.equal(group.hasAllMembersJoined, true);
    group.addPendingMember('p', null);
    assert.equal(group.hasAllMembersJoined, false);
    group.removePendingMember('p');
    group.setJoinWaiter(group.get('a'), null);
    assert.equal(group.hasAllMembersJoined, false);
    assert.deepEqual(group.notYetRejoinedMembers().map((m) => m.memberId), ['a']);
  });

  test('state transitions follow Kafka', () => {
    const group = new ConsumerGroup('g');
    assert.throws(() => group.transitionTo('Stable'));
    group.transitionTo('PreparingRebalance');
    assert.throws(() => group.transitionTo('Stable'));
    group.transitionTo('Empty');
    group.transitionTo('Dead');
    assert.equal(group.canRebalance, false);
  });
});
