// A route pairs an API schema with the handler that serves it. The table of routes is the single
// source of truth for what the broker serves: ApiVersions is derived from it.

import type { RequestHeader } from '../protocol/header.js';
import type { AuthSession } from '../security/authSession.js';
import type { ApiSchema } from '../protocol/schema.js';

export interface RequestContext {
  readonly header: RequestHeader;
  /** host:port of the client, for group member metadata and log lines. */
  readonly clientHost: string;
  /** The connection's SASL state; absent where requests do not come from a client connection (tests). */
  readonly auth?: AuthSession;
}

/** A handler returns the response, or null when the client expects none (acks=0 produce). */
export type Handler<Req, Res> = (request: Req, ctx: RequestContext) => Promise<Res | null> | Res | null;

export interface Route<Req = unknown, Res = unknown> {
  readonly api: ApiSchema<Req, Res>;
  readonly handle: Handler<Req, Res>;
}

export function route<Req, Res>(api: ApiSchema<Req, Res>, handle: Handler<Req, Res>): Route {
  return { api, handle } as unknown as Route;
}
