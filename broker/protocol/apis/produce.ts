// Produce (key 0), versions 0-11; flexible from 9. v0-2 carry legacy message sets (magic 0/1), which the
// handler up-converts; they are served because librdkafka only compresses gzip/snappy/lz4 for a broker
// whose Produce range reaches v0. Fetch stays at v4+: clients that can only read legacy formats are out of scope.
// Request => transactional_id(v3+) acks timeout_ms [topic_data: name [partition_data: index records]]
// Response => [responses: name [partition_responses: index error_code base_offset log_append_time_ms(v2+)
//   log_start_offset(v5+) [record_errors](v8+) error_message(v8+)]] throttle_time_ms(v1+)
// Leave tagged fields at their defaults unless a client needs them: @platformatic/kafka 1.35 misreads any
// non-empty tagged-field section (it takes the count for a byte length), and the extension uses it.

import { array, defineApi, f, int16, int32, int64, nbytes, nstr, str, struct, tagged, type Infer } from '../schema.js';

const minusOne = (): bigint => -1n;

const LeaderIdAndEpoch = struct({
  leaderId: f(int32, '0+', () => -1),
  leaderEpoch: f(int32, '0+', () => -1),
});

const NodeEndpoint = struct({
  nodeId: f(int32),
  host: f(str),
  port: f(int32),
  rack: f(nstr),
});

export const ProduceApi = defineApi({
  key: 0,
  name: 'Produce',
  minVersion: 0,
  maxVersion: 11,
  flexibleFrom: 9,
  request: struct({
    transactionalId: f(nstr, '3+'),
    acks: f(int16),
    timeoutMs: f(int32),
    topicData: f(array(struct({
      name: f(str),
      partitionData: f(array(struct({
        index: f(int32),
        records: f(nbytes),
      }))),
    }))),
  }),
  response: struct({
    responses: f(array(struct({
      name: f(str),
      partitionResponses: f(array(struct({
        index: f(int32),
        errorCode: f(int16),
        baseOffset: f(int64),
        logAppendTimeMs: f(int64, '2+', minusOne),
        logStartOffset: f(int64, '5+', minusOne),
        recordErrors: f(array(struct({ batchIndex: f(int32), batchIndexErrorMessage: f(nstr) })), '8+'),
        errorMessage: f(nstr, '8+'),
        currentLeader: tagged(LeaderIdAndEpoch, 0, '10+'),
      }))),
    }))),
    throttleTimeMs: f(int32, '1+'),
    nodeEndpoints: tagged(array(NodeEndpoint), 0, '10+'),
  }),
});

export type ProduceRequest = Infer<typeof ProduceApi.request>;
export type ProduceResponse = Infer<typeof ProduceApi.response>;
