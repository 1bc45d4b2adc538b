// FindCoordinator (key 10), versions 0-6; flexible from 3. Up to v3 one key per request, from v4 a batch.
// Request => key(v0-3) key_type(v1+) [coordinator_keys](v4+)
// Response => throttle_time_ms(v1+) error_code(v0-3) error_message(v1-3) node_id(v0-3) host(v0-3) port(v0-3)
//   [coordinators(v4+): key node_id host port error_code error_message]
// key_type 0 is a consumer group, 1 a transactional id.

import { array, defineApi, f, int16, int32, int8, nstr, str, struct, type Infer } from '../schema.js';

export const FindCoordinatorApi = defineApi({
  key: 10,
  name: 'FindCoordinator',
  minVersion: 0,
  maxVersion: 6,
  flexibleFrom: 3,
  request: struct({
    key: f(str, '0-3'),
    keyType: f(int8, '1+'),
    coordinatorKeys: f(array(str), '4+'),
  }),
  response: struct({
    throttleTimeMs: f(int32, '1+'),
    errorCode: f(int16, '0-3'),
    errorMessage: f(nstr, '1-3'),
    nodeId: f(int32, '0-3'),
    host: f(str, '0-3'),
    port: f(int32, '0-3'),
    coordinators: f(array(struct({
      key: f(str),
      nodeId: f(int32),
      host: f(str),
      port: f(int32),
      errorCode: f(int16),
      errorMessage: f(nstr),
    })), '4+'),
  }),
});

export type FindCoordinatorRequest = Infer<typeof FindCoordinatorApi.request>;
export type FindCoordinatorResponse = Infer<typeof FindCoordinatorApi.response>;
