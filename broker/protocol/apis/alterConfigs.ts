// AlterConfigs (key 33), versions 0-2; flexible from 2. Replaces the whole config set of each resource.
// Request => [resources: resource_type resource_name [configs: name value]] validate_only
// Response => throttle_time_ms [responses: error_code error_message resource_type resource_name]

import { array, bool, defineApi, f, int16, int32, int8, nstr, str, struct, type Infer } from '../schema.js';

export const AlterConfigsApi = defineApi({
  key: 33,
  name: 'AlterConfigs',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 2,
  request: struct({
    resources: f(array(struct({
      resourceType: f(int8),
      resourceName: f(str),
      configs: f(array(struct({
        name: f(str),
        value: f(nstr),
      }))),
    }))),
    validateOnly: f(bool),
  }),
  response: struct({
    throttleTimeMs: f(int32),
    responses: f(array(struct({
      errorCode: f(int16),
      errorMessage: f(nstr),
      resourceType: f(int8),
      resourceName: f(str),
    }))),
  }),
});

export type AlterConfigsRequest = Infer<typeof AlterConfigsApi.request>;
export type AlterConfigsResponse = Infer<typeof AlterConfigsApi.response>;
