// Builders for the coordinator's error replies, shaped as Kafka shapes them (generation -1, no
// protocol, empty leader), so every failure path answers the same way.

import type { JoinGroupResult, SyncGroupResult } from './groupTypes.js';

export const NO_GENERATION = -1;
export const UNKNOWN_MEMBER = '';

export function joinError(memberId: string, errorCode: number): JoinGroupResult {
  return {
    errorCode,
    generationId: NO_GENERATION,
    protocolType: null,
    protocolName: null,
    leader: UNKNOWN_MEMBER,
    skipAssignment: false,
    memberId,
    members: [],
  };
}

export function syncError(errorCode: number): SyncGroupResult {
  return { errorCode, protocolType: null, protocolName: null, assignment: Buffer.alloc(0) };
}
