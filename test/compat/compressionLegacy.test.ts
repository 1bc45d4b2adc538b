// Produce v0, v1 and v2 over a raw connection, carrying legacy message sets (magic 0 and 1, plain and
// compressed): stored as one RecordBatch v2 per partition with the producer's codec and read back by kcat.
// A bad CRC stores nothing; zstd in a legacy message is refused.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ProduceApi } from '../../broker/protocol/apis/produce.js';
import { ErrorCode } from '../../broker/protocol/errors.js';
import { encodeLegacyMessageSet, NO_TIMESTAMP } from '../../broker/records/legacyMessageSet.js';
import { Compression } from '../../broker/records/recordBatch.js';
import { decodeRecords } from '../../broker/records/records.js';
import { runKcat } from '../support/kcat.js';
import { createTopicRaw, useRawCluster } from './support/rawCluster.js';
import { fetchStoredBatches } from './support/rawFetch.js';

const raw = useRawCluster();



async function produce(version: number, topic: string, records: Buffer): Promise<{ errorCode: number; baseOffset: bigint; errorMessage: string | null }> {
  const res = await raw.conn.request(ProduceApi, version, {
    ...ProduceApi.request.empty(),
    acks: -1,
    timeoutMs: 10_000,
    topicData: [{ name: topic, partitionData: [{ index: 0, records }] }],
  });
  const p = res.responses[0]?.partitionResponses[0];
  assert.ok(p);
  return p;
}

/** key|value|timestamp of every record, as kcat (librdkafka) reads them. */
async function kcatRead(topic: string, count: number): Promise<string[]> {
  const result = await runKcat(['-C', '-b', raw.cluster.bootstrap, '-t', topic, '-o', 'beginning', '-c', String(count), '-e', '-q', '-f', '%k|%s|%T\\n']);
  assert.equal(result.exitCode, 0, result.stderr);
  return result.stdout.split('\n').slice(0, -1);
}

const values = Array.from({ length: 40 }, (_, i) => `legacy-${i}-${'pqr'.repeat(15)}`);
const T0 = 1_700_000_000_000n;

describe('Produce v0-2 with legacy message sets', () => {
  const cases = [
    { version: 0, magic: 0, codec: Compression.None },
    { version: 0, magic: 0, codec: Compression.Gzip },
    { version: 1, magic: 0, codec: Compression.Snappy },
    { version: 1, magic: 0, codec: Compression.Lz4 },
    { version: 2, magic: 1, codec: Compression.None },
    { version: 2, magic: 1, codec: Compression.Gzip },
    { version: 2, magic: 1, codec: Compression.Snappy },
    { version: 2, magic: 1, codec: Compression.Lz4 },
  ] as const;
  for (const { version, magic, codec } of cases) {
    test(`Produce v${version}, magic ${magic}, codec ${codec}: one v2 batch, read back by kcat`, async () => {
      const topic = `legacy-v${version}-m${magic}-c${codec}`;
      await createTopicRaw(raw.conn, topic);
      const messages = values.map((value, i) => ({ key: `k${i}`, value, timestamp: T0 + BigInt(i) }));
      // Two requests: the second's offsets continue the first's.
      const first = await produce(version, topic, encodeLegacyMessageSet({ magic, compression: codec, messages: messages.slice(0, 30) }));
      assert.equal(first.errorCode, ErrorCode.NONE, first.errorMessage ?? '');
      assert.equal(first.baseOffset, 0n);
      const second = await produce(version, topic, encodeLegacyMessageSet({ magic, compression: codec, messages: messages.slice(30) }));
      assert.equal(second.errorCode, ErrorCode.NONE, second.errorMessage ?? '');
      assert.equal(second.baseOffset, 30n);

      const batches = await fetchStoredBatches(raw.conn, topic);
      assert.deepEqual(batches.map((b) => [b.magic, b.compression, b.recordCount]), [[2, codec, 30], [2, codec, 10]]);
      const decoded = batches.flatMap((b) => decodeRecords(b));
      assert.deepEqual(decoded.map((r) => r.value?.toString('utf8')), values);
      const timestamp = (i: number): bigint => (magic === 1 ? T0 + BigInt(i) : NO_TIMESTAMP);
      assert.deepEqual(decoded.map((r) => r.timestamp), values.map((_, i) => timestamp(i)));

      const read = await kcatRead(topic, values.length);
      assert.deepEqual(read.map((line) => line.split('|').slice(0, 2).join('|')), values.map((v, i) => `k${i}|${v}`));
      if (magic === 1) assert.deepEqual(read.map((line) => line.split('|')[2]), values.map((_, i) => String(T0 + BigInt(i))));
    });
  }

  test('a bad CRC is refused with CORRUPT_MESSAGE and nothing is stored', async () => {
    const topic = 'legacy-bad-crc';
    await createTopicRaw(raw.conn, topic);
    for (const version of [0, 1, 2]) {
      const set = encodeLegacyMessageSet({ magic: version === 2 ? 1 : 0, messages: [{ value: 'one' }, { value: 'two' }] });
      set[set.length - 1] ^= 0xff;
      const res = await produce(version, topic, set);
      assert.equal(res.errorCode, ErrorCode.CORRUPT_MESSAGE);
    }
    assert.deepEqual(await fetchStoredBatches(raw.conn, topic), []);
  });

  test('zstd in a legacy message is refused with UNSUPPORTED_COMPRESSION_TYPE', async () => {
    const topic = 'legacy-zstd';
    await createTopicRaw(raw.conn, topic);
    const res = await produce(2, topic, encodeLegacyMessageSet({ magic: 1, compression: Compression.Zstd, messages: [{ value: 'z' }] }));
    assert.equal(res.errorCode, ErrorCode.UNSUPPORTED_COMPRESSION_TYPE);
    assert.deepEqual(await fetchStoredBatches(raw.conn, topic), []);
  });
});
