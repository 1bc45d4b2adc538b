// Crash and corruption through the real cluster: keyed, numbered records produced with acks=1 and no
// retries while the whole cluster is SIGKILLed and restarted on the same data directory; afterwards
// every acknowledged record is there exactly once, in order, without gaps, and nothing unwritten
// appears. Then a damaged sealed segment takes only its partition offline. Prints its seed;
// STORAGE_CRASH_SEED replays one, STORAGE_CRASH_ROUNDS sets the number of kills (at least 10).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import type { Producer } from 'kafkajs';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { runKcat } from '../support/kcat.js';
import { tempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';
import { kafkajsClient } from './support/clients.js';
import { mulberry32, seedFromEnv } from '../support/seededRandom.js';

const seed = seedFromEnv('STORAGE_CRASH_SEED', 'storageCrash');
const rounds = Math.max(10, Number(process.env.STORAGE_CRASH_ROUNDS ?? 10));
console.log(`storageCrash: ${rounds} kills (STORAGE_CRASH_ROUNDS)`);
const random = mulberry32(seed);

interface Line {
  partition: number;
  offset: number;
  key: string;
  value: string;
}

async function consumeAll(bootstrap: string, topic: string, partition?: number): Promise<Line[]> {
  const args = ['-C', '-b', bootstrap, '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%p %o %k %s\\n'];
  if (partition !== undefined) args.push('-p', String(partition));
  const result = await runKcat(args);
  assert.equal(result.exitCode, 0, `kcat consume failed: ${result.stderr}`);
  return result.stdout
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => {
      const [p, offset, key, value] = l.split(' ');
      return { partition: Number(p), offset: Number(offset), key: key ?? '', value: value ?? '' };
    });
}

async function createTopic(bootstrap: string, topic: string, partitions: number, configs: Record<string, string>): Promise<void> {
  const admin = kafkajsClient(bootstrap).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions, configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })) }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

test('SIGKILLs at random moments lose no acknowledged record, duplicate none and invent none', { timeout: 600_000 }, async () => {
  const dataDir = tempDir('crash');
  let cluster: TestCluster = await startCluster({ dataDir });
  // Small segments, so kills land before, during and after seals too.
  await createTopic(cluster.bootstrap, 'crash', 1, { 'segment.bytes': '16384' });

  const acked: number[] = [];
  const unknown = new Set<number>();
  let next = 0;
  for (let round = 0; round < rounds; round++) {
    const producer: Producer = kafkajsClient(cluster.bootstrap, { retry: { retries: 0 } }).producer({ retry: { retries: 0 }, idempotent: false, allowAutoTopicCreation: false });
    await producer.connect();
    let stop = false;
    const producing = (async () => {
      while (!stop) {
        const count = 1 + Math.floor(random() * 20);
        const numbers = Array.from({ length: count }, () => next++);
        try {
          await producer.send({ topic: 'crash', acks: 1, messages: numbers.map((n) => ({ key: `k${n % 7}`, value: `${n}:${'x'.repeat(n % 300)}` })) });
          acked.push(...numbers);
        } catch {
          for (const n of numbers) unknown.add(n);
          return;
        }
      }
    })();
    await waitFor(() => acked.length > 0 || round > 0, { what: 'a first acknowledged produce' });
    await sleep(100 + Math.floor(random() * 1_100));
    await cluster.kill();
    stop = true;
    await producing;
    await producer.disconnect().catch(() => undefined);
    cluster = await startCluster({ dataDir });
  }

  const lines = await consumeAll(cluster.bootstrap, 'crash');
  const numbers = lines.map((l) => Number(l.value.split(':')[0]));
  assert.deepEqual(lines.map((l) => l.offset), lines.map((_, i) => i), 'offsets run from 0 without gaps');
  for (let i = 1; i < numbers.length; i++) assert.ok((numbers[i] ?? 0) > (numbers[i - 1] ?? 0), `in order at offset ${i}: ${numbers[i - 1]} then ${numbers[i]}`);
  const stored = new Set(numbers);
  assert.equal(stored.size, numbers.length, 'no record twice');
  const missing = acked.filter((n) => !stored.has(n));
  assert.deepEqual(missing, [], 'every acknowledged record is there');
  const invented = numbers.filter((n) => !unknown.has(n) && !acked.includes(n));
  assert.deepEqual(invented, [], 'nothing that was never sent');
  for (const l of lines) assert.equal(l.key, `k${Number(l.value.split(':')[0]) % 7}`, 'keys match their records');
  const partitionDir = fs.readdirSync(dataDir, { recursive: true, withFileTypes: true }).find((e) => e.isDirectory() && e.name === 'crash-0');
  assert.ok(partitionDir, `crash-0 under ${dataDir}`);
  const sealed = fs.readdirSync(path.join(partitionDir.parentPath, partitionDir.name)).filter((f) => f.endsWith('.segment.sqlite'));
  assert.ok(sealed.length > 0, 'the kills came across sealed segments too');
  console.log(`storageCrash: ${acked.length} acknowledged, ${unknown.size} in flight at kills, ${numbers.length} stored, ${sealed.length} sealed segments`);
  await cluster.stop();
});

test('a damaged sealed segment takes its partition offline, naming the file; other partitions are served; nothing deleted', { timeout: 300_000 }, async () => {
  const dataDir = tempDir('damage');
  let cluster = await startCluster({ dataDir });
  await createTopic(cluster.bootstrap, 'victim', 2, { 'segment.bytes': '4096' });
  const producer = kafkajsClient(cluster.bootstrap).producer();
  await producer.connect();
  for (let i = 0; i < 40; i++) {
    await producer.send({ topic: 'victim', messages: [0, 1].map((partition) => ({ partition, key: `k${i}`, value: `v${i}:${'y'.repeat(400)}` })) });
  }
  await producer.disconnect();
  await cluster.stop();

  const partitionDir = fs.readdirSync(dataDir, { recursive: true, withFileTypes: true }).find((e) => e.isDirectory() && e.name === 'victim-0');
  assert.ok(partitionDir, `victim-0 under ${dataDir}`);
  const dir = path.join(partitionDir.parentPath, partitionDir.name);
  const segment = path.join(dir, fs.readdirSync(dir).filter((f) => f.endsWith('.segment.sqlite')).sort()[0] ?? '');
  const data = fs.readFileSync(segment);
  const at = data.indexOf('v1:yyyy');
  assert.ok(at > 0, 'a record value inside the first segment');
  data[at + 10] ^= 0xff;
  fs.writeFileSync(segment, data);
  const before = fs.readdirSync(dir).sort();

  cluster = await startCluster({ dataDir });
  // Start-up no longer reads sealed segments (producer state comes from snapshots); the first read checks it.
  const probe = runKcat(['-C', '-b', cluster.bootstrap, '-t', 'victim', '-p', '0', '-o', 'beginning', '-e', '-q'], { timeoutMs: 20_000 }).catch(() => undefined);
  await waitFor(() => cluster.output().includes(segment), { what: `a log line naming ${segment}` });
  await probe;
  assert.match(cluster.output(), /partition victim-0 is offline/);
  const healthy = await consumeAll(cluster.bootstrap, 'victim', 1);
  assert.equal(healthy.length, 40, 'the other partition is served');
  assert.deepEqual(fs.readdirSync(dir).sort(), before, 'nothing deleted');
  await cluster.stop();
});
