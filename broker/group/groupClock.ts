// The coordinator's view of time: a clock it can read and one-shot timers it can cancel, injected so
// tests drive session and rebalance timeouts deterministically instead of sleeping.

export type CancelTimer = () => void;

export interface GroupClock {
  now(): number;
  /** Calls `fire` once after `delayMs`, unless the returned function is called first. */
  schedule(delayMs: number, fire: () => void): CancelTimer;
}

export const systemClock: GroupClock = {
  now: () => Date.now(),
  schedule(delayMs, fire) {
    const timer = setTimeout(fire, Math.max(0, delayMs));
    return () => clearTimeout(timer);
  },
};
