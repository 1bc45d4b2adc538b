// The coordinator on the system clock with short timeouts: the initial delay, a session timeout and
// the resulting empty group happen for real, waited on by condition rather than by fixed sleeps.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { GroupCoordinator } from '../../../../broker/group/groupCoordinator.js';
import { ErrorCode } from '../../../../broker/protocol/errors.js';
import { joinParams } from './groupTestKit.js';

async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const coordinator = new GroupCoordinator({
  partitionExists: () => true,
  initialRebalanceDelayMs: 20,
  minSessionTimeoutMs: 10,
});
after(() => coordinator.close());

test('with real timers a member joins after the initial delay and is evicted when it stops heartbeating', async () => {
  const params = joinParams({ clientId: 'real', sessionTimeoutMs: 100, rebalanceTimeoutMs: 1000 });
  const first = await coordinator.joinGroup(params);
  assert.equal(first.errorCode, ErrorCode.MEMBER_ID_REQUIRED);
  assert.match(first.memberId, /^real-[0-9a-f-]{36}$/);
  const joined = await coordinator.joinGroup({ ...params, memberId: first.memberId });
  assert.equal(joined.errorCode, ErrorCode.NONE);
  const synced = await coordinator.syncGroup({
    groupId: 'g',
    generationId: joined.generationId,
    memberId: joined.memberId,
    assignments: [{ memberId: joined.memberId, assignment: Buffer.from('a') }],
  });
  assert.equal(synced.errorCode, ErrorCode.NONE);
  assert.equal(coordinator.describeGroup('g').state, 'Stable');

  await waitFor('the silent member to be evicted', () => coordinator.describeGroup('g').state === 'Empty');
  assert.equal(coordinator.describeGroup('g').generationId, 2);
  assert.equal(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: joined.memberId }), ErrorCode.UNKNOWN_MEMBER_ID);
});
