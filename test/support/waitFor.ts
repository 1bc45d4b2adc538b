// Polls a condition until it holds, so tests wait on what they need instead of sleeping a fixed time.
import { setTimeout as sleep } from 'node:timers/promises';
import { inspect } from 'node:util';

export interface WaitOptions {
  /** Liveness bound, not a speed expectation: keep it generous. */
  timeoutMs?: number;
  intervalMs?: number;
  /** What is being awaited, for the error message ("topic orders to have 3 partitions"). */
  what: string;
}

/**
 * Resolves with the condition's first truthy result. A condition that throws counts as not yet;
 * its last error is quoted if the wait times out.
 */
export async function waitFor<T>(condition: () => T | Promise<T>, options: WaitOptions): Promise<NonNullable<T>> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const intervalMs = options.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError === undefined ? '' : `; last error: ${lastError instanceof Error ? lastError.message : inspect(lastError)}`;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.what}${cause}`, { cause: lastError });
    }
    await sleep(intervalMs);
  }
}
