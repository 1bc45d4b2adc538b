// Retention by time and size: picks the oldest sealed segments that retention.ms or retention.bytes
// let go, and deletes them through the store (which advances the log start offset).

import type { PartitionStore, SegmentInfo } from './partitionStore.js';

export interface RetentionPolicy {
  /** retention.ms: a sealed segment whose newest record is older than this goes; null or <0 = no limit. */
  retentionMs: number | null;
  /** retention.bytes: the oldest sealed segments go while the log is larger; null or <0 = no limit. */
  retentionBytes: number | null;
}

/** The offset below which whole sealed segments may be deleted, or null when none may. */
export function retentionCutoff(segments: readonly SegmentInfo[], policy: RetentionPolicy, now: number): bigint | null {
  const sealed = segments.filter((s) => !s.active);
  let totalBytes = segments.reduce((sum, s) => sum + s.sizeBytes, 0);
  let cutoff: bigint | null = null;
  for (const segment of sealed) {
    // An empty segment (compacted away entirely) is older than anything after it.
    const expiredByTime =
      policy.retentionMs !== null && policy.retentionMs >= 0 && (segment.maxTimestamp === null || Number(segment.maxTimestamp) < now - policy.retentionMs);
    const overSize = policy.retentionBytes !== null && policy.retentionBytes >= 0 && totalBytes - segment.sizeBytes >= policy.retentionBytes;
    if (!expiredByTime && !overSize) break;
    totalBytes -= segment.sizeBytes;
    cutoff = segment.nextOffset;
  }
  return cutoff;
}

/** Deletes what the policy lets go; returns how many segments were deleted. */
export async function applyRetention(store: PartitionStore, policy: RetentionPolicy, now: number): Promise<number> {
  const cutoff = retentionCutoff(store.segments(), policy, now);
  return cutoff === null ? 0 : store.deleteSegmentsBelow(cutoff);
}
