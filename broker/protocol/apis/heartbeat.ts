// Heartbeat (key 12), versions 0-4; flexible from 4.
// Request => group_id generation_id member_id group_instance_id(v3+)
// Response => throttle_time_ms(v1+) error_code

import { defineApi, f, int16, int32, nstr, str, struct, type Infer } from '../schema.js';

export const HeartbeatApi = defineApi({
  key: 12,
  name: 'Heartbeat',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 4,
  request: struct({
    groupId: f(str),
    generationId: f(int32),
    memberId: f(str),
    groupInstanceId: f(nstr, '3+'),
  }),
  response: struct({
    throttleTimeMs: f(int32, '1+'),
    errorCode: f(int16),
  }),
});

export type HeartbeatRequest = Infer<typeof HeartbeatApi.request>;
export type HeartbeatResponse = Infer<typeof HeartbeatApi.response>;
