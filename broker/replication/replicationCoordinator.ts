// This broker's side of replication: on every metadata image it makes each hosted replica leader or
// follower (fetchers per leader broker, leader state per led partition), records followers' fetches,
// and asks the controller (AlterPartition) to shrink the ISR of laggards and expand it with caught-up followers.

import type { Logger } from '../logger.js';
import type { PartitionLog } from '../log/partitionLog.js';
import type { ReplicaManager } from '../log/replicaManager.js';
import { ErrorCode } from '../protocol/errors.js';
import type { ControllerChannel } from '../server/brokerServices.js';
import { LeaderPartitionState } from './leaderState.js';
import { ReplicaFetcher } from './replicaFetcher.js';

export interface ReplicationSettings {
  readonly nodeId: number;
  /** replica.lag.time.max.ms: a follower not caught up for this long leaves the ISR. */
  readonly replicaLagTimeMaxMs: number;
  /** replica.fetch.wait.max.ms: how long a follower's fetch waits at the leader for new data. */
  readonly replicaFetchWaitMaxMs: number;
}

/** What the Fetch and Produce handlers need from replication. */
export interface ReplicationService {
  /** Leader state of a partition this broker leads in the current image, if any. */
  leaderState(topic: string, partition: number): LeaderPartitionState | undefined;
  /** A follower fetched `fetchOffset` of a partition this broker leads. */
  onFollowerFetch(topic: string, partition: number, replicaId: number, fetchOffset: bigint): void;
}

const ALTER_BACKOFF_MS = 200;

function key(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

export class ReplicationCoordinator implements ReplicationService {
  private readonly leaders = new Map<string, { state: LeaderPartitionState; log: PartitionLog }>();
  /** Which fetcher (by leader id) follows each partition. */
  private readonly following = new Map<string, number>();
  private readonly fetchers = new Map<number, ReplicaFetcher>();
  private readonly unsubscribe: () => void;
  private readonly isrTimer: NodeJS.Timeout;
  private closed = false;
  /** After a refused or failed AlterPartition, the partition waits this long (for a newer image) before asking again. */
  private readonly alterBackoff = new Map<string, number>();

  constructor(
    private readonly settings: ReplicationSettings,
    private readonly replicas: ReplicaManager,
    private readonly controller: ControllerChannel,
    private readonly log: Logger,
  ) {
    this.unsubscribe = replicas.onChange(() => this.reconcile());
    this.isrTimer = setInterval(() => this.shrinkLaggards(), Math.max(20, Math.floor(settings.replicaLagTimeMaxMs / 2)));
    this.isrTimer.unref();
    this.reconcile();
  }

  leaderState(topic: string, partition: number): LeaderPartitionState | undefined {
    return this.leaders.get(key(topic, partition))?.state;
  }

  onFollowerFetch(topic: string, partition: number, replicaId: number, fetchOffset: bigint): void {
    const led = this.leaders.get(key(topic, partition));
    if (!led) return;
    led.state.recordFetch(replicaId, fetchOffset, led.log.durableLogEndOffset, Date.now());
    led.log.refreshHighWatermark();
    if (led.state.mayJoinIsr(replicaId, led.log.highWatermarkOffset)) this.alterIsr(led.state, led.log, [...led.state.isr, replicaId]);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    clearInterval(this.isrTimer);
    await Promise.all([...this.fetchers.values()].map((f) => f.stop()));
    this.fetchers.clear();
  }

  /** Applies the current image's roles to every hosted replica. */
  private reconcile(): void {
    const image = this.replicas.metadata;
    if (!image || this.closed) return;
    const seen = new Set<string>();
    const me = this.settings.nodeId;
    for (const topic of image.topics) {
      for (const p of topic.partitions) {
        if (!p.replicas.includes(me)) continue;
        const hosted = this.replicas.partition(topic.name, p.partition);
        if (!hosted) continue;
        const k = key(topic.name, p.partition);
        seen.add(k);
        const { log } = hosted;
        if (p.leader === me) {
          this.unfollow(k, topic.name, p.partition);
          const led = this.leaders.get(k);
          if (led && led.log === log && led.state.leaderEpoch === p.leaderEpoch) {
            led.state.commit({ isr: p.isr, partitionEpoch: p.partitionEpoch });
            log.refreshHighWatermark();
            continue;
          }
          const state = new LeaderPartitionState(
            topic.name, p.partition, me, p.leaderEpoch, p.replicas,
            { isr: p.isr, partitionEpoch: p.partitionEpoch }, log.logEndOffset, Date.now(),
          );
          this.leaders.set(k, { state, log });
          this.log.info(`${topic.name}-${p.partition}: leader in epoch ${p.leaderEpoch}, ISR [${p.isr.join(',')}]`);
          void log.becomeLeader(p.leaderEpoch, (localEnd) => state.highWatermarkBound(localEnd));
          continue;
        }
        this.leaders.delete(k);
        if (p.leader < 0) {
          this.unfollow(k, topic.name, p.partition);
          if (log.isLeader || log.leaderEpoch !== p.leaderEpoch) void log.becomeFollower(p.leaderEpoch);
          continue;
        }
        const current = this.following.get(k);
        if (current === p.leader && this.fetchers.get(p.leader)?.has(topic.name, p.partition, p.leaderEpoch)) continue;
        this.unfollow(k, topic.name, p.partition);
        void log.becomeFollower(p.leaderEpoch);
        this.fetcherFor(p.leader).add({ topic: topic.name, partition: p.partition, log, leaderEpoch: p.leaderEpoch });
        this.following.set(k, p.leader);
      }
    }
    for (const k of [...this.leaders.keys()]) if (!seen.has(k)) this.leaders.delete(k);
    for (const [k, leaderId] of [...this.following]) {
      if (seen.has(k)) continue;
      const [topic, partition] = k.split('\u0000');
      this.fetchers.get(leaderId)?.remove(topic ?? '', Number(partition));
      this.following.delete(k);
    }
  }

  private unfollow(k: string, topic: string, partition: number): void {
    const leaderId = this.following.get(k);
    if (leaderId === undefined) return;
    this.fetchers.get(leaderId)?.remove(topic, partition);
    this.following.delete(k);
  }

  private fetcherFor(leaderId: number): ReplicaFetcher {
    let fetcher = this.fetchers.get(leaderId);
    if (!fetcher) {
      fetcher = new ReplicaFetcher({
        nodeId: this.settings.nodeId,
        leaderId,
        // Looked up per connection: a restarted leader may listen elsewhere.
        endpoint: () => this.replicas.metadata?.brokers.find((b) => b.nodeId === leaderId),
        maxWaitMs: this.settings.replicaFetchWaitMaxMs,
        maxBytes: 16 * 1024 * 1024,
        partitionMaxBytes: 4 * 1024 * 1024,
        log: this.log,
      });
      this.fetchers.set(leaderId, fetcher);
    }
    return fetcher;
  }

  private shrinkLaggards(): void {
    const now = Date.now();
    for (const { state, log } of this.leaders.values()) {
      const lagging = state.laggingMembers(now, this.settings.replicaLagTimeMaxMs);
      if (lagging.length > 0) this.alterIsr(state, log, state.isr.filter((id) => !lagging.includes(id)));
    }
  }

  /** Asks the controller for `newIsr`, one request per partition at a time; the answer is the new committed ISR. */
  private alterIsr(state: LeaderPartitionState, log: PartitionLog, newIsr: readonly number[]): void {
    const k = key(state.topic, state.partition);
    if (state.alterInFlight || this.closed || (this.alterBackoff.get(k) ?? 0) > Date.now()) return;
    const isr = [...new Set(newIsr)].sort((a, b) => a - b);
    state.setRequested(isr);
    this.log.info(`${state.topic}-${state.partition}: asking the controller to change the ISR [${state.isr.join(',')}] -> [${isr.join(',')}]`);
    this.controller
      .alterPartition({
        topic: state.topic,
        partition: state.partition,
        leaderId: state.leaderId,
        leaderEpoch: state.leaderEpoch,
        partitionEpoch: state.partitionEpoch,
        newIsr: isr,
      })
      .then(
        (reply) => {
          state.setRequested(null);
          if (reply.errorCode === ErrorCode.NONE && reply.state) {
            state.commit({ isr: reply.state.isr, partitionEpoch: reply.state.partitionEpoch });
          } else {
            this.alterBackoff.set(k, Date.now() + ALTER_BACKOFF_MS);
            this.log.info(`${state.topic}-${state.partition}: the controller refused the ISR change (error ${reply.errorCode})`);
          }
          log.refreshHighWatermark();
        },
        (err: unknown) => {
          state.setRequested(null);
          this.alterBackoff.set(k, Date.now() + ALTER_BACKOFF_MS);
          this.log.warn(`${state.topic}-${state.partition}: AlterPartition failed: ${err instanceof Error ? err.message : String(err)}`);
        },
      );
  }
}
