// LeaveGroup (key 13), versions 0-5; flexible from 4. Up to v2 one member leaves, from v3 a batch.
// Request => group_id member_id(v0-2) [members(v3+): member_id group_instance_id reason(v5+)]
// Response => throttle_time_ms(v1+) error_code [members(v3+): member_id group_instance_id error_code]

import { array, defineApi, f, int16, int32, nstr, str, struct, type Infer } from '../schema.js';

export const LeaveGroupApi = defineApi({
  key: 13,
  name: 'LeaveGroup',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: 4,
  request: struct({
    groupId: f(str),
    memberId: f(str, '0-2'),
    members: f(array(struct({
      memberId: f(str),
      groupInstanceId: f(nstr),
      reason: f(nstr, '5+'),
    })), '3+'),
  }),
  response: struct({
    throttleTimeMs: f(int32, '1+'),
    errorCode: f(int16),
    members: f(array(struct({
      memberId: f(str),
      groupInstanceId: f(nstr),
      errorCode: f(int16),
    })), '3+'),
  }),
});

export type LeaveGroupRequest = Infer<typeof LeaveGroupApi.request>;
export type LeaveGroupResponse = Infer<typeof LeaveGroupApi.response>;
