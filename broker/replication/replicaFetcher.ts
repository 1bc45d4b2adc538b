// A follower's fetch loop towards one leader broker: sends Fetch v12 with this broker's replica id for
// every partition it follows there, appends the returned batches as they are, takes the leader's HW,
// and truncates a diverged tail when the leader answers with a diverging epoch.

import type { Logger } from '../logger.js';
import type { PartitionLog } from '../log/partitionLog.js';
import { FetchApi, type FetchRequest, type FetchResponse } from '../protocol/apis/fetch.js';
import { ErrorCode } from '../protocol/errors.js';
import { BrokerClient } from './brokerClient.js';

/** v12: topics by name, replica id in the body, last fetched epoch and diverging epoch answers. */
const FETCH_VERSION = 12;
const RETRY_BACKOFF_MS = 100;

export interface FollowedPartition {
  readonly topic: string;
  readonly partition: number;
  readonly log: PartitionLog;
  /** The leader epoch this replica follows in; the leader refuses fetches from another epoch. */
  readonly leaderEpoch: number;
}

export interface ReplicaFetcherOptions {
  readonly nodeId: number;
  readonly leaderId: number;
  /** The leader's listener, or undefined while it is offline. */
  readonly endpoint: () => { host: string; port: number } | undefined;
  readonly maxWaitMs: number;
  readonly maxBytes: number;
  readonly partitionMaxBytes: number;
  readonly log: Logger;
}

function key(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

function recordsOf(records: FetchResponse['responses'][number]['partitions'][number]['records']): Buffer | null {
  if (records === null) return null;
  if (Buffer.isBuffer(records)) return records.length > 0 ? records : null;
  const list = records as readonly Buffer[];
  return list.length > 0 ? Buffer.concat(list) : null;
}

/**
 * Whether a fetched record set may be stored without a copy. A large response frame has its own memory
 * (FrameReader allocates it), and the log keeping it costs nothing extra; a small one may be a slice of
 * a socket read shared with other frames, and keeping a 100-byte batch must not pin a 64 KB read. So:
 * keep it when it is at least half of the memory it lives in.
 */
export function mayKeepFetchedBytes(records: Buffer): boolean {
  return records.byteLength * 2 >= records.buffer.byteLength;
}

export class ReplicaFetcher {
  private readonly partitions = new Map<string, FollowedPartition>();
  private client: BrokerClient | undefined;
  private stopped = false;
  private running: Promise<void> | undefined;
  private wakeIdle: (() => void) | undefined;
  private sleepTimer: NodeJS.Timeout | undefined;
  private lastError = '';

  constructor(private readonly options: ReplicaFetcherOptions) {}

  get size(): number {
    return this.partitions.size;
  }

  has(topic: string, partition: number, leaderEpoch: number): boolean {
    return this.partitions.get(key(topic, partition))?.leaderEpoch === leaderEpoch;
  }

  add(p: FollowedPartition): void {
    this.partitions.set(key(p.topic, p.partition), p);
    this.running ??= this.run();
    this.wakeIdle?.();
  }

  remove(topic: string, partition: number): void {
    this.partitions.delete(key(topic, partition));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.client?.close();
    this.wakeIdle?.();
    if (this.sleepTimer) clearTimeout(this.sleepTimer);
    await this.running;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      if (this.partitions.size === 0) {
        await new Promise<void>((resolve) => (this.wakeIdle = resolve));
        this.wakeIdle = undefined;
        continue;
      }
      try {
        const progressed = await this.fetchOnce();
        if (!progressed) await this.sleep(RETRY_BACKOFF_MS);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        // A dead leader fails every 100 ms until the controller moves on: say it once per cause.
        if (!this.stopped && message !== this.lastError) this.options.log.warn(`fetch from broker ${this.options.leaderId} failed: ${message}`);
        this.lastError = message;
        this.client?.close();
        this.client = undefined;
        await this.sleep(RETRY_BACKOFF_MS);
      }
    }
    this.client?.close();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wakeIdle = () => resolve();
      this.sleepTimer = setTimeout(resolve, ms);
    }).then(() => {
      this.wakeIdle = undefined;
    });
  }

  private async connection(): Promise<BrokerClient> {
    if (this.client?.isOpen) return this.client;
    const at = this.options.endpoint();
    if (!at) throw new Error(`leader ${this.options.leaderId} is offline`);
    this.client = await BrokerClient.connect(at.host, at.port, `replica-fetcher-${this.options.nodeId}`);
    return this.client;
  }

  /** One Fetch round; false when nothing could be done (errors everywhere), so the loop backs off. */
  private async fetchOnce(): Promise<boolean> {
    const client = await this.connection();
    const sent = new Set(this.partitions.values());
    const byTopic = new Map<string, FollowedPartition[]>();
    for (const p of sent) {
      const list = byTopic.get(p.topic);
      if (list) list.push(p);
      else byTopic.set(p.topic, [p]);
    }
    const request: FetchRequest = {
      ...FetchApi.request.empty(),
      replicaId: this.options.nodeId,
      maxWaitMs: this.options.maxWaitMs,
      minBytes: 1,
      maxBytes: this.options.maxBytes,
      isolationLevel: 0,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [...byTopic].map(([topic, list]) => ({
        ...FetchApi.request.empty().topics[0],
        topic,
        topicId: '',
        partitions: list.map((p) => ({
          partition: p.partition,
          currentLeaderEpoch: p.leaderEpoch,
          fetchOffset: p.log.durableLogEndOffset,
          lastFetchedEpoch: p.log.latestEpoch,
          logStartOffset: p.log.logStartOffset,
          partitionMaxBytes: this.options.partitionMaxBytes,
          replicaDirectoryId: '00000000000000000000000000000000',
        })),
      })),
      forgottenTopicsData: [],
      rackId: '',
    };
    const response = await client.request(FetchApi, FETCH_VERSION, request);
    this.lastError = '';
    if (response.errorCode !== ErrorCode.NONE) return false;
    let progressed = false;
    for (const t of response.responses) {
      for (const r of t.partitions) {
        const p = this.partitions.get(key(t.topic, r.partitionIndex));
        // Dropped or re-followed in another epoch while the fetch was out: this answer is stale for it.
        if (!p || !sent.has(p)) continue;
        if (await this.apply(p, r)) progressed = true;
      }
    }
    return progressed;
  }

  private async apply(p: FollowedPartition, r: FetchResponse['responses'][number]['partitions'][number]): Promise<boolean> {
    const { log } = p;
    if (r.errorCode !== ErrorCode.NONE) {
      if (r.errorCode === ErrorCode.OFFSET_OUT_OF_RANGE && r.highWatermark >= 0n && log.durableLogEndOffset > r.highWatermark) {
        await log.truncateTo(r.highWatermark);
        return true;
      }
      return false;
    }
    if (r.divergingEpoch.endOffset >= 0n) {
      const own = log.leaderEpochs.endOffsetFor(r.divergingEpoch.epoch, -1, log.durableLogEndOffset);
      let to = r.divergingEpoch.endOffset;
      if (own.endOffset >= 0n && own.endOffset < to) to = own.endOffset;
      this.options.log.info(
        `${p.topic}-${p.partition}: leader ${this.options.leaderId} diverges after epoch ${r.divergingEpoch.epoch} at ${r.divergingEpoch.endOffset}; truncating to ${to}`,
      );
      await log.truncateTo(to);
      return true;
    }
    const records = recordsOf(r.records);
    if (records) {
      try {
        await log.appendAsFollower(records, mayKeepFetchedBytes(records));
      } catch (err) {
        this.options.log.warn(`${p.topic}-${p.partition}: replica append failed: ${err instanceof Error ? err.message : String(err)}`);
        return false;
      }
    }
    if (!log.isLeader) log.followLeaderHighWatermark(r.highWatermark);
    return true;
  }
}
