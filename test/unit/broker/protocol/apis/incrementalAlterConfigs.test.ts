import { IncrementalAlterConfigsApi } from '../../../../../broker/protocol/apis/incrementalAlterConfigs.js';
import { testAllVersions } from '../roundTrip.js';

testAllVersions(IncrementalAlterConfigsApi, {
  request: () => ({
    resources: [{
      resourceType: 2,
      resourceName: 'orders',
      configs: [{ name: 'retention.ms', configOperation: 0, value: '1000' }, { name: 'cleanup.policy', configOperation: 1, value: null }],
    }],
    validateOnly: true,
  }),
  response: () => ({ throttleTimeMs: 5, responses: [{ errorCode: 40, errorMessage: null, resourceType: 2, resourceName: 'orders' }] }),
});
