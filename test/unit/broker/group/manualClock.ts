// A GroupClock whose time moves only when a test advances it, firing due timers in order, so
// session and rebalance timeouts are tested without sleeping.

import type { CancelTimer, GroupClock } from '../../../../broker/group/groupClock.js';

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
  cancelled: boolean;
}

export class ManualClock implements GroupClock {
  private time = 0;
  private seq = 0;
  private timers: Timer[] = [];

  now(): number {
    return this.time;
  }

  schedule(delayMs: number, fire: () => void): CancelTimer {
    const timer: Timer = { at: this.time + Math.max(0, delayMs), seq: this.seq++, fire, cancelled: false };
    this.timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }

  /** Moves time forward, firing every timer that falls due on the way (including ones they schedule). */
  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      this.timers = this.timers.filter((t) => !t.cancelled);
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (due === undefined) break;
      this.time = due.at;
      due.cancelled = true;
      due.fire();
    }
    this.time = target;
  }

  get activeTimers(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }
}
