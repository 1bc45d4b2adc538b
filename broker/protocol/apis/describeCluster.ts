// DescribeCluster (key 60), versions 0-1; flexible from 0.
// Request => include_cluster_authorized_operations endpoint_type(v1+)
// Response => throttle_time_ms error_code error_message endpoint_type(v1+) cluster_id controller_id
//   [brokers: broker_id host port rack] cluster_authorized_operations
// endpoint_type 1 means brokers, 2 controllers.

import { array, bool, defineApi, f, int16, int32, int8, nstr, str, struct, type Infer } from '../schema.js';

const BROKER_ENDPOINTS = 1;

export const DescribeClusterApi = defineApi({
  key: 60,
  name: 'DescribeCluster',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 0,
  request: struct({
    includeClusterAuthorizedOperations: f(bool),
    endpointType: f(int8, '1+', () => BROKER_ENDPOINTS),
  }),
  response: struct({
    throttleTimeMs: f(int32),
    errorCode: f(int16),
    errorMessage: f(nstr),
    endpointType: f(int8, '1+', () => BROKER_ENDPOINTS),
    clusterId: f(str),
    controllerId: f(int32, '0+', () => -1),
    brokers: f(array(struct({
      brokerId: f(int32),
      host: f(str),
      port: f(int32),
      rack: f(nstr),
    }))),
    // Kafka's marker for "authorized operations were not requested".
    clusterAuthorizedOperations: f(int32, '0+', () => -2147483648),
  }),
});

export type DescribeClusterRequest = Infer<typeof DescribeClusterApi.request>;
export type DescribeClusterResponse = Infer<typeof DescribeClusterApi.response>;
