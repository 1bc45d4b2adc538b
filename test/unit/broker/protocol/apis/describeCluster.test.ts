import { DescribeClusterApi } from '../../../../../broker/protocol/apis/describeCluster.js';
import { at, testAllVersions } from '../roundTrip.js';

testAllVersions(DescribeClusterApi, {
  request: (v) => ({ includeClusterAuthorizedOperations: true, endpointType: at(v, 1, 2, 1) }),
  response: (v) => ({
    throttleTimeMs: 5,
    errorCode: 31,
    errorMessage: 'not allowed',
    endpointType: at(v, 1, 2, 1),
    clusterId: 'cluster-1',
    controllerId: 1,
    brokers: [{ brokerId: 1, host: '127.0.0.1', port: 9092, rack: 'rack-a' }, { brokerId: 2, host: 'localhost', port: 9093, rack: null }],
    clusterAuthorizedOperations: 0x0f,
  }),
});
