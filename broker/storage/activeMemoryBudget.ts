// The cap on the bytes all active segments of one broker hold: when appends push the total over it, the
// largest active segment is sealed early. Active batches are read from their journals (only an index is
// in memory), so what this bounds now is the journal bytes a restart replays and the next seals' work.

export const DEFAULT_ACTIVE_MEMORY_BYTES = 256 * 1024 * 1024;

export interface ActiveMemoryHolder {
  /** Batch bytes its active segment holds now. */
  activeBytes(): number;
  /** Seal the active segment soon (in the holder's own order of changes). */
  sealEarly(): void;
}

export class ActiveMemoryBudget {
  private readonly holders = new Set<ActiveMemoryHolder>();

  constructor(readonly maxBytes = DEFAULT_ACTIVE_MEMORY_BYTES) {}

  register(holder: ActiveMemoryHolder): () => void {
    this.holders.add(holder);
    return () => this.holders.delete(holder);
  }

  get totalBytes(): number {
    let total = 0;
    for (const h of this.holders) total += h.activeBytes();
    return total;
  }

  /** Called after each append; asks the largest holder to seal when the total is over the cap. */
  check(): void {
    let total = 0;
    let largest: ActiveMemoryHolder | undefined;
    for (const h of this.holders) {
      const bytes = h.activeBytes();
      total += bytes;
      if (!largest || bytes > largest.activeBytes()) largest = h;
    }
    if (total > this.maxBytes && largest && largest.activeBytes() > 0) largest.sealEarly();
  }
}

/** Shared by every partition of the process unless a store is given its own. */
export const processActiveMemoryBudget = new ActiveMemoryBudget();
