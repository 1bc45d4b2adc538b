// The broker's background log maintenance: every interval, applies each hosted partition's retention
// (cleanup.policy delete) and compaction (compact) to its sealed segments, one partition at a time.

import type { TopicState } from '../controller/metadataImage.js';
import { topicConfigKey } from '../controller/topicConfigs.js';
import type { Logger } from '../logger.js';
import { compactLog, type CompactionPolicy } from '../storage/compaction.js';
import type { PartitionStore } from '../storage/partitionStore.js';
import { applyRetention, type RetentionPolicy } from '../storage/retention.js';

export const DEFAULT_LOG_MAINTENANCE_INTERVAL_MS = 30_000;

export interface MaintainedPartition {
  readonly topic: TopicState;
  readonly partition: number;
  readonly store: PartitionStore;
}

export interface LogCleanupPolicy extends RetentionPolicy, CompactionPolicy {
  delete: boolean;
  compact: boolean;
}

function config(topic: TopicState, name: string): string {
  return topic.configs[name] ?? topicConfigKey(name)?.defaultValue ?? '';
}

/** A long config as a number; unset, unparsable or negative means "no limit" (null). */
function limit(value: string): number | null {
  const n = Number(value);
  return value !== '' && Number.isFinite(n) && n >= 0 ? n : null;
}

/** The topic's cleanup.policy, retention.ms, retention.bytes and delete.retention.ms, with Kafka's defaults. */
export function cleanupPolicyOf(topic: TopicState): LogCleanupPolicy {
  const policies = config(topic, 'cleanup.policy').split(',').map((p) => p.trim());
  return {
    delete: policies.includes('delete'),
    compact: policies.includes('compact'),
    retentionMs: limit(config(topic, 'retention.ms')),
    retentionBytes: limit(config(topic, 'retention.bytes')),
    deleteRetentionMs: limit(config(topic, 'delete.retention.ms')) ?? 86_400_000,
  };
}

/** Runs one pass over `partitions`; errors in one partition are logged and do not stop the others. */
export async function maintainLogs(partitions: readonly MaintainedPartition[], now: number, log: Logger): Promise<void> {
  for (const p of partitions) {
    const policy = cleanupPolicyOf(p.topic);
    const name = `${p.topic.name}-${p.partition}`;
    try {
      // compact,delete: compact first, then let retention drop what is too old or too much anyway.
      if (policy.compact) {
        const result = await compactLog(p.store, policy, now);
        if (result.recordsRemoved > 0) log.info(`${name}: compaction removed ${result.recordsRemoved} records from ${result.segmentsRewritten} segments`);
      }
      if (policy.delete) {
        const deleted = await applyRetention(p.store, policy, now);
        if (deleted > 0) log.info(`${name}: retention deleted ${deleted} segments; the log now starts at ${p.store.logStartOffset}`);
      }
    } catch (err) {
      log.error(`${name}: log maintenance failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

/** Runs maintainLogs every `intervalMs`, never two passes at once. */
export class RetentionScheduler {
  private readonly timer: NodeJS.Timeout;
  private running: Promise<void> | null = null;

  constructor(
    private readonly partitions: () => readonly MaintainedPartition[],
    intervalMs: number,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.timer = setInterval(() => void this.runOnce(), intervalMs);
    this.timer.unref();
  }

  /** One pass now (or the one under way). */
  runOnce(): Promise<void> {
    this.running ??= maintainLogs(this.partitions(), this.now(), this.log).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
