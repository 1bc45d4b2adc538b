// ListGroups (key 16), versions 0-5; flexible from 3.
// Request => [states_filter](v4+) [types_filter](v5+)
// Response => throttle_time_ms(v1+) error_code [groups: group_id protocol_type group_state(v4+) group_type(v5+)]

import { array, defineApi, f, int16, int32, str, struct, type Infer } from '../schema.js';

export const ListGroupsApi = defineApi({
  key: 16,
  name: 'ListGroups',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: 3,
  request: struct({
    statesFilter: f(array(str), '4+'),
    typesFilter: f(array(str), '5+'),
  }),
  response: struct({
    throttleTimeMs: f(int32, '1+'),
    errorCode: f(int16),
    groups: f(array(struct({
      groupId: f(str),
      protocolType: f(str),
      groupState: f(str, '4+'),
      groupType: f(str, '5+'),
    }))),
  }),
});

export type ListGroupsRequest = Infer<typeof ListGroupsApi.request>;
export type ListGroupsResponse = Infer<typeof ListGroupsApi.response>;
