// ListGroups: the groups this broker coordinates, filtered by state (v4+) and by type (v5+: only
// "classic" groups exist here).

import type { GroupCoordinator } from '../../group/groupCoordinator.js';
import type { GroupState } from '../../group/groupTypes.js';
import { ListGroupsApi } from '../../protocol/apis/listGroups.js';
import { ErrorCode } from '../../protocol/errors.js';
import { route, type Route } from '../route.js';

const STATES: readonly GroupState[] = ['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead'];
const CLASSIC = 'classic';

export function listGroupsRoute(groups: GroupCoordinator): Route {
  return route(ListGroupsApi, (request, ctx) => {
    const version = ctx.header.apiVersion;
    // Kafka reads state names case-insensitively; underscores are ignored too, because
    // @platformatic/kafka sends "PREPARING_REBALANCE". A name nobody knows matches nothing.
    const canonical = (name: string): string => name.replace(/_/g, '').toLowerCase();
    const asked = version >= 4 ? request.statesFilter.map(canonical) : [];
    const states = STATES.filter((s) => asked.includes(canonical(s)));
    const unknownOnly = asked.length > 0 && states.length === 0;
    const types = version >= 5 ? request.typesFilter.map((t) => t.toLowerCase()) : [];
    const noClassic = types.length > 0 && !types.includes(CLASSIC);
    const listed = unknownOnly || noClassic ? [] : groups.listGroups(states);
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      groups: listed.map((g) => ({ groupId: g.groupId, protocolType: g.protocolType, groupState: g.state, groupType: CLASSIC })),
    };
  });
}
