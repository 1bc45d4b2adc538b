// DescribeCluster: the cluster id, the controller and every broker's endpoint, from the metadata image.

import { DescribeClusterApi } from '../../protocol/apis/describeCluster.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { BrokerServices } from '../brokerServices.js';
import { route, type Route } from '../route.js';

const BROKER_ENDPOINTS = 1;

export function describeClusterRoute(services: BrokerServices): Route {
  return route(DescribeClusterApi, (request, ctx) => {
    const image = services.metadata();
    const base = DescribeClusterApi.response.empty();
    if (ctx.header.apiVersion >= 1 && request.endpointType !== BROKER_ENDPOINTS) {
      return {
        ...base,
        errorCode: ErrorCode.UNSUPPORTED_ENDPOINT_TYPE,
        errorMessage: `Endpoint type ${request.endpointType} is not supported: brokers serve broker endpoints (1) only.`,
        endpointType: request.endpointType,
        clusterId: image.clusterId,
      };
    }
    return {
      ...base,
      endpointType: BROKER_ENDPOINTS,
      clusterId: image.clusterId,
      controllerId: image.controllerId,
      brokers: image.brokers.map((b) => ({ brokerId: b.nodeId, host: b.host, port: b.port, rack: null })),
    };
  });
}
