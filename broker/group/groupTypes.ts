// The group coordinator's typed inputs and outputs. Request handlers translate wire requests into
// these and back; nothing here knows an API version or a byte layout.

export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

export interface GroupProtocol {
  name: string;
  metadata: Buffer;
}

export interface JoinGroupParams {
  groupId: string;
  /** '' for a member joining for the first time. */
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  /** JoinGroup v0 has none: pass sessionTimeoutMs, as Kafka does. */
  rebalanceTimeoutMs: number;
  protocolType: string;
  /** In the member's order of preference. */
  protocols: GroupProtocol[];
  /** True from JoinGroup v4: a new member first receives MEMBER_ID_REQUIRED and its id. */
  requireKnownMemberId: boolean;
  /** Only for logs; KIP-800. */
  reason?: string | null;
}

export interface JoinedMember {
  memberId: string;
  groupInstanceId: string | null;
  metadata: Buffer;
}

export interface JoinGroupResult {
  errorCode: number;
  generationId: number;
  protocolType: string | null;
  protocolName: string | null;
  leader: string;
  skipAssignment: boolean;
  memberId: string;
  /** Filled for the leader only. */
  members: JoinedMember[];
}

export interface MemberAssignment {
  memberId: string;
  assignment: Buffer;
}

export interface SyncGroupParams {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId?: string | null;
  /** SyncGroup v5+ carries these; when given they must match the group's. */
  protocolType?: string | null;
  protocolName?: string | null;
  /** Sent by the leader only; empty for followers. */
  assignments: MemberAssignment[];
}

export interface SyncGroupResult {
  errorCode: number;
  protocolType: string | null;
  protocolName: string | null;
  assignment: Buffer;
}

export interface HeartbeatParams {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId?: string | null;
}

export interface LeavingMember {
  /** '' to remove a static member by its groupInstanceId (admin removal). */
  memberId: string;
  groupInstanceId: string | null;
  reason?: string | null;
}

export interface LeaveGroupParams {
  groupId: string;
  members: LeavingMember[];
}

export interface LeaveGroupResult {
  errorCode: number;
  members: { memberId: string; groupInstanceId: string | null; errorCode: number }[];
}

export interface OffsetToCommit {
  topic: string;
  partition: number;
  offset: bigint;
  /** -1 when unknown. */
  leaderEpoch: number;
  metadata: string | null;
}

export interface CommitOffsetsParams {
  groupId: string;
  /** -1 for commits that do not use group management (simple consumers, admin tools). */
  generationId: number;
  memberId: string;
  groupInstanceId?: string | null;
  offsets: OffsetToCommit[];
}

export interface PartitionError {
  topic: string;
  partition: number;
  errorCode: number;
}

export interface TopicPartition {
  topic: string;
  partition: number;
}

export interface FetchOffsetsParams {
  groupId: string;
  /** null asks for every partition the group has committed. */
  partitions: TopicPartition[] | null;
  requireStable?: boolean;
}

export interface FetchedOffset {
  topic: string;
  partition: number;
  /** -1 when nothing was committed. */
  offset: bigint;
  leaderEpoch: number;
  metadata: string;
  errorCode: number;
}

export interface FetchOffsetsResult {
  errorCode: number;
  offsets: FetchedOffset[];
}

export interface MemberDescription {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  /** The member's metadata for the selected protocol; empty unless the group is Stable, as in Kafka. */
  metadata: Buffer;
  /** Empty unless the group is Stable, as in Kafka. */
  assignment: Buffer;
}

export interface GroupDescription {
  errorCode: number;
  groupId: string;
  state: GroupState;
  protocolType: string;
  /** '' unless the group is Stable, as in Kafka. */
  protocolName: string;
  generationId: number;
  leaderId: string;
  members: MemberDescription[];
}

export interface GroupListing {
  groupId: string;
  protocolType: string;
  state: GroupState;
}

export interface DeleteGroupResult {
  groupId: string;
  errorCode: number;
}
