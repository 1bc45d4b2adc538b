import { AlterConfigsApi } from '../../../../../broker/protocol/apis/alterConfigs.js';
import { testAllVersions } from '../roundTrip.js';

testAllVersions(AlterConfigsApi, {
  request: () => ({
    resources: [{ resourceType: 2, resourceName: 'orders', configs: [{ name: 'retention.ms', value: '1000' }, { name: 'cleanup.policy', value: null }] }],
    validateOnly: true,
  }),
  response: () => ({ throttleTimeMs: 5, responses: [{ errorCode: 40, errorMessage: 'bad config', resourceType: 2, resourceName: 'orders' }] }),
});
