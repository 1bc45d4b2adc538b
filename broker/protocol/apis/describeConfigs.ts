// DescribeConfigs (key 32), versions 1-4; flexible from 4.
// Request => [resources: resource_type resource_name [configuration_keys]] include_synonyms(v1+)
//   include_documentation(v3+)
// Response => throttle_time_ms [results: error_code error_message resource_type resource_name [configs: name
//   value read_only config_source(v1+) is_sensitive [synonyms(v1+): name value source] config_type(v3+)
//   documentation(v3+)]]
// Null configuration_keys asks for every config of the resource. resource_type 2 is a topic, 4 a broker.

import { array, bool, defineApi, f, int16, int32, int8, narray, nstr, str, struct, type Infer } from '../schema.js';

export const DescribeConfigsApi = defineApi({
  key: 32,
  name: 'DescribeConfigs',
  minVersion: 1,
  maxVersion: 4,
  flexibleFrom: 4,
  request: struct({
    resources: f(array(struct({
      resourceType: f(int8),
      resourceName: f(str),
      configurationKeys: f(narray(str)),
    }))),
    includeSynonyms: f(bool, '1+'),
    includeDocumentation: f(bool, '3+'),
  }),
  response: struct({
    throttleTimeMs: f(int32),
    results: f(array(struct({
      errorCode: f(int16),
      errorMessage: f(nstr),
      resourceType: f(int8),
      resourceName: f(str),
      configs: f(array(struct({
        name: f(str),
        value: f(nstr),
        readOnly: f(bool),
        configSource: f(int8, '1+', () => -1),
        isSensitive: f(bool),
        synonyms: f(array(struct({
          name: f(str),
          value: f(nstr),
          source: f(int8),
        })), '1+'),
        configType: f(int8, '3+'),
        documentation: f(nstr, '3+'),
      }))),
    }))),
  }),
});

export type DescribeConfigsRequest = Infer<typeof DescribeConfigsApi.request>;
export type DescribeConfigsResponse = Infer<typeof DescribeConfigsApi.response>;
