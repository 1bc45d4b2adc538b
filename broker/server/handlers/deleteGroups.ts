// DeleteGroups: removes groups with no members and their committed offsets (NON_EMPTY_GROUP otherwise).

import type { GroupCoordinator } from '../../group/groupCoordinator.js';
import { DeleteGroupsApi } from '../../protocol/apis/deleteGroups.js';
import { route, type Route } from '../route.js';

export function deleteGroupsRoute(groups: GroupCoordinator): Route {
  return route(DeleteGroupsApi, async (request) => ({
    throttleTimeMs: 0,
    results: (await groups.deleteGroups(request.groupsNames)).map((r) => ({ groupId: r.groupId, errorCode: r.errorCode })),
  }));
}
