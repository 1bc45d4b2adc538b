// ApiVersions (key 18), versions 0-3.
// Request (v3) => client_software_name client_software_version TAG_BUFFER
// Response => error_code [api_keys: api_key min_version max_version] throttle_time_ms(v1+)
//   supported_features(tag 0) finalized_features_epoch(tag 1) finalized_features(tag 2) zk_migration_ready(tag 3)
// The broker answers an unsupported version with UNSUPPORTED_VERSION in a v0 body, as Kafka does.

import { array, bool, defineApi, f, int16, int32, int64, str, struct, tagged, type Infer } from '../schema.js';

const ApiVersion = struct({
  apiKey: f(int16),
  minVersion: f(int16),
  maxVersion: f(int16),
});

const SupportedFeature = struct({ name: f(str), minVersion: f(int16), maxVersion: f(int16) });

const FinalizedFeature = struct({ name: f(str), maxVersionLevel: f(int16), minVersionLevel: f(int16) });

export const ApiVersionsApi = defineApi({
  key: 18,
  name: 'ApiVersions',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: 3,
  request: struct({
    clientSoftwareName: f(str, '3+'),
    clientSoftwareVersion: f(str, '3+'),
  }),
  response: struct({
    errorCode: f(int16),
    apiKeys: f(array(ApiVersion)),
    throttleTimeMs: f(int32, '1+'),
    supportedFeatures: tagged(array(SupportedFeature), 0, '3+'),
    finalizedFeaturesEpoch: tagged(int64, 1, '3+', () => -1n),
    finalizedFeatures: tagged(array(FinalizedFeature), 2, '3+'),
    zkMigrationReady: tagged(bool, 3, '3+'),
  }),
});

export type ApiVersionsRequest = Infer<typeof ApiVersionsApi.request>;
export type ApiVersionsResponse = Infer<typeof ApiVersionsApi.response>;
