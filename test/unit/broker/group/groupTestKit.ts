// Shared steps for coordinator tests: a coordinator on a manual clock, and members that join the way
// a JoinGroup v4+ client does (MEMBER_ID_REQUIRED first, then the real join).

import assert from 'node:assert/strict';
import { GroupCoordinator, type GroupCoordinatorOptions } from '../../../../broker/group/groupCoordinator.js';
import type { GroupProtocol, JoinGroupParams, JoinGroupResult } from '../../../../broker/group/groupTypes.js';
import { ErrorCode } from '../../../../broker/protocol/errors.js';
import { ManualClock } from './manualClock.js';

export const SESSION_MS = 10_000;
export const REBALANCE_MS = 30_000;
export const INITIAL_DELAY_MS = 100;

export function newCoordinator(options: Partial<GroupCoordinatorOptions> = {}): { coordinator: GroupCoordinator; clock: ManualClock } {
  const clock = new ManualClock();
  let n = 0;
  const coordinator = new GroupCoordinator({
    partitionExists: (topic, partition) => topic.startsWith('t') && partition >= 0 && partition < 4,
    clock,
    initialRebalanceDelayMs: INITIAL_DELAY_MS,
    minSessionTimeoutMs: 10,
    newMemberId: (clientId) => `${clientId}-${++n}`,
    ...options,
  });
  return { coordinator, clock };
}

export function protocols(...names: string[]): GroupProtocol[] {
  return names.map((name) => ({ name, metadata: Buffer.from(`meta:${name}`) }));
}

export function joinParams(overrides: Partial<JoinGroupParams> = {}): JoinGroupParams {
  return {
    groupId: 'g',
    memberId: '',
    groupInstanceId: null,
    clientId: 'client',
    clientHost: '/127.0.0.1',
    sessionTimeoutMs: SESSION_MS,
    rebalanceTimeoutMs: REBALANCE_MS,
    protocolType: 'consumer',
    protocols: protocols('range'),
    requireKnownMemberId: true,
    ...overrides,
  };
}

/** Gets a member id with MEMBER_ID_REQUIRED, then sends the real join; returns its parked promise. */
export async function joinAsNewMember(
  coordinator: GroupCoordinator,
  overrides: Partial<JoinGroupParams> = {},
): Promise<{ memberId: string; joined: Promise<JoinGroupResult> }> {
  const first = await coordinator.joinGroup(joinParams(overrides));
  assert.equal(first.errorCode, ErrorCode.MEMBER_ID_REQUIRED);
  assert.notEqual(first.memberId, '');
  return { memberId: first.memberId, joined: coordinator.joinGroup(joinParams({ ...overrides, memberId: first.memberId })) };
}

/** Whether a promise has settled, without waiting for it. */
export async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  const marker = Symbol('pending');
  const winner = await Promise.race([promise.then(() => true), new Promise((resolve) => setImmediate(() => resolve(marker)))]);
  return winner !== marker;
}
