// Leader and ISR decisions for one partition, as pure functions over PartitionState: fencing a broker,
// a broker's return, preferred-leader election and a leader's ISR change request (AlterPartition).

import { ErrorCode } from '../protocol/errors.js';
import type { PartitionState } from './metadataImage.js';

export interface AlterPartitionRequest {
  readonly topic: string;
  readonly partition: number;
  readonly leaderId: number;
  readonly leaderEpoch: number;
  readonly partitionEpoch: number;
  readonly newIsr: readonly number[];
}

/** What the controller answers a leader's ISR change: the error, and the partition as it now stands. */
export interface AlterPartitionResult {
  readonly errorCode: number;
  readonly state: PartitionState | null;
}

function withLeader(p: PartitionState, leader: number, isr: readonly number[]): PartitionState {
  return { ...p, leader, leaderEpoch: p.leaderEpoch + 1, partitionEpoch: p.partitionEpoch + 1, isr };
}

/**
 * The partition after `fenced` leaves the cluster: it drops out of the ISR (unless it is the last
 * member: like Kafka, the ISR keeps its last member so that broker can lead again when it returns),
 * and if it led, the first live ISR member in replica order leads. With none, the partition goes
 * leaderless, or with unclean election any live replica leads and becomes the whole ISR.
 */
export function fenceReplica(p: PartitionState, fenced: number, live: ReadonlySet<number>, unclean: boolean): PartitionState {
  if (!p.replicas.includes(fenced)) return p;
  const remaining = p.isr.filter((id) => id !== fenced);
  const isr = remaining.length > 0 ? remaining : p.isr;
  if (p.leader !== fenced) {
    if (isr.length === p.isr.length) return p;
    return { ...p, isr, partitionEpoch: p.partitionEpoch + 1 };
  }
  const next = p.replicas.find((id) => id !== fenced && live.has(id) && isr.includes(id));
  if (next !== undefined) return withLeader(p, next, isr);
  if (unclean) {
    const anyLive = p.replicas.find((id) => id !== fenced && live.has(id));
    if (anyLive !== undefined) return withLeader(p, anyLive, [anyLive]);
  }
  return withLeader(p, -1, isr);
}

/**
 * The partition after `returned` rejoins: a leaderless partition gets a leader again if a live ISR
 * member exists (or, with unclean election, any live replica). A returning follower does not enter the
 * ISR here: its leader adds it once it has caught up.
 */
export function electForLeaderless(p: PartitionState, live: ReadonlySet<number>, unclean: boolean): PartitionState {
  if (p.leader !== -1) return p;
  const clean = p.replicas.find((id) => live.has(id) && p.isr.includes(id));
  if (clean !== undefined) return withLeader(p, clean, p.isr);
  if (unclean) {
    const anyLive = p.replicas.find((id) => live.has(id));
    if (anyLive !== undefined) return withLeader(p, anyLive, [anyLive]);
  }
  return p;
}

/** Leadership moves back to the first replica when it is live, in the ISR and not leading. */
export function electPreferred(p: PartitionState, live: ReadonlySet<number>): PartitionState {
  const preferred = p.replicas[0];
  if (preferred === undefined || p.leader === preferred || !live.has(preferred) || !p.isr.includes(preferred)) return p;
  return withLeader(p, preferred, p.isr);
}

/** Kafka's AlterPartition checks, then the new ISR with the partition epoch bumped. */
export function alterIsr(p: PartitionState, req: AlterPartitionRequest, live: ReadonlySet<number>): AlterPartitionResult {
  if (req.leaderEpoch < p.leaderEpoch) return { errorCode: ErrorCode.FENCED_LEADER_EPOCH, state: p };
  if (req.leaderEpoch > p.leaderEpoch) return { errorCode: ErrorCode.NOT_CONTROLLER, state: p };
  if (req.leaderId !== p.leader) return { errorCode: ErrorCode.INVALID_REQUEST, state: p };
  if (req.partitionEpoch !== p.partitionEpoch) return { errorCode: ErrorCode.INVALID_UPDATE_VERSION, state: p };
  const newIsr = [...new Set(req.newIsr)];
  if (!newIsr.includes(p.leader) || newIsr.some((id) => !p.replicas.includes(id))) {
    return { errorCode: ErrorCode.INVALID_REQUEST, state: p };
  }
  if (newIsr.some((id) => !p.isr.includes(id) && !live.has(id))) return { errorCode: ErrorCode.INELIGIBLE_REPLICA, state: p };
  const ordered = p.replicas.filter((id) => newIsr.includes(id));
  if (ordered.length === p.isr.length && ordered.every((id) => p.isr.includes(id))) return { errorCode: ErrorCode.NONE, state: p };
  return { errorCode: ErrorCode.NONE, state: { ...p, isr: ordered, partitionEpoch: p.partitionEpoch + 1 } };
}
