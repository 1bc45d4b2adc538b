// DeleteGroups (key 42), versions 0-2; flexible from 2.
// Request => [groups_names]
// Response => throttle_time_ms [results: group_id error_code]

import { array, defineApi, f, int16, int32, str, struct, type Infer } from '../schema.js';

export const DeleteGroupsApi = defineApi({
  key: 42,
  name: 'DeleteGroups',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 2,
  request: struct({
    groupsNames: f(array(str)),
  }),
  response: struct({
    throttleTimeMs: f(int32),
    results: f(array(struct({
      groupId: f(str),
      errorCode: f(int16),
    }))),
  }),
});

export type DeleteGroupsRequest = Infer<typeof DeleteGroupsApi.request>;
export type DeleteGroupsResponse = Infer<typeof DeleteGroupsApi.response>;
