// The keys and values of `__consumer_offsets` records, in Kafka's layouts (offset commit key v1,
// value v3; group metadata key v2, value v3), so tools that read Kafka's offsets topic read ours.

import { Reader } from '../protocol/reader.js';
import { Writer } from '../protocol/writer.js';
import type { CommittedOffset } from './offsetStore.js';

const OFFSET_COMMIT_KEY_VERSION = 1;
const GROUP_METADATA_KEY_VERSION = 2;
const OFFSET_COMMIT_VALUE_VERSION = 3;
const GROUP_METADATA_VALUE_VERSION = 3;

export interface StoredMember {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  rebalanceTimeoutMs: number;
  sessionTimeoutMs: number;
  /** The member's metadata for the selected protocol. */
  subscription: Buffer;
  assignment: Buffer;
}

/** A group as written after each completed rebalance: what a restarted coordinator starts from. */
export interface StoredGroup {
  groupId: string;
  protocolType: string;
  generationId: number;
  protocolName: string | null;
  leaderId: string | null;
  stateTimestampMs: number;
  members: StoredMember[];
}

export type OffsetsTopicKey =
  | { kind: 'offset'; groupId: string; topic: string; partition: number }
  | { kind: 'group'; groupId: string };

export function encodeOffsetKey(groupId: string, topic: string, partition: number): Buffer {
  return new Writer().int16(OFFSET_COMMIT_KEY_VERSION).string(groupId).string(topic).int32(partition).toBuffer();
}

export function encodeGroupKey(groupId: string): Buffer {
  return new Writer().int16(GROUP_METADATA_KEY_VERSION).string(groupId).toBuffer();
}

/** Null for key versions this broker does not know (they are skipped, not fatal). */
export function decodeKey(key: Buffer): OffsetsTopicKey | null {
  const r = new Reader(key);
  const version = r.int16();
  if (version === 0 || version === 1) {
    const groupId = r.string();
    const topic = r.string();
    return { kind: 'offset', groupId, topic, partition: r.int32() };
  }
  if (version === GROUP_METADATA_KEY_VERSION) return { kind: 'group', groupId: r.string() };
  return null;
}

export function encodeOffsetValue(o: CommittedOffset): Buffer {
  return new Writer()
    .int16(OFFSET_COMMIT_VALUE_VERSION)
    .int64(o.offset)
    .int32(o.leaderEpoch)
    .string(o.metadata)
    .int64(BigInt(o.commitTimestampMs))
    .toBuffer();
}

export function decodeOffsetValue(value: Buffer): CommittedOffset {
  const r = new Reader(value);
  const version = r.int16();
  const offset = r.int64();
  // v3 added the leader epoch; v1 carried an expire timestamp after the commit timestamp.
  const leaderEpoch = version >= 3 ? r.int32() : -1;
  const metadata = r.string();
  const commitTimestampMs = Number(r.int64());
  return { offset, leaderEpoch, metadata, commitTimestampMs };
}

export function encodeGroupValue(g: StoredGroup): Buffer {
  const w = new Writer()
    .int16(GROUP_METADATA_VALUE_VERSION)
    .string(g.protocolType)
    .int32(g.generationId)
    .nullableString(g.protocolName)
    .nullableString(g.leaderId)
    .int64(BigInt(g.stateTimestampMs))
    .int32(g.members.length);
  for (const m of g.members) {
    w.string(m.memberId)
      .nullableString(m.groupInstanceId)
      .string(m.clientId)
      .string(m.clientHost)
      .int32(m.rebalanceTimeoutMs)
      .int32(m.sessionTimeoutMs)
      .nullableBytes(m.subscription)
      .nullableBytes(m.assignment);
  }
  return w.toBuffer();
}

export function decodeGroupValue(groupId: string, value: Buffer): StoredGroup {
  const r = new Reader(value);
  const version = r.int16();
  if (version < 0 || version > GROUP_METADATA_VALUE_VERSION) throw new Error(`unknown group metadata version ${version}`);
  const protocolType = r.string();
  const generationId = r.int32();
  const protocolName = r.nullableString();
  const leaderId = r.nullableString();
  const stateTimestampMs = version >= 2 ? Number(r.int64()) : -1;
  const count = r.int32();
  const members: StoredMember[] = [];
  for (let i = 0; i < count; i++) {
    const memberId = r.string();
    const groupInstanceId = version >= 3 ? r.nullableString() : null;
    const clientId = r.string();
    const clientHost = r.string();
    const rebalanceTimeoutMs = version >= 1 ? r.int32() : -1;
    const sessionTimeoutMs = r.int32();
    const subscription = Buffer.from(r.nullableBytes() ?? Buffer.alloc(0));
    const assignment = Buffer.from(r.nullableBytes() ?? Buffer.alloc(0));
    members.push({ memberId, groupInstanceId, clientId, clientHost, rebalanceTimeoutMs, sessionTimeoutMs, subscription, assignment });
  }
  return { groupId, protocolType, generationId, protocolName, leaderId, stateTimestampMs, members };
}
