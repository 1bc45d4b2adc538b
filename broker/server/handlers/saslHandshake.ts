// SaslHandshake: picks the connection's SASL mechanism; answered from the connection's AuthSession.

import { ErrorCode } from '../../protocol/errors.js';
import { SaslHandshakeApi } from '../../protocol/apis/saslHandshake.js';
import { route, type Route } from '../route.js';

export function saslHandshakeRoute(): Route {
  return route(SaslHandshakeApi, (request, ctx) =>
    ctx.auth ? ctx.auth.handshake(request.mechanism, ctx.header.apiVersion) : { errorCode: ErrorCode.ILLEGAL_SASL_STATE, mechanisms: [] },
  );
}
