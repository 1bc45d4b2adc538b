// Fetch (key 1), versions 4-17; flexible from 12. Topics are named up to v12 and addressed by id from v13.
// Request => cluster_id(tag 0, v12+) replica_id(v0-14) replica_state(tag 1, v15+: replica_id replica_epoch)
//   max_wait_ms min_bytes max_bytes isolation_level session_id(v7+) session_epoch(v7+)
//   [topics: topic(v0-12) topic_id(v13+) [partitions: partition current_leader_epoch(v9+) fetch_offset
//   last_fetched_epoch(v12+) log_start_offset(v5+) partition_max_bytes replica_directory_id(tag 0, v17+)]]
//   [forgotten_topics_data(v7+): topic(v7-12) topic_id(v13+) [partitions]] rack_id(v11+)
// Response => throttle_time_ms error_code(v7+) session_id(v7+) [responses: topic(v0-12) topic_id(v13+)
//   [partitions: partition_index error_code high_watermark last_stable_offset log_start_offset(v5+)
//   diverging_epoch(tag 0) current_leader(tag 1) snapshot_id(tag 2) [aborted_transactions: producer_id
//   first_offset] preferred_read_replica(v11+) records]] node_endpoints(tag 0, v16+)
// Records are nbytes: the broker passes stored batch buffers as a list so they are never copied.
// Leave tagged fields at their defaults unless a client needs them: @platformatic/kafka 1.35 misreads any
// non-empty tagged-field section (it takes the count for a byte length), and the extension uses it.

import { array, defineApi, f, int16, int32, int64, int8, narray, nbytes, nstr, str, struct, tagged, uuid, type Infer } from '../schema.js';

const minusOne = (): number => -1;
const minusOneL = (): bigint => -1n;

const ReplicaState = struct({
  replicaId: f(int32, '15+', minusOne),
  replicaEpoch: f(int64, '15+', minusOneL),
});

const EpochEndOffset = struct({
  epoch: f(int32, '12+', minusOne),
  endOffset: f(int64, '12+', minusOneL),
});

const LeaderIdAndEpoch = struct({
  leaderId: f(int32, '12+', minusOne),
  leaderEpoch: f(int32, '12+', minusOne),
});

const SnapshotId = struct({
  endOffset: f(int64, '0+', minusOneL),
  epoch: f(int32, '0+', minusOne),
});

const NodeEndpoint = struct({
  nodeId: f(int32),
  host: f(str),
  port: f(int32),
  rack: f(nstr),
});

export const FetchApi = defineApi({
  key: 1,
  name: 'Fetch',
  minVersion: 4,
  maxVersion: 17,
  flexibleFrom: 12,
  request: struct({
    clusterId: tagged(nstr, 0, '12+'),
    replicaId: f(int32, '0-14', minusOne),
    replicaState: tagged(ReplicaState, 1, '15+'),
    maxWaitMs: f(int32),
    minBytes: f(int32),
    maxBytes: f(int32, '3+', () => 0x7fffffff),
    isolationLevel: f(int8, '4+'),
    sessionId: f(int32, '7+'),
    sessionEpoch: f(int32, '7+', minusOne),
    topics: f(array(struct({
      topic: f(str, '0-12'),
      topicId: f(uuid, '13+'),
      partitions: f(array(struct({
        partition: f(int32),
        currentLeaderEpoch: f(int32, '9+', minusOne),
        fetchOffset: f(int64),
        lastFetchedEpoch: f(int32, '12+', minusOne),
        logStartOffset: f(int64, '5+', minusOneL),
        partitionMaxBytes: f(int32),
        replicaDirectoryId: tagged(uuid, 0, '17+'),
      }))),
    }))),
    forgottenTopicsData: f(array(struct({
      topic: f(str, '7-12'),
      topicId: f(uuid, '13+'),
      partitions: f(array(int32), '7+'),
    })), '7+'),
    rackId: f(str, '11+'),
  }),
  response: struct({
    throttleTimeMs: f(int32, '1+'),
    errorCode: f(int16, '7+'),
    sessionId: f(int32, '7+'),
    responses: f(array(struct({
      topic: f(str, '0-12'),
      topicId: f(uuid, '13+'),
      partitions: f(array(struct({
        partitionIndex: f(int32),
        errorCode: f(int16),
        highWatermark: f(int64),
        lastStableOffset: f(int64, '4+', minusOneL),
        logStartOffset: f(int64, '5+', minusOneL),
        divergingEpoch: tagged(EpochEndOffset, 0, '12+'),
        currentLeader: tagged(LeaderIdAndEpoch, 1, '12+'),
        snapshotId: tagged(SnapshotId, 2, '12+'),
        abortedTransactions: f(narray(struct({
          producerId: f(int64, '4+'),
          firstOffset: f(int64, '4+'),
        })), '4+'),
        preferredReadReplica: f(int32, '11+', minusOne),
        records: f(nbytes),
      }))),
    }))),
    nodeEndpoints: tagged(array(NodeEndpoint), 0, '16+'),
  }),
});

export type FetchRequest = Infer<typeof FetchApi.request>;
export type FetchResponse = Infer<typeof FetchApi.response>;
