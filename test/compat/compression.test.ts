// Compressed batches from real clients (kcat with each codec, kafkajs gzip, @platformatic/kafka's codecs
// with zstd through the extension's codec) and a Java-style xerial-framed snappy batch: accepted, stored
// as framed, served back identical, and decodable by the project's own record decoder from the bytes a
// Fetch returns. kcat must send all four codecs compressed, which it does only because Produce is
// served from v0.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Producer, stringSerializers, type CompressionAlgorithmValue } from '@platformatic/kafka';
import { CompressionTypes } from 'kafkajs';
import { ProduceApi } from '../../broker/protocol/apis/produce.js';
import { ErrorCode } from '../../broker/protocol/errors.js';
import { Compression, type BatchHeader } from '../../broker/records/recordBatch.js';
import { decodeRecords, encodeBatch } from '../../broker/records/records.js';
import { enableZstd } from '../../extension/kafka/zstdCodec.js';
import { kcatConsume, runKcat } from '../support/kcat.js';
import { kafkajsClient, platformaticOptions } from './support/clients.js';
import { createTopicRaw, useRawCluster } from './support/rawCluster.js';
import { fetchStoredBatches } from './support/rawFetch.js';

const raw = useRawCluster();


function decodedValues(batches: readonly BatchHeader[]): string[] {
  return batches.flatMap((b) => decodeRecords(b).map((r) => r.value?.toString('utf8') ?? ''));
}

// Repetitive values, so compressing pays off and librdkafka does not fall back to sending them plain.
const lines = Array.from({ length: 300 }, (_, i) => `record-${i}-${'abc'.repeat(20 + (i % 7))}`);

describe('compression', () => {
  const kcatCodecs = [
    ['gzip', Compression.Gzip],
    ['snappy', Compression.Snappy],
    ['lz4', Compression.Lz4],
    ['zstd', Compression.Zstd],
  ] as const;
  for (const [name, codec] of kcatCodecs) {
    test(`kcat -z ${name}: stored compressed, consumed back, decoded by the project`, async () => {
      const topic = `kcat-${name}`;
      await createTopicRaw(raw.conn, topic);
      const produced = await runKcat(['-P', '-b', raw.cluster.bootstrap, '-t', topic, '-z', name, '-X', 'linger.ms=50'], { input: lines.map((l) => `${l}\n`).join('') });
      assert.equal(produced.exitCode, 0, produced.stderr);
      assert.deepEqual(await kcatConsume(raw.cluster.bootstrap, topic, lines.length), lines);
      const batches = await fetchStoredBatches(raw.conn, topic);
      // librdkafka (<= 2.11) compresses gzip, snappy and lz4 only for a broker whose Produce range reaches v0
      // (zstd: v0-7); otherwise it silently sends them plain. We serve Produce 0-11, so every codec must arrive
      // compressed. (It may still send a batch plain when compressing would not shrink it: these values do shrink.)
      assert.ok(batches.length > 0);
      assert.deepEqual(batches.filter((b) => b.compression !== codec).map((b) => b.compression), [], `every batch is ${name}-compressed`);
      assert.deepEqual(decodedValues(batches), lines);
    });
  }

  test('xerial-framed snappy (the Java producer\'s format) is accepted and served to kcat', async () => {
    const topic = 'xerial-snappy';
    await createTopicRaw(raw.conn, topic);
    // The project's encoder frames snappy as Java does: check that it really is xerial before relying on it.
    const batch = encodeBatch({ records: lines.map((value) => ({ value })), compression: Compression.Snappy });
    assert.equal(batch.subarray(61, 69).toString('latin1'), '\x82SNAPPY\x00');
    const res = await raw.conn.request(ProduceApi, 9, {
      transactionalId: null,
      acks: -1,
      timeoutMs: 10_000,
      topicData: [{ name: topic, partitionData: [{ index: 0, records: batch }] }],
    });
    assert.equal(res.responses[0]?.partitionResponses[0]?.errorCode, ErrorCode.NONE);
    assert.deepEqual(await kcatConsume(raw.cluster.bootstrap, topic, lines.length), lines);
    const [stored] = await fetchStoredBatches(raw.conn, topic);
    assert.ok(stored);
    // Only the base offset (bytes 0-7) and partition leader epoch (12-15) are the broker's.
    assert.ok(stored.bytes.subarray(8, 12).equals(batch.subarray(8, 12)));
    assert.ok(stored.bytes.subarray(16).equals(batch.subarray(16)), 'stored as framed apart from the broker-owned fields');
  });

  test('kafkajs gzip', async () => {
    const topic = 'kafkajs-gzip';
    await createTopicRaw(raw.conn, topic);
    const producer = kafkajsClient(raw.cluster.bootstrap).producer();
    await producer.connect();
    try {
      await producer.send({ topic, acks: -1, compression: CompressionTypes.GZIP, messages: lines.slice(0, 50).map((value) => ({ value })) });
    } finally {
      await producer.disconnect();
    }
    assert.deepEqual(await kcatConsume(raw.cluster.bootstrap, topic, 50), lines.slice(0, 50));
    const batches = await fetchStoredBatches(raw.conn, topic);
    assert.ok(batches.every((b) => b.compression === Compression.Gzip));
    assert.deepEqual(decodedValues(batches), lines.slice(0, 50));
  });

  const platformaticCodecs: Array<[CompressionAlgorithmValue, Compression]> = [
    ['gzip', Compression.Gzip],
    ['snappy', Compression.Snappy],
    ['lz4', Compression.Lz4],
    ['zstd', Compression.Zstd],
  ];
  for (const [name, codec] of platformaticCodecs) {
    test(`@platformatic/kafka ${name}`, async () => {
      // @platformatic/kafka 1.x compresses zstd only with Node's zlib zstd (Node 22.15+); the extension
      // plugs its own codec in on Node 20, and so does this test, the same way.
      await enableZstd();
      const topic = `platformatic-${name}`;
      await createTopicRaw(raw.conn, topic);
      const producer = new Producer({ ...platformaticOptions(raw.cluster.bootstrap), serializers: stringSerializers, compression: name });
      try {
        await producer.send({ messages: lines.slice(0, 40).map((value) => ({ topic, value, partition: 0 })) });
      } finally {
        await producer.close();
      }
      assert.deepEqual(await kcatConsume(raw.cluster.bootstrap, topic, 40), lines.slice(0, 40));
      const batches = await fetchStoredBatches(raw.conn, topic);
      assert.ok(batches.every((b) => b.compression === codec));
      // Really compressed (a zstd frame of raw blocks, say, would be larger than the values it holds).
      const storedBytes = batches.reduce((sum, b) => sum + b.bytes.length, 0);
      const valueBytes = lines.slice(0, 40).reduce((sum, line) => sum + line.length, 0);
      assert.ok(storedBytes < valueBytes / 2, `${valueBytes} bytes of values stored in ${storedBytes} bytes of ${name} batches`);
      assert.deepEqual(decodedValues(batches), lines.slice(0, 40));
    });
  }
});
