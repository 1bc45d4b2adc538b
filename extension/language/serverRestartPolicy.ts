// When the `.kafka` language server process dies: restart it, tell the user the first time only, and
// give up when it keeps dying (more than 5 restarts within 3 minutes) instead of crash-looping.
// Pure, so it is tested without VS Code; kafkaLanguageClient.ts turns decisions into CloseActions.

export type RestartDecision =
  /** Start it again; `tellUser` is true for the first restart only (later ones just log). */
  | { readonly action: 'restart'; readonly tellUser: boolean }
  /** It died too often: leave it stopped. */
  | { readonly action: 'stop' };

export interface RestartLimits {
  /** Restarts allowed within `windowMs`; the next crash inside the window stops the server. */
  readonly maxRestarts: number;
  readonly windowMs: number;
}

export const DEFAULT_RESTART_LIMITS: RestartLimits = { maxRestarts: 5, windowMs: 3 * 60_000 };

export class ServerRestartPolicy {
  private readonly crashes: number[] = [];
  private told = false;

  constructor(
    private readonly limits: RestartLimits = DEFAULT_RESTART_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Call once each time the server's connection closes unexpectedly. */
  onServerClosed(): RestartDecision {
    const now = this.now();
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - this.crashes[0] >= this.limits.windowMs) {
      this.crashes.shift();
    }
    if (this.crashes.length > this.limits.maxRestarts) {
      return { action: 'stop' };
    }
    const tellUser = !this.told;
    this.told = true;
    return { action: 'restart', tellUser };
  }
}
