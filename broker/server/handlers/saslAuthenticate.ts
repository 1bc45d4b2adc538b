// SaslAuthenticate: one round of the connection's SASL exchange. A failure is answered with
// SASL_AUTHENTICATION_FAILED and the connection then closes (the AuthSession says so).

import { ErrorCode } from '../../protocol/errors.js';
import { SaslAuthenticateApi } from '../../protocol/apis/saslAuthenticate.js';
import { route, type Route } from '../route.js';

export function saslAuthenticateRoute(): Route {
  return route(SaslAuthenticateApi, (request, ctx) => {
    const result = ctx.auth
      ? ctx.auth.authenticate(request.authBytes)
      : { errorCode: ErrorCode.ILLEGAL_SASL_STATE, errorMessage: 'SASL is not enabled on this listener', authBytes: Buffer.alloc(0) };
    return { ...result, sessionLifetimeMs: 0n };
  });
}
