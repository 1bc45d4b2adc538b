// Asks the extension for cluster facts and keeps the answer briefly, so typing does not send one
// request per keystroke; a request that takes too long counts as "no cluster" rather than
// holding up completion or diagnostics.

import type { ClusterFacts } from '../protocol.js';

const FRESH_MS = 5_000;
const TIMEOUT_MS = 3_000;

export type FactsAsker = (topic: string | undefined) => Promise<ClusterFacts>;

export class ClusterFactsCache {
  private general: { facts: Promise<ClusterFacts | undefined>; at: number } | undefined;
  private generation = 0;

  constructor(
    private readonly ask: FactsAsker,
    private readonly now: () => number = Date.now,
  ) {}

  /** Topics, groups and auto-create, fresh within a few seconds. */
  facts(): Promise<ClusterFacts | undefined> {
    if (this.general === undefined || this.now() - this.general.at > FRESH_MS) {
      this.general = { facts: this.askWithTimeout(undefined), at: this.now() };
    }
    return this.general.facts;
  }

  /** Always asks: hover shows current offsets. */
  topicFacts(topic: string): Promise<ClusterFacts | undefined> {
    return this.askWithTimeout(topic);
  }

  invalidate(): void {
    this.general = undefined;
    this.generation++;
  }

  private askWithTimeout(topic: string | undefined): Promise<ClusterFacts | undefined> {
    const generation = this.generation;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (generation === this.generation) {
          // Do not keep a timed-out answer: the next call asks again.
          this.general = undefined;
        }
        resolve(undefined);
      }, TIMEOUT_MS);
      this.ask(topic).then(
        (facts) => {
          clearTimeout(timer);
          resolve(facts);
        },
        () => {
          clearTimeout(timer);
          if (generation === this.generation) {
            this.general = undefined;
          }
          resolve(undefined);
        },
      );
    });
  }
}
