// acks=all: waits until a leader's high watermark passes an appended offset, i.e. every ISR member has
// it, and says why it stopped waiting (reached, leadership lost, or the request's timeout).

import type { PartitionLog } from '../log/partitionLog.js';

export type HighWatermarkWait = 'reached' | 'notLeader' | 'timeout';

export function waitForHighWatermark(log: PartitionLog, lastOffset: bigint, leaderEpoch: number, timeoutMs: number): Promise<HighWatermarkWait> {
  return new Promise((resolve) => {
    let cancel: () => void = () => undefined;
    const finish = (outcome: HighWatermarkWait): void => {
      clearTimeout(timer);
      cancel();
      resolve(outcome);
    };
    const check = (): void => {
      if (log.highWatermarkOffset > lastOffset) return finish('reached');
      if (!log.isLeader || log.leaderEpoch !== leaderEpoch) return finish('notLeader');
      cancel = log.waitForAppend(check);
    };
    const timer = setTimeout(() => finish('timeout'), Math.max(0, timeoutMs));
    check();
  });
}
