// SyncGroup (key 14), versions 0-5; flexible from 4.
// Request => group_id generation_id member_id group_instance_id(v3+) protocol_type(v5+) protocol_name(v5+)
//   [assignments: member_id assignment]
// Response => throttle_time_ms(v1+) error_code protocol_type(v5+) protocol_name(v5+) assignment

import { array, bytes, defineApi, f, int16, int32, nstr, str, struct, type Infer } from '../schema.js';

export const SyncGroupApi = defineApi({
  key: 14,
  name: 'SyncGroup',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: 4,
  request: struct({
    groupId: f(str),
    generationId: f(int32),
    memberId: f(str),
    groupInstanceId: f(nstr, '3+'),
    protocolType: f(nstr, '5+'),
    protocolName: f(nstr, '5+'),
    assignments: f(array(struct({
      memberId: f(str),
      assignment: f(bytes),
    }))),
  }),
  response: struct({
    throttleTimeMs: f(int32, '1+'),
    errorCode: f(int16),
    protocolType: f(nstr, '5+'),
    protocolName: f(nstr, '5+'),
    assignment: f(bytes),
  }),
});

export type SyncGroupRequest = Infer<typeof SyncGroupApi.request>;
export type SyncGroupResponse = Infer<typeof SyncGroupApi.response>;
