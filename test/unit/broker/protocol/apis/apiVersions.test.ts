import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiVersionsApi } from '../../../../../broker/protocol/apis/apiVersions.js';
import { at, encodeBody, testAllVersions } from '../roundTrip.js';

testAllVersions(ApiVersionsApi, {
  request: (v) => ({ clientSoftwareName: at(v, 3, 'kafka-workbench', ''), clientSoftwareVersion: at(v, 3, '0.1.0', '') }),
  response: (v) => ({
    errorCode: 35,
    apiKeys: [{ apiKey: 0, minVersion: 3, maxVersion: 11 }, { apiKey: 18, minVersion: 0, maxVersion: 3 }],
    throttleTimeMs: at(v, 1, 5, 0),
    supportedFeatures: at(v, 3, [{ name: 'metadata.version', minVersion: 1, maxVersion: 20 }], []),
    finalizedFeaturesEpoch: at(v, 3, 7n, -1n),
    finalizedFeatures: at(v, 3, [{ name: 'metadata.version', maxVersionLevel: 20, minVersionLevel: 1 }], []),
    zkMigrationReady: at(v, 3, true, false),
  }),
});

test('ApiVersions v3 request bytes: two compact strings and an empty tag buffer', () => {
  const bytes = encodeBody(ApiVersionsApi, 3, 'request', { clientSoftwareName: 'kw', clientSoftwareVersion: '1' });
  assert.equal(bytes.toString('hex'), '03' + '6b77' + '02' + '31' + '00');
});
