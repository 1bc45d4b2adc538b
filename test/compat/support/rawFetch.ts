// Fetch requests for tests that read what a broker stores, batch by batch, with the project's own
// codecs: one place that knows which fields each Fetch version names a topic by.
import assert from 'node:assert/strict';
import { FetchApi, type FetchRequest, type FetchResponse } from '../../../broker/protocol/apis/fetch.js';
import { ErrorCode } from '../../../broker/protocol/errors.js';
import { ZERO_UUID } from '../../../broker/protocol/schema.js';
import { splitBatches, type BatchHeader } from '../../../broker/records/recordBatch.js';
import type { RawConnection } from './rawConnection.js';

export interface PartitionFetch {
  readonly partition: number;
  readonly fetchOffset: bigint;
  readonly partitionMaxBytes?: number;
}

export interface FetchedTopic {
  readonly name: string;
  /** Needed from Fetch v13 on, which names topics by id only. */
  readonly topicId?: string;
}

/** A consumer's Fetch of `partitions` of one topic (none: a fetch-session request naming nothing new). */
export function fetchRequest(topic: FetchedTopic, partitions: readonly PartitionFetch[], version: number, overrides: Partial<FetchRequest> = {}): FetchRequest {
  return {
    ...FetchApi.request.empty(),
    replicaId: -1,
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 10 << 20,
    isolationLevel: 0,
    sessionId: 0,
    sessionEpoch: -1,
    topics: partitions.length === 0 ? [] : [{
      topic: version < 13 ? topic.name : '',
      topicId: version >= 13 ? (topic.topicId ?? '') : ZERO_UUID,
      partitions: partitions.map((p) => ({
        partition: p.partition,
        currentLeaderEpoch: -1,
        fetchOffset: p.fetchOffset,
        lastFetchedEpoch: -1,
        logStartOffset: -1n,
        partitionMaxBytes: p.partitionMaxBytes ?? 1 << 20,
        replicaDirectoryId: ZERO_UUID,
      })),
    }],
    forgottenTopicsData: [],
    rackId: '',
    ...overrides,
  };
}

/** A partition's record set as one buffer (the codec may hand it over in pieces). */
export function recordBytes(records: FetchResponse['responses'][number]['partitions'][number]['records']): Buffer {
  if (records === null) return Buffer.alloc(0);
  return Buffer.isBuffer(records) ? records : Buffer.concat(records);
}

/** Every batch the broker returns for `partition` from `fetchOffset` on (Fetch v12, up to 10 MiB); fails the test on an error code. */
export async function fetchStoredBatches(conn: RawConnection, topic: string, partition = 0, fetchOffset = 0n): Promise<BatchHeader[]> {
  const res = await conn.request(FetchApi, 12, fetchRequest({ name: topic }, [{ partition, fetchOffset, partitionMaxBytes: 10 << 20 }], 12));
  const fetched = res.responses[0]?.partitions[0];
  assert.equal(fetched?.errorCode, ErrorCode.NONE, `fetching ${topic}-${partition} from ${fetchOffset}`);
  return splitBatches(recordBytes(fetched.records), 'replica');
}
