// The partitions this broker hosts: opens a PartitionLog for every replica assigned to it in the
// metadata, closes and removes logs of deleted topics. Each partition directory records its topic id
// (as Kafka's partition.metadata does), so a directory left by a deleted topic is never reused.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MetadataImage, PartitionState, TopicState } from '../controller/metadataImage.js';
import type { Logger } from '../logger.js';
import { openPartitionStore, type StoreOptions } from '../storage/partitionStore.js';
import { PartitionLog } from './partitionLog.js';
import { DEFAULT_LOG_MAINTENANCE_INTERVAL_MS, RetentionScheduler, type MaintainedPartition } from './retentionScheduler.js';

const TOPIC_ID_FILE = 'topic-id';

export interface HostedPartition {
  readonly topic: TopicState;
  readonly state: PartitionState;
  readonly log: PartitionLog;
}

function key(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

export class ReplicaManager {
  private readonly hosted = new Map<string, { topicId: string; log: PartitionLog }>();
  private readonly opening = new Map<string, Promise<void>>();
  private image: MetadataImage | undefined;
  private applying: Promise<void> = Promise.resolve();
  private readonly changeListeners = new Set<() => void>();
  private appliedEpoch = -1;
  private readonly epochWaiters: Array<{ epoch: number; resolve: () => void }> = [];
  private readonly maintenance: RetentionScheduler;

  constructor(
    private readonly nodeId: number,
    private readonly dataDir: string,
    private readonly storeOptions: (topic: TopicState) => StoreOptions,
    private readonly log: Logger,
    maintenanceIntervalMs = maintenanceIntervalFromEnv(),
  ) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.maintenance = new RetentionScheduler(() => this.maintainedPartitions(), maintenanceIntervalMs, log);
  }

  /** Every open log with its current topic state, for retention and compaction. */
  private maintainedPartitions(): MaintainedPartition[] {
    const out: MaintainedPartition[] = [];
    for (const topic of this.image?.topics ?? []) {
      for (const p of topic.partitions) {
        const entry = this.hosted.get(key(topic.name, p.partition));
        if (entry && entry.topicId === topic.topicId) out.push({ topic, partition: p.partition, store: entry.log.maintenanceStore });
      }
    }
    return out;
  }

  /** One retention and compaction pass now, for tests and tools; the timer runs them anyway. */
  runLogMaintenance(): Promise<void> {
    return this.maintenance.runOnce();
  }

  get metadata(): MetadataImage | undefined {
    return this.image;
  }

  /** The partition if this broker hosts it and its log is open. */
  partition(topicName: string, partition: number): HostedPartition | undefined {
    const topic = this.image?.topics.find((t) => t.name === topicName);
    const state = topic?.partitions.find((p) => p.partition === partition);
    const entry = this.hosted.get(key(topicName, partition));
    if (!topic || !state || !entry || entry.topicId !== topic.topicId) return undefined;
    return { topic, state, log: entry.log };
  }

  /** Resolves once every log the image assigns to this broker is open (or failed to open). */
  applyMetadata(image: MetadataImage): Promise<void> {
    this.image = image;
    this.applying = this.applying.then(() => this.reconcile(image));
    return this.applying;
  }

  /** Resolves once a metadata image of at least `epoch` is applied (its logs open). */
  waitForEpoch(epoch: number): Promise<void> {
    if (this.appliedEpoch >= epoch) return Promise.resolve();
    return new Promise((resolve) => this.epochWaiters.push({ epoch, resolve }));
  }

  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  async close(): Promise<void> {
    await this.maintenance.stop();
    await this.applying;
    await Promise.all([...this.hosted.values()].map((h) => h.log.close()));
    this.hosted.clear();
  }

  private async reconcile(image: MetadataImage): Promise<void> {
    const wanted = new Map<string, { topic: TopicState; partition: number }>();
    for (const topic of image.topics) {
      for (const p of topic.partitions) {
        if (p.replicas.includes(this.nodeId)) wanted.set(key(topic.name, p.partition), { topic, partition: p.partition });
      }
    }
    for (const [k, entry] of [...this.hosted]) {
      const want = wanted.get(k);
      if (!want || want.topic.topicId !== entry.topicId) {
        this.hosted.delete(k);
        await entry.log.close();
        const dir = this.partitionDir(entry.log.topic, entry.log.partition);
        fs.rmSync(dir, { recursive: true, force: true });
        this.log.info(`removed partition ${entry.log.topic}-${entry.log.partition} (topic deleted)`);
      } else {
        // Topic configs may have changed (AlterConfigs): segment and flush settings apply from now on.
        entry.log.maintenanceStore.updateSettings(this.storeOptions(want.topic));
      }
    }
    const opens: Promise<void>[] = [];
    for (const [k, want] of wanted) {
      if (this.hosted.has(k)) continue;
      opens.push(this.open(k, want.topic, want.partition));
    }
    await Promise.all(opens);
    this.removeStrayDirectories(image);
    this.appliedEpoch = Math.max(this.appliedEpoch, image.epoch);
    for (let i = this.epochWaiters.length - 1; i >= 0; i--) {
      const w = this.epochWaiters[i];
      if (w && w.epoch <= this.appliedEpoch) {
        this.epochWaiters.splice(i, 1);
        w.resolve();
      }
    }
    for (const l of this.changeListeners) l();
  }

  private async open(k: string, topic: TopicState, partition: number): Promise<void> {
    const existing = this.opening.get(k);
    if (existing) return existing;
    const dir = this.partitionDir(topic.name, partition);
    const task = (async () => {
      const idFile = path.join(dir, TOPIC_ID_FILE);
      if (fs.existsSync(idFile) && fs.readFileSync(idFile, 'utf8').trim() !== topic.topicId) {
        // A topic of the same name was deleted while this broker was down: its data is not this topic's.
        fs.rmSync(dir, { recursive: true, force: true });
        this.log.info(`removed stale data of a deleted topic in ${dir}`);
      }
      fs.mkdirSync(dir, { recursive: true });
      if (!fs.existsSync(idFile)) fs.writeFileSync(idFile, topic.topicId);
      try {
        const onOffline = (error: Error): void => {
          // Damage found while serving (a sealed segment): stop serving this partition, delete nothing.
          const entry = this.hosted.get(k);
          if (!entry || entry.log.maintenanceStore !== store) return;
          this.hosted.delete(k);
          this.log.error(`partition ${topic.name}-${partition} is offline: ${error.message}`);
          entry.log.close().catch(() => undefined);
          for (const l of this.changeListeners) l();
        };
        const store = await openPartitionStore(dir, { ...this.storeOptions(topic), onOffline }, this.log);
        this.hosted.set(k, { topicId: topic.topicId, log: new PartitionLog(topic.name, partition, store, this.log) });
      } catch (err) {
        this.log.error(`partition ${topic.name}-${partition} is offline: ${err instanceof Error ? err.message : String(err)}`);
      }
    })().finally(() => this.opening.delete(k));
    this.opening.set(k, task);
    return task;
  }

  private removeStrayDirectories(image: MetadataImage): void {
    const known = new Set(image.topics.flatMap((t) => t.partitions.map((p) => `${t.name}-${p.partition}`)));
    for (const entry of fs.readdirSync(this.dataDir, { withFileTypes: true })) {
      if (!entry.isDirectory() || known.has(entry.name)) continue;
      const idFile = path.join(this.dataDir, entry.name, TOPIC_ID_FILE);
      if (!fs.existsSync(idFile)) continue; // not a partition directory of ours: leave it alone
      fs.rmSync(path.join(this.dataDir, entry.name), { recursive: true, force: true });
      this.log.info(`removed data of deleted partition ${entry.name}`);
    }
  }

  private partitionDir(topic: string, partition: number): string {
    return path.join(this.dataDir, `${topic}-${partition}`);
  }
}

/** KW_LOG_MAINTENANCE_INTERVAL_MS shortens the retention/compaction interval (tests use a few hundred ms). */
function maintenanceIntervalFromEnv(): number {
  const n = Number(process.env.KW_LOG_MAINTENANCE_INTERVAL_MS);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_LOG_MAINTENANCE_INTERVAL_MS;
}
