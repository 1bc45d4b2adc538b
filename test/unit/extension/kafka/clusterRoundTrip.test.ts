// Runs the extension's Kafka-facing code (topic catalog, produce, tail) against a real embedded
// cluster started from the compiled CLI, over the Kafka protocol like the extension does.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bootstrapList } from '../../../../extension/cluster/clusterState.js';
import { waitForClusterLock } from '../../../../extension/cluster/lockFileReader.js';
import { KafkaClients } from '../../../../extension/kafka/kafkaClients.js';
import { kafkaErrorText } from '../../../../extension/kafka/kafkaErrorText.js';
import { produceRecord } from '../../../../extension/kafka/produceRecord.js';
import { describeTopics } from '../../../../extension/kafka/topicCatalog.js';
import { TopicTail } from '../../../../extension/kafka/topicTail.js';
import type { TailRecord } from '../../../../webview/protocol.js';

const cliMain = path.join(__dirname, '..', '..', '..', '..', 'broker', 'cli', 'main.js');
let dataDir: string;
let cluster: ChildProcess | undefined;
let clients: KafkaClients;

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
    await produceRecord(clients.producer(), 'roundtrip', { key: 'before', value: 'old', headers: [], partition: 0 });
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
      const first = await produceRecord(clients.producer(), 'roundtrip', {
        key: 'k',
        value: 'v1',
        headers: [{ key: 'h', value: 'x' }],
        partition: 1,
      });
      const second = await produceRecord(clients.producer(), 'roundtrip', { key: null, value: 'v2', headers: [], partition: 0 });
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

  it('deletes the topic', async () => {
    await clients.admin().deleteTopics({ topics: ['roundtrip'] });
    const topics = await describeTopics(clients.admin());
    assert.equal(topics.some((t) => t.name === 'roundtrip'), false);
  });
});
