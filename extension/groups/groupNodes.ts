// The Consumer Groups view's nodes, one class per kind: a group (state, total lag), its members
// and its committed partitions (committed offset, end offset, lag), and a message row.

import * as vscode from 'vscode';
import { stateLabel, type GroupMemberView, type GroupView, type PartitionLag } from './groupCatalog.js';

export class GroupNode extends vscode.TreeItem {
  readonly kind = 'group';

  constructor(readonly group: GroupView) {
    super(group.groupId, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `group:${group.groupId}`;
    this.contextValue = 'consumerGroup';
    this.iconPath = new vscode.ThemeIcon(group.members.length > 0 ? 'organization' : 'circle-outline');
    const members = group.members.length;
    this.description = `${stateLabel(group.state)} · ${members} member${members === 1 ? '' : 's'} · lag ${group.totalLag.toString()}`;
    this.tooltip = `Consumer group ${group.groupId}\nState: ${stateLabel(group.state)}\nMembers: ${members}\nTotal lag: ${group.totalLag.toString()}`;
  }
}

/** A heading row under a group ("Members", "Offsets"), which holds the rows of that kind. */
export class GroupSectionNode extends vscode.TreeItem {
  readonly kind = 'section';

  constructor(
    readonly group: GroupView,
    readonly section: 'members' | 'offsets',
  ) {
    const count = section === 'members' ? group.members.length : group.partitions.length;
    super(section === 'members' ? 'Members' : 'Offsets', count > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    this.id = `group:${group.groupId}:${section}`;
    this.description = String(count);
    this.iconPath = new vscode.ThemeIcon(section === 'members' ? 'person' : 'list-ordered');
  }
}

export class MemberNode extends vscode.TreeItem {
  readonly kind = 'member';

  constructor(groupId: string, readonly member: GroupMemberView) {
    super(member.clientId || member.memberId, vscode.TreeItemCollapsibleState.None);
    this.id = `group:${groupId}:member:${member.memberId}`;
    this.iconPath = new vscode.ThemeIcon('person');
    const assigned = member.partitions.length > 0 ? member.partitions.join(', ') : 'no partitions';
    this.description = `${member.clientHost} · ${assigned}`;
    this.tooltip = [
      `Member ${member.memberId}`,
      `Client id: ${member.clientId}`,
      `Host: ${member.clientHost}`,
      ...(member.groupInstanceId !== null ? [`Static instance: ${member.groupInstanceId}`] : []),
      `Assigned: ${assigned}`,
    ].join('\n');
  }
}

export class OffsetNode extends vscode.TreeItem {
  readonly kind = 'offset';

  constructor(groupId: string, readonly offset: PartitionLag) {
    super(`${offset.topic}-${offset.partition}`, vscode.TreeItemCollapsibleState.None);
    this.id = `group:${groupId}:offset:${offset.topic}:${offset.partition}`;
    this.iconPath = new vscode.ThemeIcon(offset.lag !== null && offset.lag > 0n ? 'warning' : 'check');
    const end = offset.endOffset < 0n ? '?' : offset.endOffset.toString();
    const lag = offset.lag === null ? '?' : offset.lag.toString();
    this.description = `committed ${offset.committed.toString()} · end ${end} · lag ${lag}`;
    this.tooltip = `${offset.topic} partition ${offset.partition}\nCommitted offset: ${offset.committed.toString()}\nEnd offset: ${end}\nLag: ${lag}`;
  }
}

export class GroupMessageNode extends vscode.TreeItem {
  readonly kind = 'message';

  constructor(message: string, icon: string, command?: vscode.Command) {
    super(message, vscode.TreeItemCollapsibleState.None);
    this.iconPath = new vscode.ThemeIcon(icon);
    if (command !== undefined) this.command = command;
  }
}

export type GroupsTreeNode = GroupNode | GroupSectionNode | MemberNode | OffsetNode | GroupMessageNode;
