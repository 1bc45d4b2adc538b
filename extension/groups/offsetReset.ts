// Resetting a consumer group's committed offsets: working out the new offset of each chosen partition
// (earliest, latest, at a time, or a given offset kept within the log), describing the change for
// the confirmation, and committing it as an admin (which Kafka allows only for an Empty group).

import type { Admin } from '@platformatic/kafka';
import { offsetsAt } from './groupCatalog.js';

export type ResetTarget =
  | { kind: 'earliest' }
  | { kind: 'latest' }
  | { kind: 'timestamp'; timestampMs: number }
  | { kind: 'offset'; offset: bigint };

export interface TopicPartitionOffset {
  topic: string;
  partition: number;
  /** The committed offset now, -1 for none. */
  offset: bigint;
}

export interface PlannedReset {
  topic: string;
  partition: number;
  from: bigint;
  to: bigint;
}

const EARLIEST = -2n;
const LATEST = -1n;

function partitionSets(partitions: readonly TopicPartitionOffset[]): Map<string, Set<number>> {
  const byTopic = new Map<string, Set<number>>();
  for (const p of partitions) {
    const set = byTopic.get(p.topic) ?? new Set<number>();
    set.add(p.partition);
    byTopic.set(p.topic, set);
  }
  return byTopic;
}

const keyOf = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

/** The new offset of each partition; a time after the last record, or an offset past the end, means the end. */
export async function planReset(admin: Pick<Admin, 'listOffsets'>, partitions: readonly TopicPartitionOffset[], target: ResetTarget): Promise<PlannedReset[]> {
  const sets = partitionSets(partitions);
  const [earliest, latest] = await Promise.all([offsetsAt(admin, sets, EARLIEST), offsetsAt(admin, sets, LATEST)]);
  const atTime = target.kind === 'timestamp' ? await offsetsAt(admin, sets, BigInt(target.timestampMs)) : new Map<string, bigint>();
  return partitions.map((p) => {
    const key = keyOf(p.topic, p.partition);
    const start = earliest.get(key) ?? 0n;
    const end = latest.get(key) ?? start;
    let to: bigint;
    switch (target.kind) {
      case 'earliest':
        to = start;
        break;
      case 'latest':
        to = end;
        break;
      case 'timestamp': {
        const found = atTime.get(key) ?? -1n;
        to = found < 0n ? end : found;
        break;
      }
      case 'offset':
        to = target.offset < start ? start : target.offset > end ? end : target.offset;
        break;
    }
    return { topic: p.topic, partition: p.partition, from: p.offset, to };
  });
}

/** The confirmation text: which group, and each partition's offset before and after. */
export function describeReset(groupId: string, plan: readonly PlannedReset[]): string {
  const lines = plan.map((p) => `${p.topic}-${p.partition}: ${p.from < 0n ? 'none' : p.from.toString()} → ${p.to.toString()}`);
  const shown = lines.length > 12 ? [...lines.slice(0, 12), `… and ${lines.length - 12} more`] : lines;
  return `Reset the committed offsets of group "${groupId}" for ${plan.length} partition(s)?\n\n${shown.join('\n')}`;
}

export function applyReset(admin: Pick<Admin, 'alterConsumerGroupOffsets'>, groupId: string, plan: readonly PlannedReset[]): Promise<void> {
  const byTopic = new Map<string, Array<{ partition: number; offset: bigint }>>();
  for (const p of plan) {
    const list = byTopic.get(p.topic) ?? [];
    list.push({ partition: p.partition, offset: p.to });
    byTopic.set(p.topic, list);
  }
  return admin.alterConsumerGroupOffsets({ groupId, topics: [...byTopic].map(([name, partitionOffsets]) => ({ name, partitionOffsets })) });
}

/** Parses "2024-05-01T12:00:00Z", "2024-05-01 12:00" or milliseconds since the epoch; null if it is none of them. */
export function parseResetTime(text: string): number | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const ms = Date.parse(trimmed.replace(' ', 'T'));
  return Number.isNaN(ms) ? null : ms;
}
