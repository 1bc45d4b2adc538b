// Reading (and, for tests, writing) the "consumer" protocol's opaque bytes: a member's subscription in
// JoinGroup and its assignment in SyncGroup. The coordinator needs subscribed topics for OffsetDelete;
// the explorer shows assigned partitions.

import { Reader } from '../protocol/reader.js';
import { Writer } from '../protocol/writer.js';

export const CONSUMER_PROTOCOL_TYPE = 'consumer';

export interface TopicPartitions {
  topic: string;
  partitions: number[];
}

export interface ConsumerSubscription {
  version: number;
  topics: string[];
  userData: Buffer | null;
  ownedPartitions: TopicPartitions[];
}

export interface ConsumerAssignment {
  version: number;
  partitions: TopicPartitions[];
  userData: Buffer | null;
}

function readTopicPartitions(r: Reader): TopicPartitions[] {
  const count = r.int32();
  const result: TopicPartitions[] = [];
  for (let i = 0; i < count; i++) {
    const topic = r.string();
    const n = r.int32();
    const partitions: number[] = [];
    for (let j = 0; j < n; j++) partitions.push(r.int32());
    result.push({ topic, partitions });
  }
  return result;
}

/** Null when the bytes are not a consumer subscription (another protocol type, or corrupt). */
export function decodeSubscription(bytes: Buffer): ConsumerSubscription | null {
  try {
    const r = new Reader(bytes);
    const version = r.int16();
    if (version < 0) return null;
    const count = r.int32();
    const topics: string[] = [];
    for (let i = 0; i < count; i++) topics.push(r.string());
    const userData = r.nullableBytes();
    // Later fields are optional in practice: clients of newer versions are read by their common prefix.
    const ownedPartitions = version >= 1 && r.remaining > 0 ? readTopicPartitions(r) : [];
    return { version, topics, userData, ownedPartitions };
  } catch {
    return null;
  }
}

/** An empty buffer is the empty assignment (a member the leader gave nothing); null means unreadable. */
export function decodeAssignment(bytes: Buffer): ConsumerAssignment | null {
  if (bytes.length === 0) return { version: 0, partitions: [], userData: null };
  try {
    const r = new Reader(bytes);
    const version = r.int16();
    if (version < 0) return null;
    const partitions = readTopicPartitions(r);
    const userData = r.remaining > 0 ? r.nullableBytes() : null;
    return { version, partitions, userData };
  } catch {
    return null;
  }
}

export function encodeSubscription(topics: readonly string[], userData: Buffer | null = null): Buffer {
  const w = new Writer().int16(0).int32(topics.length);
  for (const t of topics) w.string(t);
  return w.nullableBytes(userData).toBuffer();
}

export function encodeAssignment(partitions: readonly TopicPartitions[], userData: Buffer | null = null): Buffer {
  const w = new Writer().int16(0).int32(partitions.length);
  for (const tp of partitions) {
    w.string(tp.topic).int32(tp.partitions.length);
    for (const p of tp.partitions) w.int32(p);
  }
  return w.nullableBytes(userData).toBuffer();
}
