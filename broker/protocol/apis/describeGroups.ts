// DescribeGroups (key 15), versions 0-5; flexible from 5.
// Request => [groups] include_authorized_operations(v3+)
// Response => throttle_time_ms(v1+) [groups: error_code group_id group_state protocol_type protocol_data
//   [members: member_id group_instance_id(v4+) client_id client_host member_metadata member_assignment]
//   authorized_operations(v3+)]

import { array, bool, bytes, defineApi, f, int16, int32, nstr, str, struct, type Infer } from '../schema.js';

export const DescribeGroupsApi = defineApi({
  key: 15,
  name: 'DescribeGroups',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: 5,
  request: struct({
    groups: f(array(str)),
    includeAuthorizedOperations: f(bool, '3+'),
  }),
  response: struct({
    throttleTimeMs: f(int32, '1+'),
    groups: f(array(struct({
      errorCode: f(int16),
      groupId: f(str),
      groupState: f(str),
      protocolType: f(str),
      protocolData: f(str),
      members: f(array(struct({
        memberId: f(str),
        groupInstanceId: f(nstr, '4+'),
        clientId: f(str),
        clientHost: f(str),
        memberMetadata: f(bytes),
        memberAssignment: f(bytes),
      }))),
      // Kafka's marker for "authorized operations were not requested".
      authorizedOperations: f(int32, '3+', () => -2147483648),
    }))),
  }),
});

export type DescribeGroupsRequest = Infer<typeof DescribeGroupsApi.request>;
export type DescribeGroupsResponse = Infer<typeof DescribeGroupsApi.response>;
