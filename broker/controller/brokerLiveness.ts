// Broker liveness by heartbeat: when each broker last reported, and which have been silent longer
// than the session timeout. The clock is injected so tests can move time by hand.

export class BrokerLiveness {
  private readonly lastSeen = new Map<number, number>();

  constructor(
    private readonly sessionTimeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  heartbeat(nodeId: number): void {
    this.lastSeen.set(nodeId, this.now());
  }

  /** Stops watching a broker (it exited or was fenced); its next heartbeat starts a new session. */
  forget(nodeId: number): void {
    this.lastSeen.delete(nodeId);
  }

  /** Brokers whose last heartbeat is older than the session timeout; they are forgotten as they are returned. */
  takeExpired(): number[] {
    const now = this.now();
    const expired = [...this.lastSeen].filter(([, seen]) => now - seen > this.sessionTimeoutMs).map(([id]) => id);
    for (const id of expired) this.lastSeen.delete(id);
    return expired.sort((a, b) => a - b);
  }
}
