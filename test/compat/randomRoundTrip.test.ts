// A seeded random mix of produce requests (kafkajs with each codec, and raw batches from our own encoder)
// over several partitions, read back by kcat (librdkafka) as JSON: every record, in order per partition,
// with key, value and headers intact. Prints its seed; set KW_SEED=<n> to replay one run.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CompressionTypes, type Producer } from 'kafkajs';
import { CreateTopicsApi } from '../../broker/protocol/apis/createTopics.js';
import { ProduceApi } from '../../broker/protocol/apis/produce.js';
import { ErrorCode } from '../../broker/protocol/errors.js';
import { Compression } from '../../broker/records/recordBatch.js';
import { encodeBatch } from '../../broker/records/records.js';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { runKcat } from '../support/kcat.js';
import { kafkajsClient } from './support/clients.js';
import { RawConnection } from './support/rawConnection.js';
import { mulberry32, seedFromEnv } from '../support/seededRandom.js';

const seed = seedFromEnv('KW_SEED', 'randomRoundTrip');

interface Expected {
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

interface KcatJson {
  partition: number;
  offset: number;
  key: string | null;
  payload: string | null;
  headers?: string[] | Record<string, string>;
}

const PARTITIONS = 4;
const TOPIC = 'random-mix';

describe(`random produce mix read back by kcat (seed ${seed})`, () => {
  let cluster: TestCluster;
  let producer: Producer;
  let raw: RawConnection;

  before(async () => {
    cluster = await startCluster();
    raw = await RawConnection.connect(cluster.port);
    const created = await raw.request(CreateTopicsApi, 7, {
      topics: [{ name: TOPIC, numPartitions: PARTITIONS, replicationFactor: 1, assignments: [], configs: [] }],
      timeoutMs: 5_000,
      validateOnly: false,
    });
    assert.equal(created.topics[0]?.errorCode, ErrorCode.NONE);
    producer = kafkajsClient(cluster.bootstrap).producer();
    await producer.connect();
  });
  after(async () => {
    await producer.disconnect().catch(() => undefined);
    raw.close();
    await cluster.stop();
  });

  test('every record comes back, in order per partition', async () => {
    const random = mulberry32(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const text = (max: number): string => {
      const length = Math.floor(random() * max);
      let out = '';
      for (let i = 0; i < length; i++) out += String.fromCharCode(0x21 + Math.floor(random() * 90)); // printable, no quotes needed
      return out;
    };
    const expected = new Map<number, Expected[]>();
    for (let p = 0; p < PARTITIONS; p++) expected.set(p, []);

    for (let round = 0; round < 30; round++) {
      const partition = Math.floor(random() * PARTITIONS);
      const count = 1 + Math.floor(random() * 20);
      const records: Expected[] = Array.from({ length: count }, (_, i) => {
        const headers: Record<string, string> = {};
        const headerCount = Math.floor(random() * 3);
        for (let h = 0; h < headerCount; h++) headers[`h${h}`] = text(20);
        return { key: random() < 0.2 ? null : `r${round}-${i}-${text(10)}`, value: `v${round}-${i}-${text(random() < 0.1 ? 3000 : 200)}`, headers };
      });
      if (random() < 0.5) {
        const compression = pick([CompressionTypes.None, CompressionTypes.GZIP]);
        await producer.send({
          topic: TOPIC,
          compression,
          acks: -1,
          messages: records.map((r) => ({ partition, key: r.key, value: r.value, headers: r.headers })),
        });
      } else {
        const compression = pick([Compression.None, Compression.Gzip, Compression.Snappy, Compression.Lz4, Compression.Zstd]);
        const batch = encodeBatch({ compression, records: records.map((r) => ({ key: r.key, value: r.value, headers: Object.entries(r.headers).map(([key, value]) => ({ key, value })) })) });
        const response = await raw.request(ProduceApi, 11, {
          transactionalId: null,
          acks: -1,
          timeoutMs: 5_000,
          topicData: [{ name: TOPIC, partitionData: [{ index: partition, records: batch }] }],
        });
        assert.equal(response.responses[0]?.partitionResponses[0]?.errorCode, ErrorCode.NONE, `round ${round} (codec ${compression})`);
      }
      expected.get(partition)?.push(...records);
    }

    const total = [...expected.values()].reduce((n, list) => n + list.length, 0);
    const result = await runKcat(['-C', '-b', cluster.bootstrap, '-t', TOPIC, '-o', 'beginning', '-e', '-q', '-J'], { timeoutMs: 60_000 });
    assert.equal(result.exitCode, 0, result.stderr);
    const consumed = result.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as KcatJson);
    assert.equal(consumed.length, total);
    for (let p = 0; p < PARTITIONS; p++) {
      const got = consumed.filter((c) => c.partition === p);
      assert.deepEqual(got.map((c) => c.offset), got.map((_, i) => i), `partition ${p} offsets`);
      const headersOf = (c: KcatJson): Record<string, string> => {
        if (!c.headers) return {};
        if (!Array.isArray(c.headers)) return c.headers;
        const out: Record<string, string> = {};
        for (let i = 0; i + 1 < c.headers.length; i += 2) out[c.headers[i]] = c.headers[i + 1];
        return out;
      };
      assert.deepEqual(
        got.map((c) => ({ key: c.key, value: c.payload, headers: headersOf(c) })),
        expected.get(p),
        `partition ${p} records (seed ${seed})`,
      );
    }
  });
});
