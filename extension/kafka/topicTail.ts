// The live tail of one topic: reads the chosen partitions (all by default) from a chosen start (latest,
// earliest, an offset, a time, or exact offsets) with plain Fetch requests to each partition's leader,
// without joining a consumer group or committing anything, so looking leaves no trace on the cluster.

import { Consumer, type ClusterMetadata } from '@platformatic/kafka';
import type { ClientConnectionOptions } from '../connections/connectionConfig.js';
import { enableZstdDecoding } from './zstdCodec.js';
import type { TailRecord, TailStart } from '../../webview/protocol.js';
import { kafkaErrorText } from './kafkaErrorText.js';
import { TailCursor, type FetchedBatch } from '../tail/tailCursor.js';

export interface TopicTailListener {
  records(records: TailRecord[]): void;
  status(state: 'starting' | 'live' | 'paused' | 'error', error?: string): void;
}

export interface TopicTailOptions {
  /** Where reading begins in each partition; latest by default. */
  readonly from?: TailStart;
  /** The partitions to read; all (including ones added later) when null or absent. */
  readonly partitions?: readonly number[] | null;
  /** SASL, TLS and timeouts of the cluster, as its other clients use them. */
  readonly connection?: Partial<ClientConnectionOptions>;
}

/** Fetch v13 and later name topics by id, earlier versions by name. */
const FIRST_FETCH_VERSION_WITH_TOPIC_IDS = 13;
const LONG_POLL_MS = 500;
const PARTITION_MAX_BYTES = 1024 * 1024;
const RETRY_DELAY_MS = 1000;
const METADATA_REFRESH_MS = 10_000;
const READ_COMMITTED = 1;
const LATEST_TIMESTAMP = -1n;
const EARLIEST_TIMESTAMP = -2n;

interface PartitionPlan {
  readonly partition: number;
  readonly leader: number;
  readonly leaderEpoch: number;
}

interface TailPlan {
  /** How Fetch names this topic: its id or its name, depending on the Fetch version in use. */
  readonly topicKey: string;
  readonly partitions: readonly PartitionPlan[];
  readonly madeAt: number;
}

export class TopicTail {
  private readonly consumer: Consumer;
  private readonly cursor = new TailCursor();
  private stopped = false;
  private running: Promise<void> | undefined;
  private wakeRetry: (() => void) | undefined;
  private paused = false;
  private wakePaused: (() => void) | undefined;
  private readonly from: TailStart;
  private readonly chosenPartitions: ReadonlySet<number> | undefined;

  constructor(
    bootstrapBrokers: readonly string[],
    readonly topic: string,
    private readonly listener: TopicTailListener,
    options: TopicTailOptions = {},
  ) {
    enableZstdDecoding();
    this.from = options.from ?? { kind: 'latest' };
    const chosen = options.from?.kind === 'exact' ? options.from.offsets.map((o) => o.partition) : options.partitions;
    this.chosenPartitions = chosen === null || chosen === undefined ? undefined : new Set(chosen);
    this.consumer = new Consumer({
      ...options.connection,
      clientId: 'kafka-workbench-tail',
      bootstrapBrokers: [...bootstrapBrokers],
      // Required by the client's constructor; the tail never joins or commits to any group.
      groupId: 'kafka-workbench-tail-never-joined',
      autocommit: false,
      maxWaitTime: LONG_POLL_MS,
      minBytes: 1,
      retries: 0,
    });
  }

  start(): void {
    this.running ??= this.run();
  }

  /** Stops fetching while paused (nothing is read, so nothing is missed: resuming continues in place). */
  setPaused(paused: boolean): void {
    if (this.paused === paused) {
      return;
    }
    this.paused = paused;
    if (!paused) {
      this.wakePaused?.();
    }
  }

  /** The partitions being read, once the first metadata arrived. */
  assignedPartitions(): number[] {
    return this.cursor.partitions();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeRetry?.();
    this.wakePaused?.();
    await new Promise<void>((resolve) => {
      // Forced: there is no group to leave, and a pending long poll should not delay closing.
      this.consumer.close(true, () => resolve());
    });
    await this.running;
  }

  private async run(): Promise<void> {
    this.listener.status('starting');
    let plan: TailPlan | undefined;
    let live = false;
    while (!this.stopped) {
      try {
        if (plan === undefined || Date.now() - plan.madeAt > METADATA_REFRESH_MS) {
          plan = await this.makePlan();
        }
        if (this.paused) {
          this.listener.status('paused');
          await new Promise<void>((resolve) => (this.wakePaused = resolve));
          this.wakePaused = undefined;
          live = false;
          continue;
        }
        if (!live) {
          this.listener.status('live');
          live = true;
        }
        const records = await this.fetchRound(plan);
        if (records.length > 0 && !this.stopped) {
          this.listener.records(records);
        }
      } catch (error) {
        if (this.stopped) {
          break;
        }
        const text = kafkaErrorText(error);
        if (text.includes('OFFSET_OUT_OF_RANGE')) {
          // The log moved under us (deleted, truncated or recreated): carry on from the new end.
          await this.resetToLatest().catch(() => undefined);
        }
        this.listener.status('error', text);
        live = false;
        plan = undefined;
        this.consumer.clearMetadata();
        await this.retryDelay();
      }
    }
  }

  /** Waits before retrying after an error; `stop()` cuts the wait short. */
  private retryDelay(): Promise<void> {
    return new Promise<void>((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.wakeRetry = undefined;
        resolve();
      };
      const timer = setTimeout(finish, RETRY_DELAY_MS);
      this.wakeRetry = finish;
    });
  }

  private async makePlan(): Promise<TailPlan> {
    const metadata: ClusterMetadata = await this.consumer.metadata({ topics: [this.topic], forceUpdate: true });
    const described = metadata.topics.get(this.topic);
    if (described === undefined) {
      throw new Error(`Topic "${this.topic}" does not exist.`);
    }
    const partitions = described.partitions
      .map((partition, index) => ({
        partition: index,
        leader: partition.leader,
        leaderEpoch: partition.leaderEpoch,
      }))
      .filter((p) => this.chosenPartitions === undefined || this.chosenPartitions.has(p.partition));
    if (partitions.length === 0) {
      throw new Error(`None of the chosen partitions exist in "${this.topic}".`);
    }
    const untracked = partitions.filter((p) => !this.cursor.has(p.partition)).map((p) => p.partition);
    if (untracked.length > 0) {
      await this.startAtChosen(untracked);
    }
    const apis = await this.consumer.listApis();
    const fetchApi = apis.find((api) => api.name === 'Fetch');
    const usesTopicIds = fetchApi !== undefined && fetchApi.maxVersion >= FIRST_FETCH_VERSION_WITH_TOPIC_IDS;
    return { topicKey: usesTopicIds ? described.id : this.topic, partitions, madeAt: Date.now() };
  }

  /** ListOffsets for `partitions` at `timestamp` (or -1 latest, -2 earliest); index = partition. */
  private async offsetsAt(partitions: readonly number[], timestamp: bigint): Promise<readonly bigint[]> {
    const offsets = await this.consumer.listOffsets({
      topics: [this.topic],
      partitions: { [this.topic]: [...partitions] },
      timestamp,
    });
    return offsets.get(this.topic) ?? [];
  }

  private async startAtLatest(partitions: readonly number[]): Promise<void> {
    const latest = await this.offsetsAt(partitions, LATEST_TIMESTAMP);
    for (const partition of partitions) {
      this.cursor.startAt(partition, latest[partition] ?? 0n);
    }
  }

  /** Positions newly seen partitions where the user asked, kept inside each log's current range. */
  private async startAtChosen(partitions: readonly number[]): Promise<void> {
    const from = this.from;
    if (from.kind === 'latest') {
      await this.startAtLatest(partitions);
      return;
    }
    const [earliest, latest] = await Promise.all([
      this.offsetsAt(partitions, EARLIEST_TIMESTAMP),
      this.offsetsAt(partitions, LATEST_TIMESTAMP),
    ]);
    const atTime = from.kind === 'timestamp' ? await this.offsetsAt(partitions, BigInt(from.timestamp)) : [];
    for (const partition of partitions) {
      const low = earliest[partition] ?? 0n;
      const high = latest[partition] ?? low;
      let wanted: bigint;
      switch (from.kind) {
        case 'earliest':
          wanted = low;
          break;
        case 'offset':
          wanted = BigInt(from.offset);
          break;
        case 'timestamp': {
          // -1: no record at or after that time, so only records produced from now on follow.
          const found = atTime[partition] ?? -1n;
          wanted = found < 0n ? high : found;
          break;
        }
        case 'exact': {
          const exact = from.offsets.filter((o) => o.partition === partition).map((o) => BigInt(o.offset));
          wanted = exact.length === 0 ? high : exact.reduce((a, b) => (a < b ? a : b));
          break;
        }
      }
      this.cursor.startAt(partition, wanted < low ? low : wanted > high ? high : wanted);
    }
  }

  private async resetToLatest(): Promise<void> {
    await this.startAtLatest(this.cursor.partitions());
  }

  /** One long-poll Fetch per leader, in parallel; records come back ordered by partition then offset. */
  private async fetchRound(plan: TailPlan): Promise<TailRecord[]> {
    const byLeader = new Map<number, PartitionPlan[]>();
    for (const partition of plan.partitions) {
      const group = byLeader.get(partition.leader) ?? [];
      group.push(partition);
      byLeader.set(partition.leader, group);
    }
    const responses = await Promise.all(
      [...byLeader].map(([leader, partitions]) =>
        this.consumer.fetch({
          node: leader,
          maxWaitTime: LONG_POLL_MS,
          isolationLevel: READ_COMMITTED,
          topics: [
            {
              topicId: plan.topicKey,
              partitions: partitions.map((p) => ({
                partition: p.partition,
                currentLeaderEpoch: p.leaderEpoch,
                fetchOffset: this.cursor.nextOffset(p.partition),
                lastFetchedEpoch: -1,
                partitionMaxBytes: PARTITION_MAX_BYTES,
              })),
            },
          ],
        }),
      ),
    );
    const records: TailRecord[] = [];
    for (const response of responses) {
      for (const topicResponse of response.responses) {
        for (const partitionResponse of topicResponse.partitions) {
          const batches: readonly FetchedBatch[] = partitionResponse.records ?? [];
          records.push(...this.cursor.accept(partitionResponse.partitionIndex, batches));
        }
      }
    }
    return records;
  }
}
