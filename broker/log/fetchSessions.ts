// Fetch sessions (KIP-227): a broker remembers which partitions a client fetches and what it last told it,
// so the client's incremental requests name only what changed and the answers carry only what changed.
// A bounded cache: when full, a new session takes the place of a stale or smaller one, or gets none.

import { ErrorCode } from '../protocol/errors.js';

/** session_epoch values with a meaning of their own (FetchMetadata in Kafka). */
export const INITIAL_EPOCH = 0;
export const FINAL_EPOCH = -1;
export const NO_SESSION_ID = 0;

export interface SessionPartition {
  /** The topic as the client names it: its name before Fetch v13, its id from v13. */
  readonly topicKey: string;
  readonly partition: number;
  fetchOffset: bigint;
  partitionMaxBytes: number;
  /** What the client was last told, so an unchanged partition can be left out of the next answer. */
  sentHighWatermark: bigint;
  sentLogStartOffset: bigint;
}

export class FetchSession {
  /** The epoch the next incremental request must carry. */
  nextEpoch = 1;
  lastUsedMs: number;
  readonly partitions = new Map<string, SessionPartition>();

  constructor(readonly id: number, now: number) {
    this.lastUsedMs = now;
  }

  /** Adds or updates a partition the client named in a request. */
  upsert(topicKey: string, partition: number, fetchOffset: bigint, partitionMaxBytes: number): void {
    const k = partitionKey(topicKey, partition);
    const existing = this.partitions.get(k);
    if (existing) {
      existing.fetchOffset = fetchOffset;
      existing.partitionMaxBytes = partitionMaxBytes;
    } else {
      this.partitions.set(k, { topicKey, partition, fetchOffset, partitionMaxBytes, sentHighWatermark: -1n, sentLogStartOffset: -1n });
    }
  }

  forget(topicKey: string, partition: number): void {
    this.partitions.delete(partitionKey(topicKey, partition));
  }

  advanceEpoch(): void {
    this.nextEpoch = this.nextEpoch === 0x7fffffff ? 1 : this.nextEpoch + 1;
  }
}

export function partitionKey(topicKey: string, partition: number): string {
  return `${topicKey}\u0000${partition}`;
}

export type FetchContext =
  /** A full request without a session (session id 0, epoch -1, or a client older than v7). */
  | { readonly kind: 'sessionless' }
  /** A full request that opens a session; `session` is null when the cache had no room. */
  | { readonly kind: 'full'; readonly session: FetchSession | null }
  | { readonly kind: 'incremental'; readonly session: FetchSession }
  | { readonly kind: 'error'; readonly errorCode: number; readonly message: string };

export interface FetchSessionCacheOptions {
  /** max.incremental.fetch.session.cache.slots in Kafka. */
  readonly maxSessions?: number;
  /** A session unused this long may be evicted for a new one (Kafka: 2 minutes). */
  readonly evictAfterMs?: number;
  readonly now?: () => number;
  /** Picks a candidate session id; tests pass a seeded one. */
  readonly randomId?: () => number;
}

export class FetchSessionCache {
  private readonly sessions = new Map<number, FetchSession>();
  private readonly maxSessions: number;
  private readonly evictAfterMs: number;
  private readonly now: () => number;
  private readonly randomId: () => number;

  constructor(options: FetchSessionCacheOptions = {}) {
    this.maxSessions = options.maxSessions ?? 1000;
    this.evictAfterMs = options.evictAfterMs ?? 120_000;
    this.now = options.now ?? Date.now;
    this.randomId = options.randomId ?? ((): number => 1 + Math.floor(Math.random() * 0x7ffffffe));
  }

  get size(): number {
    return this.sessions.size;
  }

  /**
   * What a request's (session id, epoch) asks for, as Kafka's FetchManager.newContext decides it.
   * `partitionCount` is the size of a full request, to weigh it against sessions it would evict.
   */
  open(sessionId: number, epoch: number, partitionCount: number): FetchContext {
    if (epoch === FINAL_EPOCH) {
      if (sessionId !== NO_SESSION_ID) this.sessions.delete(sessionId);
      return { kind: 'sessionless' };
    }
    if (epoch === INITIAL_EPOCH) {
      if (sessionId !== NO_SESSION_ID) this.sessions.delete(sessionId);
      return { kind: 'full', session: this.create(partitionCount) };
    }
    const session = this.sessions.get(sessionId);
    if (sessionId === NO_SESSION_ID || !session) {
      return { kind: 'error', errorCode: ErrorCode.FETCH_SESSION_ID_NOT_FOUND, message: `fetch session ${sessionId} not found` };
    }
    if (session.nextEpoch !== epoch) {
      return {
        kind: 'error',
        errorCode: ErrorCode.INVALID_FETCH_SESSION_EPOCH,
        message: `fetch session ${sessionId} expected epoch ${session.nextEpoch}, got ${epoch}`,
      };
    }
    session.lastUsedMs = this.now();
    // Most recently used last: Map order is the eviction order.
    this.sessions.delete(sessionId);
    this.sessions.set(sessionId, session);
    return { kind: 'incremental', session };
  }

  private create(partitionCount: number): FetchSession | null {
    if (this.sessions.size >= this.maxSessions && !this.evictFor(partitionCount)) return null;
    let id = this.randomId();
    while (id === NO_SESSION_ID || this.sessions.has(id)) id = this.randomId();
    const session = new FetchSession(id, this.now());
    this.sessions.set(id, session);
    return session;
  }

  /** Frees a slot: the least recently used session if it is stale, else the smallest one smaller than the newcomer. */
  private evictFor(partitionCount: number): boolean {
    const now = this.now();
    const oldest = this.sessions.values().next().value;
    if (oldest && now - oldest.lastUsedMs >= this.evictAfterMs) {
      this.sessions.delete(oldest.id);
      return true;
    }
    let smallest: FetchSession | undefined;
    for (const s of this.sessions.values()) {
      if (!smallest || s.partitions.size < smallest.partitions.size) smallest = s;
    }
    if (smallest && smallest.partitions.size < partitionCount) {
      this.sessions.delete(smallest.id);
      return true;
    }
    return false;
  }

  has(sessionId: number): boolean {
    return this.sessions.has(sessionId);
  }
}
