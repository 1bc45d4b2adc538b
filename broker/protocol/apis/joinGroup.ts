// JoinGroup (key 11), versions 0-9; flexible from 6.
// Request => group_id session_timeout_ms rebalance_timeout_ms(v1+) member_id group_instance_id(v5+)
//   protocol_type [protocols: name metadata] reason(v8+)
// Response => throttle_time_ms(v2+) error_code generation_id protocol_type(v7+) protocol_name leader
//   skip_assignment(v9+) member_id [members: member_id group_instance_id(v5+) metadata]
// protocol_name is nullable from v7.

import { array, bool, bytes, defineApi, f, int16, int32, nstr, str, struct, type Infer } from '../schema.js';

export const JoinGroupApi = defineApi({
  key: 11,
  name: 'JoinGroup',
  minVersion: 0,
  maxVersion: 9,
  flexibleFrom: 6,
  request: struct({
    groupId: f(str),
    sessionTimeoutMs: f(int32),
    rebalanceTimeoutMs: f(int32, '1+', () => -1),
    memberId: f(str),
    groupInstanceId: f(nstr, '5+'),
    protocolType: f(str),
    protocols: f(array(struct({
      name: f(str),
      metadata: f(bytes),
    }))),
    reason: f(nstr, '8+'),
  }),
  response: struct({
    throttleTimeMs: f(int32, '2+'),
    errorCode: f(int16),
    generationId: f(int32, '0+', () => -1),
    protocolType: f(nstr, '7+'),
    protocolName: f(nstr),
    leader: f(str),
    skipAssignment: f(bool, '9+'),
    memberId: f(str),
    members: f(array(struct({
      memberId: f(str),
      groupInstanceId: f(nstr, '5+'),
      metadata: f(bytes),
    }))),
  }),
});

export type JoinGroupRequest = Infer<typeof JoinGroupApi.request>;
export type JoinGroupResponse = Infer<typeof JoinGroupApi.response>;
