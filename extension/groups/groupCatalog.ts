// What the Consumer Groups view shows, read through the Kafka protocol: each group's state and
// members (with their assigned partitions) and, per committed partition, the committed offset, the
// end offset (high watermark) and the lag between them. No VS Code here, so it is unit-tested.

import type { Admin } from '@platformatic/kafka';
import { decodeAssignment } from '../../broker/group/consumerProtocol.js';

export interface GroupMemberView {
  memberId: string;
  clientId: string;
  clientHost: string;
  groupInstanceId: string | null;
  /** "topic-partition" names, sorted. */
  partitions: string[];
}

export interface PartitionLag {
  topic: string;
  partition: number;
  /** -1 when nothing is committed. */
  committed: bigint;
  endOffset: bigint;
  /** null when nothing is committed or the end offset is unknown. */
  lag: bigint | null;
}

export interface GroupView {
  groupId: string;
  state: string;
  protocolType: string;
  members: GroupMemberView[];
  partitions: PartitionLag[];
  /** Sum of the known lags. */
  totalLag: bigint;
}

/** The admin calls this module needs, as @platformatic/kafka's Admin offers them. */
export type GroupsAdmin = Pick<Admin, 'listGroups' | 'describeGroups' | 'listConsumerGroupOffsets' | 'listOffsets'>;

/** Kafka's lag: the high watermark minus the committed offset, never negative; unknown without a commit. */
export function lagOf(committed: bigint, endOffset: bigint): bigint | null {
  if (committed < 0n || endOffset < 0n) return null;
  return endOffset > committed ? endOffset - committed : 0n;
}

const LATEST = -1n;

/** Reads every group with its members and lag. Groups are sorted by id; partitions by topic, partition. */
export async function describeGroupViews(admin: GroupsAdmin): Promise<GroupView[]> {
  const listed = [...(await admin.listGroups()).values()];
  if (listed.length === 0) return [];
  const ids = listed.map((g) => g.id).sort();
  const described = await admin.describeGroups({ groups: ids });
  const offsets = await admin.listConsumerGroupOffsets({ groups: ids });
  const committedByGroup = new Map(offsets.map((g) => [g.groupId, g.topics]));

  const wanted = new Map<string, Set<number>>();
  for (const group of offsets) {
    for (const topic of group.topics) {
      const set = wanted.get(topic.name) ?? new Set<number>();
      for (const p of topic.partitions) set.add(p.partitionIndex);
      wanted.set(topic.name, set);
    }
  }
  const endOffsets = await latestOffsets(admin, wanted);

  return ids.map((groupId): GroupView => {
    const base = listed.find((g) => g.id === groupId);
    const group = described.get(groupId);
    const members = [...(group?.members.values() ?? [])].map((m): GroupMemberView => {
      const partitions: string[] = [];
      for (const a of m.assignments?.values() ?? []) for (const p of a.partitions) partitions.push(`${a.topic}-${p}`);
      return { memberId: m.id, clientId: m.clientId, clientHost: m.clientHost, groupInstanceId: m.groupInstanceId ?? null, partitions: partitions.sort() };
    });
    const partitions: PartitionLag[] = [];
    for (const topic of committedByGroup.get(groupId) ?? []) {
      for (const p of topic.partitions) {
        if (p.committedOffset < 0n) continue;
        const endOffset = endOffsets.get(`${topic.name}\u0000${p.partitionIndex}`) ?? -1n;
        partitions.push({ topic: topic.name, partition: p.partitionIndex, committed: p.committedOffset, endOffset, lag: lagOf(p.committedOffset, endOffset) });
      }
    }
    partitions.sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
    const totalLag = partitions.reduce((sum, p) => sum + (p.lag ?? 0n), 0n);
    return {
      groupId,
      state: String(group?.state ?? base?.state ?? 'UNKNOWN'),
      protocolType: group?.protocolType ?? base?.protocolType ?? '',
      members,
      partitions,
      totalLag,
    };
  });
}

/** Offsets by "topic\0partition" for `timestamp` (-1 latest, -2 earliest, else ms since the epoch). */
export async function offsetsAt(admin: Pick<Admin, 'listOffsets'>, partitions: ReadonlyMap<string, ReadonlySet<number>>, timestamp: bigint): Promise<Map<string, bigint>> {
  const result = new Map<string, bigint>();
  if (partitions.size === 0) return result;
  const listed = await admin.listOffsets({
    topics: [...partitions].map(([name, set]) => ({ name, partitions: [...set].map((partitionIndex) => ({ partitionIndex, timestamp })) })),
  });
  for (const topic of listed) {
    for (const p of topic.partitions) result.set(`${topic.name}\u0000${p.partitionIndex}`, p.offset);
  }
  return result;
}

function latestOffsets(admin: GroupsAdmin, partitions: ReadonlyMap<string, ReadonlySet<number>>): Promise<Map<string, bigint>> {
  return offsetsAt(admin, partitions, LATEST);
}

/** Decodes a raw consumer-protocol assignment into "topic-partition" names; [] when unreadable. */
export function assignedPartitionNames(assignment: Buffer): string[] {
  const decoded = decodeAssignment(assignment);
  if (decoded === null) return [];
  return decoded.partitions.flatMap((tp) => tp.partitions.map((p) => `${tp.topic}-${p}`)).sort();
}

/** A short state word as Kafka tools print it ("Stable", "Empty", ...), whatever the client's casing. */
export function stateLabel(state: string): string {
  const words: Record<string, string> = {
    STABLE: 'Stable',
    EMPTY: 'Empty',
    PREPARINGREBALANCE: 'Preparing rebalance',
    COMPLETINGREBALANCE: 'Completing rebalance',
    DEAD: 'Dead',
  };
  return words[normalState(state)] ?? state;
}

function normalState(state: string): string {
  return state.toUpperCase().replace(/_/g, '');
}

/** Whether a group has members, so resetting or deleting it must be refused. */
export function isActive(group: Pick<GroupView, 'state' | 'members'>): boolean {
  return group.members.length > 0 || !['EMPTY', 'DEAD'].includes(normalState(group.state));
}
