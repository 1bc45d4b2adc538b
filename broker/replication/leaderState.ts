// What a leader knows about its followers for one partition: each follower's log end (its fetch
// offset) and when it was last caught up, the ISR the controller committed, and the ISR changes to ask for.

export interface FollowerProgress {
  /** The follower's log end offset, from its latest fetch; -1 until it fetches in this leader epoch. */
  logEndOffset: bigint;
  /** When the follower last held everything the leader had (Kafka's lastCaughtUpTimeMs). */
  lastCaughtUpMs: number;
  lastFetchMs: number;
  /** The leader's log end at the follower's previous fetch. */
  leaderEndAtLastFetch: bigint;
}

export interface CommittedIsr {
  readonly isr: readonly number[];
  readonly partitionEpoch: number;
}

export class LeaderPartitionState {
  private readonly followers = new Map<number, FollowerProgress>();
  private committed: CommittedIsr;
  /** The ISR asked of the controller and not yet answered; counts for the HW while it may be committed. */
  private requested: readonly number[] | null = null;

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly leaderId: number,
    readonly leaderEpoch: number,
    readonly replicas: readonly number[],
    committed: CommittedIsr,
    /** The log end when this epoch began: a follower must reach it before it may join the ISR. */
    readonly epochStartOffset: bigint,
    now: number,
  ) {
    this.committed = committed;
    for (const id of replicas) {
      if (id !== leaderId) this.followers.set(id, { logEndOffset: -1n, lastCaughtUpMs: now, lastFetchMs: now, leaderEndAtLastFetch: -1n });
    }
  }

  get isr(): readonly number[] {
    return this.committed.isr;
  }

  get partitionEpoch(): number {
    return this.committed.partitionEpoch;
  }

  get alterInFlight(): boolean {
    return this.requested !== null;
  }

  follower(id: number): Readonly<FollowerProgress> | undefined {
    return this.followers.get(id);
  }

  /** A newer committed ISR (from a metadata image or an AlterPartition answer); older ones are ignored. */
  commit(next: CommittedIsr): void {
    if (next.partitionEpoch >= this.committed.partitionEpoch) this.committed = next;
  }

  /** Marks an AlterPartition as sent; `null` when it was answered (either way). */
  setRequested(isr: readonly number[] | null): void {
    this.requested = isr;
  }

  /**
   * A follower fetched from `fetchOffset` while the leader's durable end was `leaderEnd`. Like Kafka, it
   * is caught up now if it asked for the leader's end, or as of its previous fetch if it reached what
   * the leader had then.
   */
  recordFetch(replicaId: number, fetchOffset: bigint, leaderEnd: bigint, now: number): void {
    const f = this.followers.get(replicaId);
    if (!f) return;
    if (fetchOffset >= leaderEnd) f.lastCaughtUpMs = now;
    else if (f.leaderEndAtLastFetch >= 0n && fetchOffset >= f.leaderEndAtLastFetch) f.lastCaughtUpMs = Math.max(f.lastCaughtUpMs, f.lastFetchMs);
    f.logEndOffset = fetchOffset;
    f.leaderEndAtLastFetch = leaderEnd;
    f.lastFetchMs = now;
  }

  /**
   * The HW the ISR allows: the least log end among ISR members, counting a requested ISR too (Kafka's
   * "maximal ISR"), so a replica about to join can never be elected without what consumers have seen.
   */
  highWatermarkBound(localEnd: bigint): bigint {
    let bound = localEnd;
    const members = new Set([...this.committed.isr, ...(this.requested ?? [])]);
    for (const id of members) {
      if (id === this.leaderId) continue;
      const f = this.followers.get(id);
      if (!f) continue;
      if (f.logEndOffset < bound) bound = f.logEndOffset;
    }
    return bound;
  }

  /** ISR members (not the leader) that have not been caught up for longer than `lagMaxMs`. */
  laggingMembers(now: number, lagMaxMs: number): number[] {
    return this.committed.isr.filter((id) => {
      if (id === this.leaderId) return false;
      const f = this.followers.get(id);
      return f !== undefined && now - f.lastCaughtUpMs > lagMaxMs;
    });
  }

  /** A follower outside the ISR that holds everything up to the HW and this epoch's start may join it. */
  mayJoinIsr(replicaId: number, highWatermark: bigint): boolean {
    const f = this.followers.get(replicaId);
    if (!f || this.committed.isr.includes(replicaId)) return false;
    return f.logEndOffset >= 0n && f.logEndOffset >= highWatermark && f.logEndOffset >= this.epochStartOffset;
  }
}
