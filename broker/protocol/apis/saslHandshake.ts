// SaslHandshake (key 17), versions 0-1; never flexible.
// Request => mechanism
// Response => error_code [mechanisms]
// v0: the SASL tokens that follow travel as bare size-prefixed frames; v1: inside SaslAuthenticate.

import { array, defineApi, f, int16, str, struct, type Infer } from '../schema.js';

export const SaslHandshakeApi = defineApi({
  key: 17,
  name: 'SaslHandshake',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: Infinity,
  request: struct({
    mechanism: f(str),
  }),
  response: struct({
    errorCode: f(int16),
    mechanisms: f(array(str)),
  }),
});

export type SaslHandshakeRequest = Infer<typeof SaslHandshakeApi.request>;
export type SaslHandshakeResponse = Infer<typeof SaslHandshakeApi.response>;
