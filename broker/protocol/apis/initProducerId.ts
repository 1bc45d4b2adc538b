// InitProducerId (key 22), versions 0-5; flexible from 2.
// Request => transactional_id transaction_timeout_ms producer_id(v3+) producer_epoch(v3+)
// Response => throttle_time_ms error_code producer_id producer_epoch
// A null transactional_id asks for an idempotent (non-transactional) producer id.

import { defineApi, f, int16, int32, int64, nstr, struct, type Infer } from '../schema.js';

export const InitProducerIdApi = defineApi({
  key: 22,
  name: 'InitProducerId',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: 2,
  request: struct({
    transactionalId: f(nstr),
    transactionTimeoutMs: f(int32),
    producerId: f(int64, '3+', () => -1n),
    producerEpoch: f(int16, '3+', () => -1),
  }),
  response: struct({
    throttleTimeMs: f(int32),
    errorCode: f(int16),
    producerId: f(int64, '0+', () => -1n),
    producerEpoch: f(int16),
  }),
});

export type InitProducerIdRequest = Infer<typeof InitProducerIdApi.request>;
export type InitProducerIdResponse = Infer<typeof InitProducerIdApi.response>;
