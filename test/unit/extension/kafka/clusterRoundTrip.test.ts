// Runs the extension's Kafka-facing code (topic catalog, produce, tail) against a real embedded
// cluster started from the compiled CLI, over the Kafka protocol like the extension does.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compressionsAlgorithms, type CompressionAlgorithmSpecification } from '@platformatic/kafka';
import { bootstrapList } from '../../../../extension/cluster/clusterState.js';
import { waitForClusterLock } from '../../../../extension/cluster/lockFileReader.js';
import { KafkaClients } from '../../../../extension/kafka/kafkaClients.js';
import { kafkaErrorText } from '../../../../extension/kafka/kafkaErrorText.js';
import { partitionForKey } from '../../../../extension/kafka/murmur2.js';
import { produceRecords, type ProduceForm } from '../../../../extension/kafka/produceRecord.js';
import type { ProducedOffset } from '../../../../webview/protocol.js';
import { describeTopics } from '../../../../extension/kafka/topicCatalog.js';
import { TopicTail, type TopicTailOptions } from '../../../../extension/kafka/topicTail.js';
import type { TailRecord } from '../../../../webview/protocol.js';
import { runKcat } from '../../../support/kcat.js';

const cliMain = path.join(__dirname, '..', '..', '..', '..', 'broker', 'cli', 'main.js');
let dataDir: string;
let cluster: ChildProcess | undefined;
let clients: KafkaClients;

/** One record to the partition the form names, through the panel's send path. */
function produceOne(topic: string, form: ProduceForm & { partition: number }) {
  return produceRecords(clients.producer(), topic, form, form.partition + 1, { progress: () => undefined, stopped: () => false });
}

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise<void>((resolve) => setTimeout(resolve, 20));
  }
}

describe('extension Kafka code against a real embedded cluster', { skip: !fs.existsSync(cliMain) && 'broker CLI not compiled' }, () => {
  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-ext-roundtrip-'));
    const output: string[] = [];
    cluster = spawn(process.execPath, [cliMain, 'start', '--brokers', '1', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    cluster.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    cluster.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const exitCode = (): string | undefined =>
      cluster?.exitCode !== null ? `the cluster exited early: ${output.join('')}` : undefined;
    const lock = await waitForClusterLock(dataDir, { timeoutMs: 30_000, abortReason: exitCode });
    clients = new KafkaClients(bootstrapList(lock.bootstrapServers));
  });

  after(async () => {
    await clients?.close();
    if (cluster !== undefined && cluster.exitCode === null) {
      const exited = new Promise<void>((resolve) => cluster?.once('exit', () => resolve()));
      cluster.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates a topic, lists it with partitions and offsets, and reports a bad name with the broker\'s error', async () => {
    await clients.admin().createTopics({ topics: ['roundtrip'], partitions: 2 });
    const topics = await describeTopics(clients.admin());
    const topic = topics.find((t) => t.name === 'roundtrip');
    assert.ok(topic !== undefined);
    assert.deepEqual(topic.partitions.map((p) => [p.partition, p.earliestOffset, p.latestOffset]), [
      [0, 0n, 0n],
      [1, 0n, 0n],
    ]);
    await assert.rejects(clients.admin().createTopics({ topics: ['bad name'], partitions: 1 }), (error) => {
      assert.match(kafkaErrorText(error), /INVALID_TOPIC_EXCEPTION/);
      return true;
    });
  });

  it('tails only records produced after it started, with keys, values and headers', async () => {
    await produceOne('roundtrip', { key: 'before', value: 'old', headers: [], partition: 0 });
    const seen: TailRecord[] = [];
    let live = false;
    const tail = new TopicTail(clients.bootstrapBrokers, 'roundtrip', {
      records: (records) => seen.push(...records),
      status: (state) => {
        live = state === 'live';
      },
    });
    tail.start();
    try {
      await waitUntil(() => live, 'the tail to be live');
      const first = await produceOne('roundtrip', {
        key: 'k',
        value: 'v1',
        headers: [{ key: 'h', value: 'x' }],
        partition: 1,
      });
      const second = await produceOne('roundtrip', { key: null, value: 'v2', headers: [], partition: 0 });
      assert.deepEqual(first, { partition: 1, offset: 0n });
      assert.deepEqual(second, { partition: 0, offset: 1n });
      await waitUntil(() => seen.length >= 2, 'two tailed records');
      const byValue = new Map(seen.map((record) => [record.value, record]));
      assert.equal(byValue.has('old'), false);
      assert.deepEqual(byValue.get('v1')?.headers, [['h', 'x']]);
      assert.equal(byValue.get('v1')?.key, 'k');
      assert.equal(byValue.get('v2')?.key, null);
      assert.equal(byValue.get('v2')?.offset, '1');
    } finally {
      await tail.stop();
    }
  });

  /** Runs a tail with `options` until `count` records arrived (or `what` times out). */
  async function tailUntil(options: TopicTailOptions, count: number, what: string): Promise<TailRecord[]> {
    const seen: TailRecord[] = [];
    const tail = new TopicTail(clients.bootstrapBrokers, 'produced', { records: (records) => seen.push(...records), status: () => undefined }, options);
    tail.start();
    try {
      await waitUntil(() => seen.length >= count, what);
      return seen;
    } finally {
      await tail.stop();
    }
  }

  it('produces N records with templates, by key on the murmur2 partition, each at the offset it reports', async () => {
    await clients.admin().createTopics({ topics: ['produced'], partitions: 3 });
    const produced: ProducedOffset[] = [];
    const last = await produceRecords(
      clients.producer(),
      'produced',
      { key: 'order-{{counter}}', value: '{"n": {{counter}}}', headers: [{ key: 'id', value: '{{uuid}}' }], partition: null, count: 6, compression: 'gzip' },
      3,
      { progress: (offsets) => produced.push(...offsets), stopped: () => false },
    );
    assert.equal(produced.length, 6);
    assert.deepEqual({ partition: last.partition, offset: last.offset.toString() }, produced[5]);
    for (let i = 0; i < 6; i++) {
      assert.equal(produced[i].partition, partitionForKey(Buffer.from(`order-${i + 1}`), 3));
    }
    const all = await tailUntil({ from: { kind: 'earliest' } }, 6, 'six records from the earliest offsets');
    for (const record of all) {
      const n = Number(/\d+/.exec(record.value ?? '')?.[0]);
      assert.equal(record.key, `order-${n}`);
      assert.ok(produced.some((p) => p.partition === record.partition && p.offset === record.offset && n === produced.indexOf(p) + 1));
      assert.match(record.headers[0]?.[1] ?? '', /^[0-9a-f-]{36}$/);
    }
  });

  it('tails from exact offsets, from a time, and only the chosen partitions', async () => {
    const target = { partition: 1, offset: '0' };
    const before = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await produceOne('produced', { key: null, value: 'late', headers: [], partition: 1 });
    const exact = await tailUntil({ from: { kind: 'exact', offsets: [target] } }, 1, 'the exact record');
    assert.ok(exact.every((record) => record.partition === 1));
    assert.equal(exact[0]?.offset, '0');
    const fromTime = await tailUntil({ from: { kind: 'timestamp', timestamp: before } }, 1, 'records after the time');
    assert.deepEqual(fromTime.map((record) => record.value), ['late']);
    const chosen = await tailUntil({ from: { kind: 'earliest' }, partitions: [1] }, 1, 'partition 1 only');
    assert.ok(chosen.every((record) => record.partition === 1));
  });

  it('decodes zstd batches in the tail, though Node 20 has no zstd (kcat compresses them)', async () => {
    await clients.admin().createTopics({ topics: ['zstd-tail'], partitions: 1 });
    const values = Array.from({ length: 20 }, (_, i) => `zstd value ${i} ${'x'.repeat(50)}`);
    await new Promise<void>((resolve, reject) => {
      const kcat = spawn('kcat', ['-P', '-b', clients.bootstrapBrokers[0] ?? '', '-t', 'zstd-tail', '-z', 'zstd', '-X', 'linger.ms=50'], { stdio: ['pipe', 'ignore', 'pipe'] });
      let err = '';
      kcat.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      kcat.on('error', reject);
      kcat.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`kcat exited ${String(code)}: ${err}`))));
      kcat.stdin.end(values.map((v) => `${v}\n`).join(''));
    });
    const seen: TailRecord[] = [];
    const tail = new TopicTail(
      clients.bootstrapBrokers,
      'zstd-tail',
      { records: (records) => seen.push(...records), status: () => undefined },
      { from: { kind: 'earliest' } },
    );
    tail.start();
    try {
      await waitUntil(() => seen.length >= values.length, 'the zstd records in the tail');
    } finally {
      await tail.stop();
    }
    assert.deepEqual(seen.map((r) => r.value), values);
  });

  it('produces zstd from the panel\'s code path on Node 20, and kcat and the tail read it back', async () => {
    await clients.admin().createTopics({ topics: ['zstd-produced'], partitions: 1 });
    const count = 50;
    const produced: ProducedOffset[] = [];
    // No enableZstd() here: the panel's path (KafkaClients.producer + produceRecords) must load it itself.
    const producer = clients.producer();
    // Count what the client hands the zstd codec, to know the records went out zstd-compressed (the
    // codec's own test shows its output is real compression).
    const codec: CompressionAlgorithmSpecification = compressionsAlgorithms.zstd;
    const installed = codec.compressSync;
    let compressedBatches = 0;
    codec.compressSync = (data) => {
      compressedBatches += 1;
      return installed(data);
    };
    try {
      await produceRecords(
        producer,
        'zstd-produced',
        { key: 'k-{{counter}}', value: 'zstd record {{counter}} {{counter}} {{counter}}', headers: [], partition: 0, count, compression: 'zstd' },
        1,
        { progress: (offsets) => produced.push(...offsets), stopped: () => false },
      );
    } finally {
      codec.compressSync = installed;
    }
    assert.ok(compressedBatches > 0, 'the producer compressed with zstd');
    assert.equal(produced.length, count);
    const values = Array.from({ length: count }, (_, i) => `zstd record ${i + 1} ${i + 1} ${i + 1}`);
    const kcat = await runKcat(['-C', '-b', clients.bootstrapBrokers[0] ?? '', '-t', 'zstd-produced', '-o', 'beginning', '-c', String(count), '-e', '-q', '-f', '%s\\n']);
    assert.equal(kcat.exitCode, 0, kcat.stderr);
    assert.deepEqual(kcat.stdout.split('\n').slice(0, -1), values);
    const seen: TailRecord[] = [];
    const tail = new TopicTail(
      clients.bootstrapBrokers,
      'zstd-produced',
      { records: (records) => seen.push(...records), status: () => undefined },
      { from: { kind: 'earliest' } },
    );
    tail.start();
    try {
      await waitUntil(() => seen.length >= count, 'the produced zstd records in the tail');
    } finally {
      await tail.stop();
    }
    assert.deepEqual(seen.map((r) => r.value), values);
  });

  it('deletes the topic', async () => {
    await clients.admin().deleteTopics({ topics: ['roundtrip'] });
    const topics = await describeTopics(clients.admin());
    assert.equal(topics.some((t) => t.name === 'roundtrip'), false);
  });
});
