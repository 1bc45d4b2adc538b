// One group's membership state machine, as Kafka's GroupMetadata keeps it: state, generation, leader,
// members and their protocol votes. Pure bookkeeping; timing and replies belong to the coordinator.

import type { CancelTimer } from './groupClock.js';
import type { GroupMember, JoinWaiter } from './groupMember.js';
import type { GroupProtocol, GroupState, JoinedMember, JoinGroupResult } from './groupTypes.js';

const validPreviousStates: Record<GroupState, readonly GroupState[]> = {
  Empty: ['PreparingRebalance'],
  PreparingRebalance: ['Stable', 'CompletingRebalance', 'Empty'],
  CompletingRebalance: ['PreparingRebalance'],
  Stable: ['CompletingRebalance'],
  Dead: ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead'],
};

export class ConsumerGroup {
  state: GroupState = 'Empty';
  generationId = 0;
  protocolType: string | null = null;
  protocolName: string | null = null;
  leaderId: string | null = null;
  /** Set when a member joins during the initial rebalance delay, which then extends the delay. */
  newMemberAdded = false;
  /** The timer that ends the current join phase (initial delay or rebalance timeout). */
  cancelJoinTimer: CancelTimer | null = null;
  /** True while the initial rebalance delay runs: the join phase then ends only by its timer. */
  inInitialDelay = false;
  /** The timer that evicts members who did not send SyncGroup after a join. */
  cancelSyncTimer: CancelTimer | null = null;

  /** In join order, which Kafka also uses to pick a new leader. */
  private readonly members = new Map<string, GroupMember>();
  /**
   * Members that were given an id with MEMBER_ID_REQUIRED and have not joined with it yet, each with
   * the timer that forgets it if it never comes back.
   */
  private readonly pendingMembers = new Map<string, CancelTimer | null>();
  /** Members of the new generation that have not yet sent SyncGroup. */
  private readonly pendingSyncMembers = new Set<string>();
  private readonly staticMembers = new Map<string, string>();
  /** protocol name -> how many members support it */
  private readonly supportedProtocols = new Map<string, number>();
  private numMembersAwaitingJoin = 0;

  constructor(readonly groupId: string) {}

  is(state: GroupState): boolean {
    return this.state === state;
  }

  transitionTo(next: GroupState): void {
    if (!validPreviousStates[next].includes(this.state)) {
      throw new Error(`group ${this.groupId}: illegal transition ${this.state} -> ${next}`);
    }
    this.state = next;
  }

  /** A rebalance may start only from a settled state. */
  get canRebalance(): boolean {
    return validPreviousStates.PreparingRebalance.includes(this.state);
  }

  get size(): number {
    return this.members.size;
  }

  has(memberId: string): boolean {
    return this.members.has(memberId);
  }

  get(memberId: string): GroupMember {
    const member = this.members.get(memberId);
    if (member === undefined) throw new Error(`group ${this.groupId} has no member ${memberId}`);
    return member;
  }

  pendingMemberIds(): string[] {
    return [...this.pendingMembers.keys()];
  }

  allMembers(): GroupMember[] {
    return [...this.members.values()];
  }

  isLeader(memberId: string): boolean {
    return this.leaderId === memberId;
  }

  // ---- pending members (given an id, not yet joined with it)

  addPendingMember(memberId: string, cancelExpiration: CancelTimer | null): void {
    this.pendingMembers.get(memberId)?.();
    this.pendingMembers.set(memberId, cancelExpiration);
  }

  isPendingMember(memberId: string): boolean {
    return this.pendingMembers.has(memberId);
  }

  removePendingMember(memberId: string): void {
    this.pendingMembers.get(memberId)?.();
    this.pendingMembers.delete(memberId);
  }

  // ---- pending sync members

  resetPendingSyncMembers(memberIds: Iterable<string>): void {
    this.pendingSyncMembers.clear();
    for (const id of memberIds) this.pendingSyncMembers.add(id);
  }

  removePendingSyncMember(memberId: string): void {
    this.pendingSyncMembers.delete(memberId);
  }

  get hasReceivedSyncFromAllMembers(): boolean {
    return this.pendingSyncMembers.size === 0;
  }

  allPendingSyncMembers(): string[] {
    return [...this.pendingSyncMembers];
  }

  // ---- static members

  hasStaticMember(groupInstanceId: string): boolean {
    return this.staticMembers.has(groupInstanceId);
  }

  currentStaticMemberId(groupInstanceId: string): string | undefined {
    return this.staticMembers.get(groupInstanceId);
  }

  /** A static member is fenced when its instance id now belongs to another member id. */
  isStaticMemberFenced(groupInstanceId: string | null, memberId: string): boolean {
    if (groupInstanceId === null) return false;
    const current = this.staticMembers.get(groupInstanceId);
    return current !== undefined && current !== memberId;
  }

  // ---- membership

  add(member: GroupMember, joinWaiter: JoinWaiter | null): void {
    if (member.groupInstanceId !== null) this.staticMembers.set(member.groupInstanceId, member.memberId);
    if (this.members.size === 0) this.protocolType = member.protocolType;
    if (this.leaderId === null) this.leaderId = member.memberId;
    this.members.set(member.memberId, member);
    this.countProtocols(member.protocols, +1);
    member.joinWaiter = joinWaiter;
    if (member.isAwaitingJoin) this.numMembersAwaitingJoin++;
    this.removePendingMember(member.memberId);
  }

  remove(memberId: string): void {
    const member = this.members.get(memberId);
    if (member !== undefined) {
      this.members.delete(memberId);
      this.countProtocols(member.protocols, -1);
      if (member.isAwaitingJoin) this.numMembersAwaitingJoin--;
      if (member.groupInstanceId !== null && this.staticMembers.get(member.groupInstanceId) === memberId) {
        this.staticMembers.delete(member.groupInstanceId);
      }
    }
    if (this.isLeader(memberId)) {
      const next = this.members.keys().next();
      this.leaderId = next.done === true ? null : next.value;
    }
    this.removePendingMember(memberId);
    this.pendingSyncMembers.delete(memberId);
  }

  /**
   * Gives a static member's place (join order, assignment, leadership) to the member id it rejoined
   * with. The old member must have no parked requests left.
   */
  replaceStaticMember(old: GroupMember, replacement: GroupMember): void {
    if (old.groupInstanceId === null || old.isAwaitingJoin || old.isAwaitingSync) {
      throw new Error(`group ${this.groupId}: member ${old.memberId} cannot be replaced`);
    }
    const entries = [...this.members].map(([id, m]): [string, GroupMember] => (id === old.memberId ? [replacement.memberId, replacement] : [id, m]));
    this.members.clear();
    for (const [id, m] of entries) this.members.set(id, m);
    this.countProtocols(old.protocols, -1);
    this.countProtocols(replacement.protocols, +1);
    replacement.assignment = old.assignment;
    this.staticMembers.set(old.groupInstanceId, replacement.memberId);
    if (this.leaderId === old.memberId) this.leaderId = replacement.memberId;
    if (this.pendingSyncMembers.delete(old.memberId)) this.pendingSyncMembers.add(replacement.memberId);
  }

  updateMember(
    member: GroupMember,
    protocols: GroupProtocol[],
    rebalanceTimeoutMs: number,
    sessionTimeoutMs: number,
    joinWaiter: JoinWaiter | null,
  ): void {
    this.countProtocols(member.protocols, -1);
    member.protocols = protocols;
    this.countProtocols(member.protocols, +1);
    member.rebalanceTimeoutMs = rebalanceTimeoutMs;
    member.sessionTimeoutMs = sessionTimeoutMs;
    this.setJoinWaiter(member, joinWaiter);
  }

  /** Replaces the member's parked JoinGroup, keeping the count of members awaiting join right. */
  setJoinWaiter(member: GroupMember, joinWaiter: JoinWaiter | null): void {
    if (joinWaiter !== null && !member.isAwaitingJoin) this.numMembersAwaitingJoin++;
    else if (joinWaiter === null && member.isAwaitingJoin) this.numMembersAwaitingJoin--;
    member.joinWaiter = joinWaiter;
  }

  /** Answers the member's parked JoinGroup, if any. */
  maybeInvokeJoinWaiter(member: GroupMember, result: JoinGroupResult): boolean {
    const waiter = member.joinWaiter;
    if (waiter === null) return false;
    this.setJoinWaiter(member, null);
    waiter(result);
    return true;
  }

  get hasAllMembersJoined(): boolean {
    return this.members.size === this.numMembersAwaitingJoin && this.pendingMembers.size === 0;
  }

  notYetRejoinedMembers(): GroupMember[] {
    return this.allMembers().filter((m) => !m.isAwaitingJoin);
  }

  /** The largest rebalance timeout of any member bounds how long a join phase waits. */
  get rebalanceTimeoutMs(): number {
    let max = 0;
    for (const member of this.members.values()) max = Math.max(max, member.rebalanceTimeoutMs);
    return max;
  }

  /** If the leader did not rejoin, hands leadership to a member that did; false if none did. */
  maybeElectNewJoinedLeader(): boolean {
    if (this.leaderId === null) return false;
    if (this.get(this.leaderId).isAwaitingJoin) return true;
    const joined = this.allMembers().find((m) => m.isAwaitingJoin);
    if (joined === undefined) return false;
    this.leaderId = joined.memberId;
    return true;
  }

  // ---- protocols

  /** Whether a member with this protocol type and these protocols could join the group. */
  supportsProtocols(protocolType: string, protocolNames: readonly string[]): boolean {
    if (this.members.size === 0) return protocolType.length > 0 && protocolNames.length > 0;
    return this.protocolType === protocolType && protocolNames.some((name) => this.supportedProtocols.get(name) === this.members.size);
  }

  /**
   * Each member votes for its most preferred protocol that every member supports; the most votes wins.
   * Kafka leaves ties to hash order; here the protocol first voted for in join order wins them.
   */
  selectProtocol(): string {
    if (this.members.size === 0) throw new Error(`cannot select a protocol for empty group ${this.groupId}`);
    const candidates = new Set<string>();
    for (const [name, count] of this.supportedProtocols) if (count === this.members.size) candidates.add(name);
    const votes = new Map<string, number>();
    for (const member of this.members.values()) {
      const choice = member.vote(candidates);
      votes.set(choice, (votes.get(choice) ?? 0) + 1);
    }
    let best = '';
    let bestVotes = 0;
    for (const [name, count] of votes) {
      if (count > bestVotes) {
        best = name;
        bestVotes = count;
      }
    }
    return best;
  }

  /** Opens the next generation once a join phase ends. */
  initNextGeneration(): void {
    this.generationId++;
    if (this.members.size > 0) {
      this.protocolName = this.selectProtocol();
      this.transitionTo('CompletingRebalance');
    } else {
      this.protocolName = null;
      this.transitionTo('Empty');
    }
    this.pendingSyncMembers.clear();
  }

  /** What the leader receives in its JoinGroup response: every member's metadata for the chosen protocol. */
  currentMemberMetadata(): JoinedMember[] {
    const protocolName = this.protocolName;
    if (protocolName === null) throw new Error(`group ${this.groupId} has no selected protocol`);
    return this.allMembers().map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      metadata: m.metadataFor(protocolName),
    }));
  }

  private countProtocols(protocols: readonly GroupProtocol[], delta: 1 | -1): void {
    // A member listing a protocol twice still counts once, or it could outvote the member count.
    for (const name of new Set(protocols.map((p) => p.name))) {
      const count = (this.supportedProtocols.get(name) ?? 0) + delta;
      if (count === 0) this.supportedProtocols.delete(name);
      else this.supportedProtocols.set(name, count);
    }
  }
}
