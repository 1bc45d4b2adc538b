// SaslAuthenticate (key 36), versions 0-2; flexible from 2.
// Request => auth_bytes
// Response => error_code error_message auth_bytes session_lifetime_ms(v1+)

import { bytes, defineApi, f, int16, int64, nstr, struct, type Infer } from '../schema.js';

export const SaslAuthenticateApi = defineApi({
  key: 36,
  name: 'SaslAuthenticate',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 2,
  request: struct({
    authBytes: f(bytes),
  }),
  response: struct({
    errorCode: f(int16),
    errorMessage: f(nstr),
    authBytes: f(bytes),
    sessionLifetimeMs: f(int64, '1+'),
  }),
});

export type SaslAuthenticateRequest = Infer<typeof SaslAuthenticateApi.request>;
export type SaslAuthenticateResponse = Infer<typeof SaslAuthenticateApi.response>;
