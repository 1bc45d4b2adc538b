// The leader epochs a partition's log has seen and the offset where each began, as Kafka's
// leader-epoch-checkpoint holds them: what OffsetForLeaderEpoch answers and followers truncate by.

export interface EpochStart {
  readonly epoch: number;
  readonly startOffset: bigint;
}

export interface EpochEndOffset {
  /** The largest epoch <= the one asked for, or -1 when the log has none that old. */
  readonly epoch: number;
  /** Where that epoch ends: the next epoch's start, or the log end for the latest epoch; -1 when unknown. */
  readonly endOffset: bigint;
}

export class LeaderEpochHistory {
  private readonly starts: EpochStart[] = [];

  /**
   * Notes that `epoch` wrote at `offset`; only a newer epoch than the last one opens an entry.
   * Returns true when an entry was added (the checkpoint file is then rewritten).
   */
  assign(epoch: number, offset: bigint): boolean {
    if (epoch < 0) return false;
    const last = this.starts[this.starts.length - 1];
    if (last && epoch <= last.epoch) return false;
    this.starts.push({ epoch, startOffset: offset });
    return true;
  }

  /** Starts from a checkpoint's entries (ascending epochs and offsets), replacing what was held. */
  load(entries: readonly EpochStart[]): void {
    this.starts.length = 0;
    this.starts.push(...entries);
  }

  /** Removes the entries starting at or above `offset` (Kafka's truncateFromEnd); true when any went. */
  truncateFromEnd(offset: bigint): boolean {
    const before = this.starts.length;
    while (this.starts.length > 0 && (this.starts[this.starts.length - 1]).startOffset >= offset) this.starts.pop();
    return this.starts.length !== before;
  }

  /** Removes the entries starting above `offset`, keeping one that starts exactly there (an epoch with no writes yet). */
  dropAbove(offset: bigint): boolean {
    return this.truncateFromEnd(offset + 1n);
  }

  get entries(): readonly EpochStart[] {
    return this.starts;
  }

  /**
   * Kafka's rule (LeaderEpochFileCache.endOffsetFor): the latest epoch (`currentEpoch`, which began at the
   * log end if it has not written yet) ends at the log end; an older one ends where the first newer
   * epoch starts, reported under the largest epoch not above it; a newer one than any is unknown.
   */
  endOffsetFor(requested: number, currentEpoch: number, logEndOffset: bigint): EpochEndOffset {
    const starts = [...this.starts];
    const last = starts[starts.length - 1];
    if (currentEpoch >= 0 && (!last || currentEpoch > last.epoch)) starts.push({ epoch: currentEpoch, startOffset: logEndOffset });
    const latest = starts[starts.length - 1];
    if (requested < 0 || !latest) return { epoch: -1, endOffset: -1n };
    if (requested === latest.epoch) return { epoch: latest.epoch, endOffset: logEndOffset };
    const higher = starts.find((s) => s.epoch > requested);
    if (!higher) return { epoch: -1, endOffset: -1n };
    const floor = starts.filter((s) => s.epoch <= requested).pop();
    return { epoch: floor ? floor.epoch : requested, endOffset: higher.startOffset };
  }
}
