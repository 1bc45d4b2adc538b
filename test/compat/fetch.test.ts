// Fetch at the protocol level against a real CLI-started cluster, with the project's own codecs:
// long polling answered on arrival, KIP-74 size limits, OFFSET_OUT_OF_RANGE, and fetch sessions (KIP-227)
// as Java consumers use them, by topic name (v12) and by topic id (v13+).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FetchApi, type FetchResponse } from '../../broker/protocol/apis/fetch.js';
import { ProduceApi } from '../../broker/protocol/apis/produce.js';
import { ErrorCode } from '../../broker/protocol/errors.js';
import { encodeBatch } from '../../broker/records/records.js';
import { RawConnection } from './support/rawConnection.js';
import { createTopicRaw, useRawCluster } from './support/rawCluster.js';
import { fetchRequest, recordBytes } from './support/rawFetch.js';

const raw = useRawCluster();
const topicIds = new Map<string, string>();

/** Fetch v13 names topics by id, so each topic's id is kept. */
function named(name: string): { name: string; topicId?: string } {
  return { name, topicId: topicIds.get(name) };
}

async function createTopic(name: string, partitions: number): Promise<void> {
  topicIds.set(name, (await createTopicRaw(raw.conn, name, { partitions })).topicId);
}


async function produce(topic: string, partition: number, values: readonly string[], via = raw.conn): Promise<bigint> {
  const res = await via.request(ProduceApi, 9, {
    transactionalId: null,
    acks: -1,
    timeoutMs: 10_000,
    topicData: [{ name: topic, partitionData: [{ index: partition, records: encodeBatch({ records: values.map((value) => ({ value })) }) }] }],
  });
  const p = res.responses[0]?.partitionResponses[0];
  assert.equal(p?.errorCode, ErrorCode.NONE, p?.errorMessage ?? '');
  return p.baseOffset;
}


function partitionsOf(res: FetchResponse): Array<{ partition: number; errorCode: number; bytes: number; hw: bigint; logStart: bigint }> {
  return res.responses.flatMap((t) =>
    t.partitions.map((p) => ({ partition: p.partitionIndex, errorCode: p.errorCode, bytes: recordBytes(p.records).length, hw: p.highWatermark, logStart: p.logStartOffset })),
  );
}

describe('fetch', () => {
  test('a long poll (max_wait 10 s, min_bytes 1) is answered as soon as a record arrives', async () => {
    await createTopic('poll', 1);
    const waiting = raw.conn.request(FetchApi, 12, fetchRequest(named('poll'), [{ partition: 0, fetchOffset: 0n }], 12, { maxWaitMs: 10_000, minBytes: 1 }));
    const producer = await RawConnection.connect(raw.cluster.port);
    const started = Date.now();
    await produce('poll', 0, ['hello'], producer);
    const res = await waiting;
    const elapsed = Date.now() - started;
    producer.close();
    assert.equal(partitionsOf(res)[0]?.errorCode, ErrorCode.NONE);
    assert.ok((partitionsOf(res)[0]?.bytes ?? 0) > 0, 'the record came back');
    // A liveness bound, not a speed claim: well before the 10 s max_wait.
    assert.ok(elapsed < 8_000, `answered after ${elapsed} ms`);
  });

  test('KIP-74: one whole batch even past max_bytes, and nothing more once the budget is spent', async () => {
    await createTopic('sizes', 2);
    const big = 'x'.repeat(5000);
    await produce('sizes', 0, [big]);
    await produce('sizes', 0, [big]);
    await produce('sizes', 1, [big]);
    const res = await raw.conn.request(FetchApi, 12, fetchRequest(named('sizes'), [
      { partition: 0, fetchOffset: 0n, partitionMaxBytes: 100 },
      { partition: 1, fetchOffset: 0n, partitionMaxBytes: 100 },
    ], 12, { maxBytes: 100 }));
    const [p0, p1] = partitionsOf(res);
    assert.ok(p0 && p0.bytes > 5000 && p0.bytes < 10_000, `exactly one whole batch of partition 0 (${p0?.bytes} bytes)`);
    assert.equal(p1?.bytes, 0, 'no room left for partition 1');
    assert.equal(p1?.hw, 1n, 'partition 1 still reports its offsets');
    const roomy = await raw.conn.request(FetchApi, 12, fetchRequest(named('sizes'), [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 12_000 }], 12));
    assert.ok((partitionsOf(roomy)[0]?.bytes ?? 0) > 10_000, 'both batches fit partition_max_bytes');
  });

  test('OFFSET_OUT_OF_RANGE carries the log start and end offsets', async () => {
    await createTopic('range', 1);
    await produce('range', 0, ['a', 'b']);
    const res = await raw.conn.request(FetchApi, 12, fetchRequest(named('range'), [{ partition: 0, fetchOffset: 50n }], 12));
    assert.deepEqual(partitionsOf(res)[0], { partition: 0, errorCode: ErrorCode.OFFSET_OUT_OF_RANGE, bytes: 0, hw: 2n, logStart: 0n });
  });

  for (const version of [12, 13, 17]) {
    test(`fetch sessions v${version}: full, incremental with only changes, forgotten partitions, session errors`, async () => {
      const topic = `sessions-v${version}`;
      await createTopic(topic, 2);
      await produce(topic, 0, ['a']);
      const full = await raw.conn.request(FetchApi, version, fetchRequest(named(topic), [
        { partition: 0, fetchOffset: 0n },
        { partition: 1, fetchOffset: 0n },
      ], version, { sessionId: 0, sessionEpoch: 0 }));
      assert.equal(full.errorCode, ErrorCode.NONE);
      assert.notEqual(full.sessionId, 0, 'a session was created');
      assert.deepEqual(partitionsOf(full).map((p) => [p.partition, p.bytes > 0]), [[0, true], [1, false]]);
      const sessionId = full.sessionId;

      // The client moves partition 0's position; nothing new arrived, so nothing is reported.
      const quiet = await raw.conn.request(FetchApi, version, fetchRequest(named(topic), [{ partition: 0, fetchOffset: 1n }], version, { sessionId, sessionEpoch: 1 }));
      assert.equal(quiet.errorCode, ErrorCode.NONE);
      assert.equal(quiet.sessionId, sessionId);
      assert.deepEqual(partitionsOf(quiet), []);

      await produce(topic, 1, ['b']);
      const changed = await raw.conn.request(FetchApi, version, fetchRequest(named(topic), [], version, { sessionId, sessionEpoch: 2 }));
      assert.deepEqual(partitionsOf(changed).map((p) => [p.partition, p.bytes > 0, p.hw]), [[1, true, 1n]]);

      // Partition 0 forgotten: data arriving there is no longer reported in this session.
      const forgotten = [{ topic: version < 13 ? topic : '', topicId: topicIds.get(topic) ?? '', partitions: [0] }];
      await raw.conn.request(FetchApi, version, fetchRequest(named(topic), [{ partition: 1, fetchOffset: 1n }], version, { sessionId, sessionEpoch: 3, forgottenTopicsData: forgotten }));
      await produce(topic, 0, ['c']);
      const afterForget = await raw.conn.request(FetchApi, version, fetchRequest(named(topic), [], version, { sessionId, sessionEpoch: 4 }));
      assert.deepEqual(partitionsOf(afterForget), []);

      const wrongEpoch = await raw.conn.request(FetchApi, version, fetchRequest(named(topic), [], version, { sessionId, sessionEpoch: 9 }));
      assert.equal(wrongEpoch.errorCode, ErrorCode.INVALID_FETCH_SESSION_EPOCH);
      const unknown = await raw.conn.request(FetchApi, version, fetchRequest(named(topic), [], version, { sessionId: sessionId + 1, sessionEpoch: 1 }));
      assert.equal(unknown.errorCode, ErrorCode.FETCH_SESSION_ID_NOT_FOUND);

      // Epoch -1 closes the session and fetches without one.
      const closing = await raw.conn.request(FetchApi, version, fetchRequest(named(topic), [{ partition: 0, fetchOffset: 0n }], version, { sessionId, sessionEpoch: -1 }));
      assert.equal(closing.sessionId, 0);
      assert.equal(partitionsOf(closing).length, 1);
      const gone = await raw.conn.request(FetchApi, version, fetchRequest(named(topic), [], version, { sessionId, sessionEpoch: 5 }));
      assert.equal(gone.errorCode, ErrorCode.FETCH_SESSION_ID_NOT_FOUND);
    });
  }

  test('an incremental fetch waiting on min_bytes is answered when a session partition gets data', async () => {
    await createTopic('session-poll', 1);
    const full = await raw.conn.request(FetchApi, 12, fetchRequest(named('session-poll'), [{ partition: 0, fetchOffset: 0n }], 12, { sessionEpoch: 0 }));
    const waiting = raw.conn.request(FetchApi, 12, fetchRequest(named('session-poll'), [], 12, { sessionId: full.sessionId, sessionEpoch: 1, maxWaitMs: 10_000, minBytes: 1 }));
    const producer = await RawConnection.connect(raw.cluster.port);
    const started = Date.now();
    await produce('session-poll', 0, ['late'], producer);
    const res = await waiting;
    producer.close();
    assert.ok(Date.now() - started < 8_000);
    assert.ok((partitionsOf(res)[0]?.bytes ?? 0) > 0);
  });
});
