// IncrementalAlterConfigs (key 44), versions 0-1; flexible from 1. Changes single config entries.
// Request => [resources: resource_type resource_name [configs: name config_operation value]] validate_only
// Response => throttle_time_ms [responses: error_code error_message resource_type resource_name]
// config_operation: 0 set, 1 delete, 2 append, 3 subtract.

import { array, bool, defineApi, f, int16, int32, int8, nstr, str, struct, type Infer } from '../schema.js';

export const IncrementalAlterConfigsApi = defineApi({
  key: 44,
  name: 'IncrementalAlterConfigs',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 1,
  request: struct({
    resources: f(array(struct({
      resourceType: f(int8),
      resourceName: f(str),
      configs: f(array(struct({
        name: f(str),
        configOperation: f(int8),
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

export type IncrementalAlterConfigsRequest = Infer<typeof IncrementalAlterConfigsApi.request>;
export type IncrementalAlterConfigsResponse = Infer<typeof IncrementalAlterConfigsApi.response>;
