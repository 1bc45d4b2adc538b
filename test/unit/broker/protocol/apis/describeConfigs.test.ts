import { DescribeConfigsApi } from '../../../../../broker/protocol/apis/describeConfigs.js';
import { at, testAllVersions } from '../roundTrip.js';

testAllVersions(DescribeConfigsApi, {
  request: (v) => ({
    resources: [
      { resourceType: 2, resourceName: 'orders', configurationKeys: ['retention.ms'] },
      { resourceType: 4, resourceName: '1', configurationKeys: null },
    ],
    includeSynonyms: at(v, 1, true, false),
    includeDocumentation: at(v, 3, true, false),
  }),
  response: (v) => ({
    throttleTimeMs: 5,
    results: [{
      errorCode: 40,
      errorMessage: 'bad config',
      resourceType: 2,
      resourceName: 'orders',
      configs: [{
        name: 'retention.ms',
        value: '1000',
        readOnly: true,
        configSource: at(v, 1, 1, -1),
        isSensitive: true,
        synonyms: at(v, 1, [{ name: 'log.retention.ms', value: '5', source: 5 }, { name: 'x', value: null, source: 4 }], []),
        configType: at(v, 3, 5, 0),
        documentation: at(v, 3, 'How long records are kept.', null),
      }],
    }],
  }),
});
