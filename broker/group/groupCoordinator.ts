// The group coordinator: Kafka's classic rebalance protocol (join, sync, heartbeat, leave), session
// and rebalance timeouts, and committed offsets, as sans-io domain logic driven by typed calls.

import { randomUUID } from 'node:crypto';
import { ConsumerGroup } from './consumerGroup.js';
import { systemClock, type GroupClock } from './groupClock.js';
import { ErrorCode } from '../protocol/errors.js';
import { GroupMember, type JoinWaiter, type SyncWaiter } from './groupMember.js';
import { joinError, syncError, UNKNOWN_MEMBER } from './groupResults.js';
import type {
  CommitOffsetsParams,
  DeleteGroupResult,
  FetchOffsetsParams,
  FetchOffsetsResult,
  GroupDescription,
  GroupListing,
  GroupState,
  HeartbeatParams,
  JoinGroupParams,
  JoinGroupResult,
  LeaveGroupParams,
  LeaveGroupResult,
  PartitionError,
  SyncGroupParams,
  SyncGroupResult,
  TopicPartition,
} from './groupTypes.js';
import { CONSUMER_PROTOCOL_TYPE, decodeSubscription } from './consumerProtocol.js';
import type { StoredGroup } from './groupMetadataRecords.js';
import { commitErrorFor, groupWriteErrorFor } from './groupWriteErrors.js';
import { InMemoryOffsetStore } from './inMemoryOffsetStore.js';
import type { OffsetStore, PartitionOffset } from './offsetStore.js';

export interface GroupCoordinatorOptions {
  /** Whether a topic partition exists; commits to others answer UNKNOWN_TOPIC_OR_PARTITION. */
  partitionExists: (topic: string, partition: number) => boolean;
  /**
   * NONE when this coordinator owns the group (it leads the group's offsets partition), else the
   * error to answer: NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS or COORDINATOR_NOT_AVAILABLE.
   * Without it every group is owned.
   */
  ownership?: (groupId: string) => number;
  clock?: GroupClock;
  offsetStore?: OffsetStore;
  /** group.initial.rebalance.delay.ms: how long a rebalance of an Empty group waits for more members. */
  initialRebalanceDelayMs?: number;
  /** group.min.session.timeout.ms */
  minSessionTimeoutMs?: number;
  /** group.max.session.timeout.ms */
  maxSessionTimeoutMs?: number;
  /** How long a new member's JoinGroup may wait before it is dropped (Kafka: 5 minutes). */
  newMemberJoinTimeoutMs?: number;
  /** offset.metadata.max.bytes, counted in characters as Kafka does. */
  maxOffsetMetadataSize?: number;
  newMemberId?: (clientId: string) => string;
  log?: (line: string) => void;
}

export const defaultGroupCoordinatorConfig = {
  initialRebalanceDelayMs: 3000,
  minSessionTimeoutMs: 6000,
  maxSessionTimeoutMs: 1_800_000,
  newMemberJoinTimeoutMs: 300_000,
  maxOffsetMetadataSize: 4096,
};

export class GroupCoordinator {
  private readonly groups = new Map<string, ConsumerGroup>();
  private readonly clock: GroupClock;
  private readonly offsets: OffsetStore;
  private readonly partitionExists: (topic: string, partition: number) => boolean;
  private readonly ownership: (groupId: string) => number;
  private readonly config: typeof defaultGroupCoordinatorConfig;
  private readonly newMemberId: (clientId: string) => string;
  private readonly log: (line: string) => void;
  private closed = false;

  constructor(options: GroupCoordinatorOptions) {
    this.partitionExists = options.partitionExists;
    this.ownership = options.ownership ?? (() => ErrorCode.NONE);
    this.clock = options.clock ?? systemClock;
    this.offsets = options.offsetStore ?? new InMemoryOffsetStore();
    this.config = {
      initialRebalanceDelayMs: options.initialRebalanceDelayMs ?? defaultGroupCoordinatorConfig.initialRebalanceDelayMs,
      minSessionTimeoutMs: options.minSessionTimeoutMs ?? defaultGroupCoordinatorConfig.minSessionTimeoutMs,
      maxSessionTimeoutMs: options.maxSessionTimeoutMs ?? defaultGroupCoordinatorConfig.maxSessionTimeoutMs,
      newMemberJoinTimeoutMs: options.newMemberJoinTimeoutMs ?? defaultGroupCoordinatorConfig.newMemberJoinTimeoutMs,
      maxOffsetMetadataSize: options.maxOffsetMetadataSize ?? defaultGroupCoordinatorConfig.maxOffsetMetadataSize,
    };
    this.newMemberId = options.newMemberId ?? ((clientId) => `${clientId}-${randomUUID()}`);
    this.log = options.log ?? (() => {});
  }

  // ================================================================ JoinGroup

  /** Resolves when the member's join completes: at once for errors, after the rebalance otherwise. */
  joinGroup(params: JoinGroupParams): Promise<JoinGroupResult> {
    return new Promise((resolve) => this.handleJoinGroup(params, resolve));
  }

  private handleJoinGroup(p: JoinGroupParams, respond: JoinWaiter): void {
    if (p.groupId === '') return respond(joinError(p.memberId, ErrorCode.INVALID_GROUP_ID));
    const notOwned = this.notOwned(p.groupId);
    if (notOwned !== null) return respond(joinError(p.memberId, notOwned));
    if (p.sessionTimeoutMs < this.config.minSessionTimeoutMs || p.sessionTimeoutMs > this.config.maxSessionTimeoutMs) {
      return respond(joinError(p.memberId, ErrorCode.INVALID_SESSION_TIMEOUT));
    }
    const isUnknownMember = p.memberId === UNKNOWN_MEMBER;
    let group = this.findGroup(p.groupId);
    if (group === undefined) {
      if (!isUnknownMember) return respond(joinError(p.memberId, ErrorCode.UNKNOWN_MEMBER_ID));
      group = new ConsumerGroup(p.groupId);
      this.groups.set(p.groupId, group);
    }
    if (isUnknownMember) this.joinNewMember(group, p, respond);
    else this.joinKnownMember(group, p, respond);
    this.tryCompleteJoin(group);
  }

  private joinNewMember(group: ConsumerGroup, p: JoinGroupParams, respond: JoinWaiter): void {
    if (group.is('Dead')) return respond(joinError(p.memberId, ErrorCode.COORDINATOR_NOT_AVAILABLE));
    if (!group.supportsProtocols(p.protocolType, p.protocols.map((x) => x.name))) {
      return respond(joinError(p.memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
    }
    const memberId = this.newMemberId(p.clientId);
    if (p.groupInstanceId !== null) {
      this.joinStaticMember(group, memberId, p, respond);
    } else if (p.requireKnownMemberId) {
      // The client must come back with this id; until then the join phase waits for it, and it is
      // forgotten if it does not return within its session timeout.
      const cancel = this.clock.schedule(p.sessionTimeoutMs, () => this.onPendingMemberExpired(group, memberId));
      group.addPendingMember(memberId, cancel);
      respond(joinError(memberId, ErrorCode.MEMBER_ID_REQUIRED));
    } else {
      this.addMemberAndRebalance(group, memberId, p, respond);
    }
  }

  /**
   * A static member skips MEMBER_ID_REQUIRED. A returning instance replaces its old member id (the old
   * one is fenced). In a Stable group whose protocol it still supports it takes the old member's place
   * and assignment without a rebalance, as in Kafka; otherwise the group rebalances.
   */
  private joinStaticMember(group: ConsumerGroup, memberId: string, p: JoinGroupParams, respond: JoinWaiter): void {
    const oldMemberId = group.currentStaticMemberId(p.groupInstanceId!);
    if (oldMemberId !== undefined && group.has(oldMemberId)) {
      const old = group.get(oldMemberId);
      group.maybeInvokeJoinWaiter(old, joinError(oldMemberId, ErrorCode.FENCED_INSTANCE_ID));
      this.answerSync(old, syncError(ErrorCode.FENCED_INSTANCE_ID));
      this.cancelExpiration(old);
      const keepsProtocol =
        group.is('Stable') && p.protocolType === group.protocolType && p.protocols.some((x) => x.name === group.protocolName);
      if (keepsProtocol) {
        const replacement = this.newMember(memberId, p);
        group.replaceStaticMember(old, replacement);
        this.log(`group ${group.groupId}: static member ${p.groupInstanceId ?? ''} rejoined as ${memberId}, no rebalance`);
        this.scheduleHeartbeatExpiration(group, replacement);
        const isLeader = group.isLeader(memberId);
        // The leader is told to skip the assignment (JoinGroup v9+): the group keeps the one it has.
        respond({ ...this.joinSuccess(group, replacement, isLeader), skipAssignment: isLeader });
        this.persistGroup(group);
        return;
      }
      group.remove(oldMemberId);
    }
    this.addMemberAndRebalance(group, memberId, p, respond);
  }

  private newMember(memberId: string, p: JoinGroupParams): GroupMember {
    return new GroupMember(
      memberId,
      p.groupInstanceId,
      p.clientId,
      p.clientHost,
      p.rebalanceTimeoutMs,
      p.sessionTimeoutMs,
      p.protocolType,
      p.protocols,
    );
  }

  private joinKnownMember(group: ConsumerGroup, p: JoinGroupParams, respond: JoinWaiter): void {
    const { memberId } = p;
    if (group.is('Dead')) return respond(joinError(memberId, ErrorCode.COORDINATOR_NOT_AVAILABLE));
    if (!group.supportsProtocols(p.protocolType, p.protocols.map((x) => x.name))) {
      return respond(joinError(memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
    }
    if (group.isPendingMember(memberId)) {
      // The second half of the MEMBER_ID_REQUIRED handshake. Pending members are never static.
      return this.addMemberAndRebalance(group, memberId, { ...p, groupInstanceId: null }, respond);
    }
    if (group.isStaticMemberFenced(p.groupInstanceId, memberId)) {
      return respond(joinError(memberId, ErrorCode.FENCED_INSTANCE_ID));
    }
    if (!group.has(memberId) || (p.groupInstanceId !== null && !group.hasStaticMember(p.groupInstanceId))) {
      return respond(joinError(memberId, ErrorCode.UNKNOWN_MEMBER_ID));
    }
    const member = group.get(memberId);
    switch (group.state) {
      case 'PreparingRebalance':
        return this.updateMemberAndRebalance(group, member, p, respond, 'member rejoined');
      case 'CompletingRebalance':
        if (member.matches(p.protocols)) {
          // The member probably lost its JoinGroup response: give it the current generation again.
          return respond(this.joinSuccess(group, member, group.isLeader(memberId)));
        }
        return this.updateMemberAndRebalance(group, member, p, respond, `member ${memberId} changed its metadata`);
      case 'Stable':
        if (group.isLeader(memberId)) {
          // The leader rejoins to force a rebalance for changes its metadata does not show (new partitions).
          return this.updateMemberAndRebalance(group, member, p, respond, `leader ${memberId} rejoined`);
        }
        if (!member.matches(p.protocols)) {
          return this.updateMemberAndRebalance(group, member, p, respond, `member ${memberId} changed its metadata`);
        }
        return respond(this.joinSuccess(group, member, false));
      case 'Empty':
      case 'Dead':
        return respond(joinError(memberId, ErrorCode.UNKNOWN_MEMBER_ID));
    }
  }

  private addMemberAndRebalance(group: ConsumerGroup, memberId: string, p: JoinGroupParams, respond: JoinWaiter): void {
    const member = this.newMember(memberId, p);
    member.isNew = true;
    if (group.is('PreparingRebalance') && group.generationId === 0) group.newMemberAdded = true;
    group.add(member, respond);
    // A new member cannot heartbeat until it has its join response, so it gets a longer fuse; if its
    // client gave up and retried, the stale member is dropped when that fuse burns.
    this.scheduleExpiration(group, member, this.config.newMemberJoinTimeoutMs);
    this.maybePrepareRebalance(group, `adding member ${memberId}`);
  }

  private updateMemberAndRebalance(
    group: ConsumerGroup,
    member: GroupMember,
    p: JoinGroupParams,
    respond: JoinWaiter,
    reason: string,
  ): void {
    // Kafka drops a superseded JoinGroup silently (its connection is gone); here it must still be
    // answered, and REBALANCE_IN_PROGRESS just sends a live client back to join.
    const superseded = member.joinWaiter;
    group.updateMember(member, p.protocols, p.rebalanceTimeoutMs, p.sessionTimeoutMs, respond);
    superseded?.(joinError(member.memberId, ErrorCode.REBALANCE_IN_PROGRESS));
    this.maybePrepareRebalance(group, reason);
  }

  private joinSuccess(group: ConsumerGroup, member: GroupMember, withMembers: boolean): JoinGroupResult {
    return {
      errorCode: ErrorCode.NONE,
      generationId: group.generationId,
      protocolType: group.protocolType,
      protocolName: group.protocolName,
      leader: group.leaderId ?? UNKNOWN_MEMBER,
      skipAssignment: false,
      memberId: member.memberId,
      members: withMembers ? group.currentMemberMetadata() : [],
    };
  }

  // ================================================================ rebalance phases

  private maybePrepareRebalance(group: ConsumerGroup, reason: string): void {
    if (group.canRebalance) this.prepareRebalance(group, reason);
  }

  private prepareRebalance(group: ConsumerGroup, reason: string): void {
    if (group.is('CompletingRebalance')) {
      // Members parked in SyncGroup will never get this generation's assignment: send them back to join.
      this.resetAndPropagateAssignmentError(group, ErrorCode.REBALANCE_IN_PROGRESS);
    }
    this.cancelSyncTimer(group);
    const fromEmpty = group.is('Empty');
    group.transitionTo('PreparingRebalance');
    this.log(`group ${group.groupId}: preparing rebalance (generation ${group.generationId}): ${reason}`);
    group.cancelJoinTimer?.();
    const delay = this.config.initialRebalanceDelayMs;
    if (fromEmpty && delay > 0) {
      group.inInitialDelay = true;
      const remaining = Math.max(group.rebalanceTimeoutMs - delay, 0);
      group.cancelJoinTimer = this.clock.schedule(delay, () => this.onInitialDelayExpired(group, remaining));
    } else {
      group.inInitialDelay = false;
      group.cancelJoinTimer = this.clock.schedule(group.rebalanceTimeoutMs, () => this.completeJoin(group));
      this.tryCompleteJoin(group);
    }
  }

  /** While members keep arriving in a new group, the delay repeats, up to the rebalance timeout. */
  private onInitialDelayExpired(group: ConsumerGroup, remainingMs: number): void {
    group.cancelJoinTimer = null;
    if (!group.is('PreparingRebalance')) return;
    if (group.newMemberAdded && remainingMs > 0) {
      group.newMemberAdded = false;
      const delay = Math.min(this.config.initialRebalanceDelayMs, remainingMs);
      const remaining = Math.max(remainingMs - delay, 0);
      group.cancelJoinTimer = this.clock.schedule(delay, () => this.onInitialDelayExpired(group, remaining));
      return;
    }
    group.inInitialDelay = false;
    this.completeJoin(group);
  }

  /** Ends the join phase early once every known member has rejoined (not during the initial delay). */
  private tryCompleteJoin(group: ConsumerGroup): void {
    if (group.is('PreparingRebalance') && !group.inInitialDelay && group.hasAllMembersJoined) this.completeJoin(group);
  }

  private completeJoin(group: ConsumerGroup): void {
    if (!group.is('PreparingRebalance')) return;
    group.cancelJoinTimer?.();
    group.cancelJoinTimer = null;
    group.inInitialDelay = false;
    for (const member of group.notYetRejoinedMembers()) {
      if (member.isStatic) continue;
      this.log(`group ${group.groupId}: removing member ${member.memberId}, which did not rejoin in time`);
      this.cancelExpiration(member);
      this.answerSync(member, syncError(ErrorCode.UNKNOWN_MEMBER_ID));
      group.remove(member.memberId);
    }
    if (!group.maybeElectNewJoinedLeader() && group.size > 0) {
      // Only static members that have not rejoined are left: wait for them or for their sessions to end.
      group.cancelJoinTimer = this.clock.schedule(group.rebalanceTimeoutMs, () => this.completeJoin(group));
      return;
    }
    group.initNextGeneration();
    if (group.is('Empty')) {
      this.log(`group ${group.groupId}: generation ${group.generationId} is empty`);
      this.persistGroup(group);
      return;
    }
    this.log(
      `group ${group.groupId}: generation ${group.generationId} with ${group.size} members, protocol ${group.protocolName ?? ''}`,
    );
    for (const member of group.allMembers()) {
      group.maybeInvokeJoinWaiter(member, this.joinSuccess(group, member, group.isLeader(member.memberId)));
      this.scheduleHeartbeatExpiration(group, member);
      member.isNew = false;
    }
    group.resetPendingSyncMembers(group.allMembers().map((m) => m.memberId));
    this.schedulePendingSyncExpiration(group);
  }

  // ================================================================ SyncGroup

  /** Followers' calls resolve when the leader's assignment arrives (or the rebalance is abandoned). */
  syncGroup(params: SyncGroupParams): Promise<SyncGroupResult> {
    return new Promise((resolve) => this.handleSyncGroup(params, resolve));
  }

  private handleSyncGroup(p: SyncGroupParams, respond: SyncWaiter): void {
    if (p.groupId === '') return respond(syncError(ErrorCode.INVALID_GROUP_ID));
    const notOwned = this.notOwned(p.groupId);
    if (notOwned !== null) return respond(syncError(notOwned));
    const group = this.findGroup(p.groupId);
    if (group === undefined) return respond(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    if (group.is('Dead')) return respond(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE));
    const invalid = this.validateCurrentMember(group, p.memberId, p.groupInstanceId ?? null) ?? this.validateSyncProtocol(group, p);
    if (invalid !== null) return respond(syncError(invalid));

    const member = group.get(p.memberId);
    switch (group.state) {
      case 'Empty':
        return respond(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
      case 'PreparingRebalance':
        return respond(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
      case 'CompletingRebalance': {
        const superseded = member.syncWaiter;
        member.syncWaiter = respond;
        superseded?.(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
        this.removePendingSyncMember(group, member.memberId);
        if (group.isLeader(member.memberId)) this.storeAssignment(group, p.assignments);
        return;
      }
      case 'Stable':
        this.removePendingSyncMember(group, member.memberId);
        respond({
          errorCode: ErrorCode.NONE,
          protocolType: group.protocolType,
          protocolName: group.protocolName,
          assignment: member.assignment,
        });
        return this.scheduleHeartbeatExpiration(group, member);
      case 'Dead':
        return respond(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE));
    }
  }

  /**
   * As Kafka does, the assignment goes out only once the group with it is stored on every in-sync
   * replica, so a new coordinator knows the generation; the group stays CompletingRebalance meanwhile.
   * A failed write sends the members back to join.
   */
  private storeAssignment(group: ConsumerGroup, given: SyncGroupParams['assignments']): void {
    // Members the leader left out get an empty assignment; ids it invented are ignored.
    const byMember = new Map(given.map((a) => [a.memberId, a.assignment]));
    const assignments = new Map(group.allMembers().map((m) => [m.memberId, byMember.get(m.memberId) ?? Buffer.alloc(0)]));
    const generationId = group.generationId;
    const stored = this.offsets.putGroup(this.snapshotOf(group, (m) => assignments.get(m.memberId) ?? Buffer.alloc(0)));
    stored.then(
      () => {
        if (!group.is('CompletingRebalance') || group.generationId !== generationId) return;
        for (const m of group.allMembers()) m.assignment = assignments.get(m.memberId) ?? Buffer.alloc(0);
        this.propagateAssignment(group, ErrorCode.NONE);
        group.transitionTo('Stable');
        this.log(`group ${group.groupId}: generation ${group.generationId} is stable`);
      },
      (error: unknown) => {
        this.log(`group ${group.groupId}: storing generation ${generationId} failed: ${String(error)}`);
        if (!group.is('CompletingRebalance') || group.generationId !== generationId) return;
        this.resetAndPropagateAssignmentError(group, groupWriteErrorFor(error));
        this.maybePrepareRebalance(group, 'storing the group assignment failed');
      },
    );
  }

  private validateSyncProtocol(group: ConsumerGroup, p: SyncGroupParams): number | null {
    if (p.generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
    const typeMismatch = p.protocolType != null && p.protocolType !== group.protocolType;
    const nameMismatch = p.protocolName != null && p.protocolName !== group.protocolName;
    return typeMismatch || nameMismatch ? ErrorCode.INCONSISTENT_GROUP_PROTOCOL : null;
  }

  private propagateAssignment(group: ConsumerGroup, errorCode: number): void {
    const ok = errorCode === ErrorCode.NONE;
    for (const member of group.allMembers()) {
      const answered = this.answerSync(member, {
        errorCode,
        protocolType: ok ? group.protocolType : null,
        protocolName: ok ? group.protocolName : null,
        assignment: member.assignment,
      });
      // A session that ran out while the member waited in SyncGroup was ignored; restart it now.
      if (answered) this.scheduleHeartbeatExpiration(group, member);
    }
  }

  private resetAndPropagateAssignmentError(group: ConsumerGroup, errorCode: number): void {
    for (const member of group.allMembers()) member.assignment = Buffer.alloc(0);
    this.propagateAssignment(group, errorCode);
  }

  private answerSync(member: GroupMember, result: SyncGroupResult): boolean {
    const waiter = member.syncWaiter;
    if (waiter === null) return false;
    member.syncWaiter = null;
    waiter(result);
    return true;
  }

  private removePendingSyncMember(group: ConsumerGroup, memberId: string): void {
    group.removePendingSyncMember(memberId);
    if (group.hasReceivedSyncFromAllMembers) this.cancelSyncTimer(group);
  }

  /** Members of a new generation that never send SyncGroup are evicted after the rebalance timeout. */
  private schedulePendingSyncExpiration(group: ConsumerGroup): void {
    this.cancelSyncTimer(group);
    const generationId = group.generationId;
    group.cancelSyncTimer = this.clock.schedule(group.rebalanceTimeoutMs, () => {
      group.cancelSyncTimer = null;
      if (generationId !== group.generationId) return;
      if (!group.is('CompletingRebalance') && !group.is('Stable')) return;
      const missing = group.allPendingSyncMembers();
      if (missing.length === 0) return;
      this.log(`group ${group.groupId}: removing members that sent no SyncGroup: ${missing.join(', ')}`);
      for (const memberId of missing) {
        this.cancelExpiration(group.get(memberId));
        group.remove(memberId);
      }
      this.maybePrepareRebalance(group, 'members did not sync in time');
    });
  }

  private cancelSyncTimer(group: ConsumerGroup): void {
    group.cancelSyncTimer?.();
    group.cancelSyncTimer = null;
  }

  // ================================================================ Heartbeat

  heartbeat(p: HeartbeatParams): number {
    if (p.groupId === '') return ErrorCode.INVALID_GROUP_ID;
    const notOwned = this.notOwned(p.groupId);
    if (notOwned !== null) return notOwned;
    const group = this.findGroup(p.groupId);
    if (group === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (group.is('Dead')) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    const invalid = this.validateCurrentMember(group, p.memberId, p.groupInstanceId ?? null);
    if (invalid !== null) return invalid;
    if (p.generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
    switch (group.state) {
      case 'Empty':
        return ErrorCode.UNKNOWN_MEMBER_ID;
      case 'CompletingRebalance':
      case 'Stable':
        this.scheduleHeartbeatExpiration(group, group.get(p.memberId));
        return ErrorCode.NONE;
      case 'PreparingRebalance':
        this.scheduleHeartbeatExpiration(group, group.get(p.memberId));
        return ErrorCode.REBALANCE_IN_PROGRESS;
      case 'Dead':
        return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    }
  }

  private scheduleHeartbeatExpiration(group: ConsumerGroup, member: GroupMember): void {
    this.scheduleExpiration(group, member, member.sessionTimeoutMs);
  }

  private scheduleExpiration(group: ConsumerGroup, member: GroupMember, timeoutMs: number): void {
    member.cancelExpiration?.();
    member.cancelExpiration = this.clock.schedule(timeoutMs, () => {
      member.cancelExpiration = null;
      this.onMemberExpired(group, member);
    });
  }

  private cancelExpiration(member: GroupMember): void {
    member.cancelExpiration?.();
    member.cancelExpiration = null;
  }

  private onMemberExpired(group: ConsumerGroup, member: GroupMember): void {
    if (group.is('Dead') || !group.has(member.memberId) || group.get(member.memberId) !== member) return;
    // A member parked in JoinGroup or SyncGroup cannot heartbeat; the rebalance and pending-sync
    // timeouts bound those waits instead. A new member's fuse is the new-member join timeout.
    if (!member.isNew && (member.isAwaitingJoin || member.isAwaitingSync)) return;
    this.log(`group ${group.groupId}: member ${member.memberId} expired, removing it`);
    this.removeMemberAndUpdateGroup(group, member, `member ${member.memberId} expired`);
  }

  private onPendingMemberExpired(group: ConsumerGroup, memberId: string): void {
    if (!group.isPendingMember(memberId)) return;
    this.log(`group ${group.groupId}: pending member ${memberId} never joined, forgetting it`);
    this.removePendingMemberAndUpdateGroup(group, memberId);
  }

  private removeMemberAndUpdateGroup(group: ConsumerGroup, member: GroupMember, reason: string): void {
    // A member removed while parked still gets an answer: UNKNOWN_MEMBER_ID makes a live client rejoin.
    group.maybeInvokeJoinWaiter(member, joinError(UNKNOWN_MEMBER, ErrorCode.UNKNOWN_MEMBER_ID));
    this.answerSync(member, syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    this.cancelExpiration(member);
    group.remove(member.memberId);
    switch (group.state) {
      case 'Stable':
      case 'CompletingRebalance':
        return this.maybePrepareRebalance(group, reason);
      case 'PreparingRebalance':
        return this.tryCompleteJoin(group);
      case 'Empty':
      case 'Dead':
        return;
    }
  }

  private removePendingMemberAndUpdateGroup(group: ConsumerGroup, memberId: string): void {
    group.remove(memberId);
    this.tryCompleteJoin(group);
  }

  // ================================================================ LeaveGroup

  leaveGroup(p: LeaveGroupParams): LeaveGroupResult {
    if (p.groupId === '') return { errorCode: ErrorCode.INVALID_GROUP_ID, members: [] };
    const notOwned = this.notOwned(p.groupId);
    if (notOwned !== null) return { errorCode: notOwned, members: [] };
    const group = this.findGroup(p.groupId);
    const answer = (m: { memberId: string; groupInstanceId: string | null }, errorCode: number) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      errorCode,
    });
    if (group === undefined) {
      return { errorCode: ErrorCode.NONE, members: p.members.map((m) => answer(m, ErrorCode.UNKNOWN_MEMBER_ID)) };
    }
    if (group.is('Dead')) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, members: [] };
    const members = p.members.map((leaving) => {
      if (leaving.memberId === UNKNOWN_MEMBER) {
        // Administrative removal of a static member by its instance id.
        const current = leaving.groupInstanceId === null ? undefined : group.currentStaticMemberId(leaving.groupInstanceId);
        if (current === undefined || !group.has(current)) return answer(leaving, ErrorCode.UNKNOWN_MEMBER_ID);
        this.removeMemberAndUpdateGroup(group, group.get(current), `static member ${current} removed by LeaveGroup`);
        return answer(leaving, ErrorCode.NONE);
      }
      if (group.isPendingMember(leaving.memberId)) {
        this.removePendingMemberAndUpdateGroup(group, leaving.memberId);
        return answer(leaving, ErrorCode.NONE);
      }
      const invalid = this.validateCurrentMember(group, leaving.memberId, leaving.groupInstanceId);
      if (invalid !== null) return answer(leaving, invalid);
      this.removeMemberAndUpdateGroup(group, group.get(leaving.memberId), `member ${leaving.memberId} left`);
      return answer(leaving, ErrorCode.NONE);
    });
    return { errorCode: ErrorCode.NONE, members };
  }

  // ================================================================ offsets

  /** One error code per requested partition, in request order. */
  async commitOffsets(p: CommitOffsetsParams): Promise<PartitionError[]> {
    const errors = new Map<number, number>();
    const valid: number[] = [];
    p.offsets.forEach((o, i) => {
      if (this.partitionExists(o.topic, o.partition)) valid.push(i);
      else errors.set(i, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    });
    const answer = () => p.offsets.map((o, i) => ({ topic: o.topic, partition: o.partition, errorCode: errors.get(i) ?? ErrorCode.NONE }));
    const failAll = (errorCode: number) => {
      for (const i of valid) errors.set(i, errorCode);
      return answer();
    };
    if (valid.length === 0) return answer();
    const notOwned = this.notOwned(p.groupId);
    if (notOwned !== null) return failAll(notOwned);

    let group = this.findGroup(p.groupId);
    if (group === undefined) {
      // Without group management (generation < 0) the commit creates an Empty group; otherwise the
      // committer belongs to a generation this coordinator never had.
      if (p.generationId >= 0) return failAll(ErrorCode.ILLEGAL_GENERATION);
      group = new ConsumerGroup(p.groupId);
      this.groups.set(p.groupId, group);
    }
    const invalid = this.validateOffsetCommit(group, p);
    if (invalid !== null) return failAll(invalid);
    switch (group.state) {
      case 'CompletingRebalance':
        // The committer has this generation's JoinGroup answer but no assignment yet.
        return failAll(ErrorCode.REBALANCE_IN_PROGRESS);
      case 'Stable':
      case 'PreparingRebalance':
        // Commits stay allowed while preparing; the member learns of the rebalance from its heartbeat.
        this.scheduleHeartbeatExpiration(group, group.get(p.memberId));
        break;
      case 'Empty':
      case 'Dead':
        break;
    }

    const now = this.clock.now();
    const toStore: PartitionOffset[] = [];
    const stored: number[] = [];
    for (const i of valid) {
      const o = p.offsets[i];
      const metadata = o.metadata ?? '';
      if (metadata.length > this.config.maxOffsetMetadataSize) {
        errors.set(i, ErrorCode.OFFSET_METADATA_TOO_LARGE);
        continue;
      }
      toStore.push({ topic: o.topic, partition: o.partition, offset: o.offset, leaderEpoch: o.leaderEpoch, metadata, commitTimestampMs: now });
      stored.push(i);
    }
    if (toStore.length > 0) {
      try {
        // Resolves once every in-sync replica has the commit; only then does OffsetFetch see it.
        await this.offsets.put(p.groupId, toStore);
      } catch (error) {
        this.log(`group ${p.groupId}: storing offsets failed: ${String(error)}`);
        const errorCode = commitErrorFor(error);
        for (const i of stored) errors.set(i, errorCode);
      }
    }
    return answer();
  }

  private validateOffsetCommit(group: ConsumerGroup, p: CommitOffsetsParams): number | null {
    if (group.is('Dead')) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    const instanceId = p.groupInstanceId ?? null;
    if (p.generationId >= 0 || p.memberId !== UNKNOWN_MEMBER || instanceId !== null) {
      const invalid = this.validateCurrentMember(group, p.memberId, instanceId);
      if (invalid !== null) return invalid;
      return p.generationId === group.generationId ? null : ErrorCode.ILLEGAL_GENERATION;
    }
    // A commit from outside the group is only allowed while the group has no members.
    return group.is('Empty') ? null : ErrorCode.UNKNOWN_MEMBER_ID;
  }

  /** Committed offsets, whatever the group's state: groups may commit without group management. */
  fetchOffsets(p: FetchOffsetsParams): Promise<FetchOffsetsResult> {
    const notOwned = this.notOwned(p.groupId);
    if (notOwned !== null) return Promise.resolve({ errorCode: notOwned, offsets: [] });
    if (p.partitions === null) {
      const offsets = this.offsets.list(p.groupId).map((o) => ({
        topic: o.topic,
        partition: o.partition,
        offset: o.offset,
        leaderEpoch: o.leaderEpoch,
        metadata: o.metadata,
        errorCode: ErrorCode.NONE,
      }));
      return Promise.resolve({ errorCode: ErrorCode.NONE, offsets });
    }
    const offsets = p.partitions.map(({ topic, partition }) => {
      const committed = this.offsets.get(p.groupId, topic, partition);
      return {
        topic,
        partition,
        offset: committed?.offset ?? -1n,
        leaderEpoch: committed?.leaderEpoch ?? -1,
        metadata: committed?.metadata ?? '',
        errorCode: ErrorCode.NONE,
      };
    });
    return Promise.resolve({ errorCode: ErrorCode.NONE, offsets });
  }

  // ================================================================ describe, list, delete

  describeGroup(groupId: string): GroupDescription {
    const base = { groupId, protocolType: '', protocolName: '', generationId: -1, leaderId: '', members: [] };
    const notOwned = this.notOwned(groupId);
    if (notOwned !== null) return { ...base, errorCode: notOwned, state: 'Dead' };
    const group = this.findGroup(groupId);
    if (group === undefined) return { ...base, errorCode: ErrorCode.NONE, state: 'Dead' };
    const stable = group.is('Stable');
    const protocolName = group.protocolName ?? '';
    return {
      errorCode: ErrorCode.NONE,
      groupId,
      state: group.state,
      protocolType: group.protocolType ?? '',
      protocolName: stable ? protocolName : '',
      generationId: group.generationId,
      leaderId: group.leaderId ?? '',
      members: group.allMembers().map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        metadata: stable ? m.metadataFor(protocolName) : Buffer.alloc(0),
        assignment: stable ? m.assignment : Buffer.alloc(0),
      })),
    };
  }

  /** Every group this coordinator knows, optionally only those in the given states. */
  listGroups(states: readonly GroupState[] = []): GroupListing[] {
    const listed: GroupListing[] = [];
    const seen = new Set<string>();
    for (const group of this.groups.values()) {
      seen.add(group.groupId);
      if (states.length > 0 && !states.includes(group.state)) continue;
      listed.push({ groupId: group.groupId, protocolType: group.protocolType ?? '', state: group.state });
    }
    // A durable store may know groups that only have offsets (for example after a restart).
    if (states.length === 0 || states.includes('Empty')) {
      for (const groupId of this.offsets.groupIds()) {
        if (!seen.has(groupId)) listed.push({ groupId, protocolType: this.offsets.getGroup(groupId)?.protocolType ?? '', state: 'Empty' });
      }
    }
    return listed;
  }

  /** Deletes Empty groups and their offsets; groups with members answer NON_EMPTY_GROUP. */
  async deleteGroups(groupIds: readonly string[]): Promise<DeleteGroupResult[]> {
    const results: DeleteGroupResult[] = [];
    for (const groupId of groupIds) {
      const notOwned = this.notOwned(groupId);
      if (notOwned !== null) {
        results.push({ groupId, errorCode: notOwned });
        continue;
      }
      const group = this.findGroup(groupId);
      if (group === undefined || group.is('Dead')) {
        const hasOffsets = this.offsets.list(groupId).length > 0;
        const errorCode = hasOffsets ? await this.deleteStored(groupId) : ErrorCode.GROUP_ID_NOT_FOUND;
        results.push({ groupId, errorCode });
        continue;
      }
      if (!group.is('Empty')) {
        results.push({ groupId, errorCode: ErrorCode.NON_EMPTY_GROUP });
        continue;
      }
      group.transitionTo('Dead');
      this.groups.delete(groupId);
      results.push({ groupId, errorCode: await this.deleteStored(groupId) });
    }
    return results;
  }

  private async deleteStored(groupId: string): Promise<number> {
    try {
      await this.offsets.delete(groupId);
      return ErrorCode.NONE;
    } catch (error) {
      this.log(`group ${groupId}: deleting the group failed: ${String(error)}`);
      return groupWriteErrorFor(error);
    }
  }

  // ================================================================ OffsetDelete

  /**
   * Deletes committed offsets of the given partitions. An Empty group loses any of them; a consumer
   * group with members keeps those of topics it subscribes to (GROUP_SUBSCRIBED_TO_TOPIC), as in Kafka.
   */
  async deleteOffsets(groupId: string, partitions: readonly TopicPartition[]): Promise<{ errorCode: number; partitions: PartitionError[] }> {
    if (groupId === '') return { errorCode: ErrorCode.INVALID_GROUP_ID, partitions: [] };
    const notOwned = this.notOwned(groupId);
    if (notOwned !== null) return { errorCode: notOwned, partitions: [] };
    const group = this.findGroup(groupId);
    if (group === undefined || group.is('Dead')) {
      if (this.offsets.list(groupId).length === 0) return { errorCode: ErrorCode.GROUP_ID_NOT_FOUND, partitions: [] };
    }
    let subscribed: ReadonlySet<string> | null = new Set();
    if (group !== undefined && group.size > 0) {
      if (group.protocolType !== CONSUMER_PROTOCOL_TYPE) return { errorCode: ErrorCode.NON_EMPTY_GROUP, partitions: [] };
      subscribed = this.subscribedTopics(group);
    }
    const results: PartitionError[] = [];
    const deletable: TopicPartition[] = [];
    for (const tp of partitions) {
      // Without readable subscriptions every topic counts as subscribed, so nothing in use is lost.
      const inUse = subscribed === null || subscribed.has(tp.topic);
      if (inUse) {
        results.push({ ...tp, errorCode: ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC });
      } else {
        deletable.push(tp);
        results.push({ ...tp, errorCode: ErrorCode.NONE });
      }
    }
    try {
      await this.offsets.deleteOffsets(groupId, deletable);
    } catch (error) {
      this.log(`group ${groupId}: deleting offsets failed: ${String(error)}`);
      return { errorCode: groupWriteErrorFor(error), partitions: [] };
    }
    return { errorCode: ErrorCode.NONE, partitions: results };
  }

  /** The topics the group's members subscribe to, or null when a subscription cannot be read. */
  private subscribedTopics(group: ConsumerGroup): Set<string> | null {
    const topics = new Set<string>();
    for (const member of group.allMembers()) {
      const protocolName = group.protocolName ?? member.protocols[0]?.name;
      if (protocolName === undefined) return null;
      const subscription = decodeSubscription(member.metadataFor(protocolName));
      if (subscription === null) return null;
      for (const topic of subscription.topics) topics.add(topic);
    }
    return topics;
  }

  // ================================================================ ownership and persistence

  /** Why this coordinator may not serve the group, or null when it may. */
  private notOwned(groupId: string): number | null {
    if (this.closed) return ErrorCode.NOT_COORDINATOR;
    const errorCode = this.ownership(groupId);
    return errorCode === ErrorCode.NONE ? null : errorCode;
  }

  /** The live group, or the one the store remembers (after a restart or a failover), revived Empty. */
  private findGroup(groupId: string): ConsumerGroup | undefined {
    const live = this.groups.get(groupId);
    if (live !== undefined) return live;
    const stored = this.offsets.getGroup(groupId);
    if (stored === undefined) return undefined;
    // Its members' sessions ended with the old coordinator: they rejoin and start a new generation.
    const group = new ConsumerGroup(groupId);
    group.generationId = stored.generationId;
    group.protocolType = stored.protocolType === '' ? null : stored.protocolType;
    this.groups.set(groupId, group);
    return group;
  }

  /**
   * Writes the group as of this generation to the store, without waiting: an Empty generation and a
   * static member's replacement answer no one on it, and the log keeps the write ordered before any
   * later commit or deletion of the group.
   */
  private persistGroup(group: ConsumerGroup): void {
    this.offsets.putGroup(this.snapshotOf(group, (m) => m.assignment)).catch((error: unknown) => {
      this.log(`group ${group.groupId}: storing group metadata failed: ${String(error)}`);
    });
  }

  private snapshotOf(group: ConsumerGroup, assignmentOf: (member: GroupMember) => Buffer): StoredGroup {
    const protocolName = group.protocolName;
    return {
      groupId: group.groupId,
      protocolType: group.protocolType ?? '',
      generationId: group.generationId,
      protocolName,
      leaderId: group.leaderId,
      stateTimestampMs: this.clock.now(),
      members: group.allMembers().map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        rebalanceTimeoutMs: m.rebalanceTimeoutMs,
        sessionTimeoutMs: m.sessionTimeoutMs,
        subscription: protocolName === null ? Buffer.alloc(0) : m.metadataFor(protocolName),
        assignment: assignmentOf(m),
      })),
    };
  }

  /**
   * Forgets the groups this coordinator no longer owns (their offsets partition moved away): parked
   * requests get NOT_COORDINATOR and the clients find the new coordinator.
   */
  unloadGroups(isGone: (groupId: string) => boolean): void {
    for (const group of [...this.groups.values()]) {
      if (!isGone(group.groupId)) continue;
      this.unloadGroup(group);
      this.groups.delete(group.groupId);
    }
  }

  // ================================================================ shutdown

  /**
   * Stops all timers and answers every parked JoinGroup and SyncGroup with NOT_COORDINATOR, so
   * clients look for the coordinator again. Kafka does this per group when it unloads a partition.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const group of this.groups.values()) this.unloadGroup(group);
    this.groups.clear();
  }

  private unloadGroup(group: ConsumerGroup): void {
    group.cancelJoinTimer?.();
    group.cancelJoinTimer = null;
    this.cancelSyncTimer(group);
    for (const memberId of group.pendingMemberIds()) group.removePendingMember(memberId);
    for (const member of group.allMembers()) {
      this.cancelExpiration(member);
      group.maybeInvokeJoinWaiter(member, joinError(member.memberId, ErrorCode.NOT_COORDINATOR));
      this.answerSync(member, syncError(ErrorCode.NOT_COORDINATOR));
    }
    group.transitionTo('Dead');
  }

  // ================================================================ shared checks

  /** The member id must be in the group and, for a static member, still own its instance id. */
  private validateCurrentMember(group: ConsumerGroup, memberId: string, groupInstanceId: string | null): number | null {
    if (groupInstanceId !== null) {
      if (!group.hasStaticMember(groupInstanceId)) return ErrorCode.UNKNOWN_MEMBER_ID;
      if (group.isStaticMemberFenced(groupInstanceId, memberId)) return ErrorCode.FENCED_INSTANCE_ID;
      return null;
    }
    return group.has(memberId) ? null : ErrorCode.UNKNOWN_MEMBER_ID;
  }
}
