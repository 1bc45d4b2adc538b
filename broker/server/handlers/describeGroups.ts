// DescribeGroups: each group's state, protocol and members, as the group coordinator knows them.

import type { GroupCoordinator } from '../../group/groupCoordinator.js';
import { DescribeGroupsApi } from '../../protocol/apis/describeGroups.js';
import { route, type Route } from '../route.js';

export function describeGroupsRoute(groups: GroupCoordinator): Route {
  return route(DescribeGroupsApi, (request) => ({
    throttleTimeMs: 0,
    groups: request.groups.map((groupId) => {
      const g = groups.describeGroup(groupId);
      return {
        errorCode: g.errorCode,
        groupId: g.groupId,
        groupState: g.state,
        protocolType: g.protocolType,
        protocolData: g.protocolName,
        members: g.members.map((m) => ({
          memberId: m.memberId,
          groupInstanceId: m.groupInstanceId,
          clientId: m.clientId,
          clientHost: m.clientHost,
          memberMetadata: m.metadata,
          memberAssignment: m.assignment,
        })),
        authorizedOperations: -2147483648,
      };
    }),
  }));
}
