// ApiVersions: the version ranges come from the dispatcher's route table, never from a hand-kept list.

import { ApiVersionsApi } from '../../protocol/apis/apiVersions.js';
import { ErrorCode } from '../../protocol/errors.js';
import { route, type Route } from '../route.js';

export function apiVersionsRoute(supported: () => Array<{ apiKey: number; minVersion: number; maxVersion: number }>): Route {
  return route(ApiVersionsApi, () => ({
    ...ApiVersionsApi.response.empty(),
    errorCode: ErrorCode.NONE,
    apiKeys: supported(),
    throttleTimeMs: 0,
  }));
}
