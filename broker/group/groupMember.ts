// One member of a consumer group: its identity, protocols, assignment, and the join or sync request
// it is parked on while the group rebalances.

import type { CancelTimer } from './groupClock.js';
import type { GroupProtocol, JoinGroupResult, SyncGroupResult } from './groupTypes.js';

export type JoinWaiter = (result: JoinGroupResult) => void;
export type SyncWaiter = (result: SyncGroupResult) => void;

const emptyBuffer = Buffer.alloc(0);

export class GroupMember {
  assignment: Buffer = emptyBuffer;
  /** Set while the member's JoinGroup waits for the rebalance to complete. */
  joinWaiter: JoinWaiter | null = null;
  /** Set while the member's SyncGroup waits for the leader's assignment. */
  syncWaiter: SyncWaiter | null = null;
  /** A member added by this rebalance that has not yet received a join response. */
  isNew = false;
  /** Cancels the pending session (or new-member join) expiration timer. */
  cancelExpiration: CancelTimer | null = null;

  constructor(
    readonly memberId: string,
    readonly groupInstanceId: string | null,
    readonly clientId: string,
    readonly clientHost: string,
    public rebalanceTimeoutMs: number,
    public sessionTimeoutMs: number,
    readonly protocolType: string,
    public protocols: GroupProtocol[],
  ) {}

  get isAwaitingJoin(): boolean {
    return this.joinWaiter !== null;
  }

  get isAwaitingSync(): boolean {
    return this.syncWaiter !== null;
  }

  get isStatic(): boolean {
    return this.groupInstanceId !== null;
  }

  protocolNames(): string[] {
    return this.protocols.map((p) => p.name);
  }

  metadataFor(protocolName: string): Buffer {
    const protocol = this.protocols.find((p) => p.name === protocolName);
    if (protocol === undefined) {
      throw new Error(`member ${this.memberId} does not support protocol ${protocolName}`);
    }
    return protocol.metadata;
  }

  /** The member's most preferred protocol among the candidates every member supports. */
  vote(candidates: ReadonlySet<string>): string {
    const choice = this.protocols.find((p) => candidates.has(p.name));
    if (choice === undefined) {
      throw new Error(`member ${this.memberId} supports none of the candidate protocols`);
    }
    return choice.name;
  }

  /** Same protocols, in the same order, with byte-identical metadata: rejoining changes nothing. */
  matches(protocols: readonly GroupProtocol[]): boolean {
    return (
      protocols.length === this.protocols.length &&
      protocols.every((p, i) => p.name === this.protocols[i].name && p.metadata.equals(this.protocols[i].metadata))
    );
  }
}
