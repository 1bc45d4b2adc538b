// The replication lines: RF=3 acks=all produce beside RF=1 acks=1 on one 3-broker cluster, and
// failover time from SIGKILL of a partition leader to the first produce acknowledged by its successor.
// Run alone (`node bench/replicationBench.mjs [--runs N] [--per-producer N] [ROOT...]`, after `npm run
// build`) it repeats only the produce ratio, alternating between builds (each ROOT holds a dist/), so
// a change can be compared side by side on a machine whose load drifts.
import { performance } from 'node:perf_hooks';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import { fileURLToPath } from 'node:url';
import { startCluster } from './cluster.mjs';
import { createTopic, produceWithKcat, recordCount, writeRecordFile } from './kafkaBench.mjs';
import { cleanupAll, installCleanupHandlers, makeTempDir, median, poll, removeTempDir } from './system.mjs';

const require = createRequire(import.meta.url);

// Failover within a bench run: the supervisor fences a broker at once when its process exits, and a
// session above 2 s keeps a loaded machine from fencing live brokers by mistake.
export const REPLICATED_CLUSTER_ARGS = [
  '--override', 'broker.heartbeat.interval.ms=200',
  '--override', 'broker.session.timeout.ms=3000',
  '--override', 'replica.lag.time.max.ms=5000',
  '--override', 'leader.imbalance.check.interval.ms=500',
];

/** A client of the supervisor's control channel (newline-delimited JSON), authenticated with the lock's token. */
async function openControl(dataDir) {
  const lock = JSON.parse(fs.readFileSync(path.join(dataDir, 'cluster.lock.json'), 'utf8'));
  const socket = net.connect({ host: '127.0.0.1', port: lock.controlPort });
  socket.setEncoding('utf8');
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let buffered = '';
  let nextId = 1;
  const pending = new Map();
  socket.on('data', (chunk) => {
    buffered += chunk;
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      try {
        const response = JSON.parse(line);
        pending.get(response.id)?.(response);
        pending.delete(response.id);
      } catch { /* not a response line */ }
    }
  });
  const request = (body) => new Promise((resolve, reject) => {
    const id = nextId++;
    const timer = setTimeout(() => reject(new Error(`control: no answer to ${body.op} within 30 s`)), 30_000);
    pending.set(id, (response) => {
      clearTimeout(timer);
      if (response.ok) resolve(response.result);
      else reject(new Error(`control: ${body.op} refused: ${response.error}`));
    });
    socket.write(`${JSON.stringify({ id, ...body })}\n`);
  });
  await request({ op: 'hello', token: lock.token });
  return { request, close: () => socket.destroy() };
}

/**
 * kcat producers into an RF=1 topic with acks=1, then into an RF=3 topic with acks=all, on the same
 * 3-broker cluster with the same record files, so the ratio compares like with like.
 */
export async function replicatedProduce({ cluster, producers, recordSize, perProducer, dir }) {
  const files = [];
  for (let i = 0; i < producers; i++) {
    const file = path.join(dir, `replicated-${recordSize}-${i}.txt`);
    writeRecordFile(file, recordSize, perProducer);
    files.push(file);
  }
  const records = producers * perProducer;
  const results = {};
  try {
    for (const [name, rf, acks] of [['rf1', 1, '1'], ['rf3', 3, 'all']]) {
      const topic = `replicated-${name}-${recordSize}`;
      await createTopic(cluster.bootstrap, topic, producers, rf === 3 ? { 'min.insync.replicas': '2' } : {}, rf);
      const r = await produceWithKcat({ bootstrap: cluster.bootstrap, topic, files, clusterPids: cluster.pids(), acks });
      const stored = await recordCount(cluster.bootstrap, topic);
      if (stored !== records) throw new Error(`${topic}: produced ${records} records but the topic holds ${stored}`);
      results[name] = { ...r, records, recordsPerSecond: records / r.seconds, mbPerSecond: (records * recordSize) / 1e6 / r.seconds };
    }
  } finally {
    for (const f of files) fs.rmSync(f, { force: true });
  }
  return results;
}

function kafkajs(bootstrap, retry) {
  const { Kafka, logLevel } = require('kafkajs');
  return new Kafka({ brokers: bootstrap.split(','), logLevel: logLevel.NOTHING, clientId: 'bench-failover', retry, connectionTimeout: 1000, requestTimeout: 5000 });
}

async function partitionZero(admin, topic) {
  const meta = await admin.fetchTopicMetadata({ topics: [topic] });
  return meta.topics[0]?.partitions.find((p) => p.partitionId === 0);
}


/**
 * `samples` times: SIGKILL the leader of partition 0 (through the supervisor), then produce acks=all
 * with a client retrying every ~10 ms until one send is acknowledged; the time from the kill to that
 * acknowledgement, checked to come from a new leader. The broker is restarted and preferred leadership
 * restored before the next sample.
 */
export async function failoverTimes({ cluster, samples }) {
  const topic = 'failover';
  await createTopic(cluster.bootstrap, topic, 1, { 'min.insync.replicas': '2' }, 3);
  const control = await openControl(cluster.dataDir);
  // Quick retries so the client's own backoff adds little to the figure.
  const client = kafkajs(cluster.bootstrap, { retries: 1000, initialRetryTime: 10, maxRetryTime: 20, factor: 0, multiplier: 1 });
  const admin = client.admin();
  const producer = client.producer({ allowAutoTopicCreation: false });
  await admin.connect();
  await producer.connect();
  const times = [];
  try {
    for (let i = 0; i < samples; i++) {
      await poll(async () => {
        const p = await partitionZero(admin, topic);
        return p && p.isr.length === 3 && p.leader === p.replicas[0];
      }, 'a whole ISR with the preferred leader');
      await producer.send({ topic, acks: -1, messages: [{ value: `warm-${i}` }] });
      const victim = (await partitionZero(admin, topic)).leader;
      const killedAt = performance.now();
      await control.request({ op: 'killBroker', nodeId: victim });
      await producer.send({ topic, acks: -1, messages: [{ value: `after-kill-${i}` }] });
      const ackedAt = performance.now();
      const now = await partitionZero(admin, topic);
      if (!now || now.leader === victim) throw new Error(`failover bench: broker ${victim} still leads after the acknowledged send`);
      times.push({ ms: ackedAt - killedAt, victim, newLeader: now.leader });
      await control.request({ op: 'restartBroker', nodeId: victim });
    }
  } finally {
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    control.close();
  }
  return { samples: times, medianMs: median(times.map((t) => t.ms)), maxMs: Math.max(...times.map((t) => t.ms)) };
}

/** `runs` rounds; each round measures every build once, on a fresh cluster, so load drift hits all alike. */
async function compareBuilds({ roots, runs, perProducer }) {
  const ratios = new Map(roots.map((root) => [root, []]));
  for (let i = 0; i < runs; i++) {
    for (const root of roots) {
      const dir = makeTempDir('replication');
      const cluster = await startCluster(root, { brokers: 3, extraArgs: REPLICATED_CLUSTER_ARGS });
      try {
        const r = await replicatedProduce({ cluster, producers: 2, recordSize: 100, perProducer, dir });
        const ratio = r.rf3.recordsPerSecond / r.rf1.recordsPerSecond;
        ratios.get(root).push(ratio);
        console.log(`${root} run ${i + 1}: RF=1 acks=1 ${Math.round(r.rf1.recordsPerSecond)}/s, RF=3 acks=all ${Math.round(r.rf3.recordsPerSecond)}/s, `
          + `${(ratio * 100).toFixed(1)}%; cluster CPU ${(r.rf3.brokerCpu / r.rf3.seconds).toFixed(2)}, machine ${(r.rf3.machineCpu / r.rf3.seconds).toFixed(2)} cores; load ${os.loadavg()[0].toFixed(1)}`);
      } finally {
        await cluster.stop();
        removeTempDir(dir);
      }
    }
  }
  for (const [root, list] of ratios) {
    console.log(`${root}: median ${(median(list) * 100).toFixed(1)}% of ${list.length} (${list.map((x) => (x * 100).toFixed(1)).join(', ')})`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = args.indexOf(name);
    if (at < 0) return fallback;
    const value = Number(args[at + 1]);
    args.splice(at, 2);
    return value;
  };
  const runs = option('--runs', 3);
  const perProducer = option('--per-producer', 60_000);
  const roots = args.length > 0 ? args : [path.dirname(path.dirname(fileURLToPath(import.meta.url)))];
  installCleanupHandlers();
  compareBuilds({ roots, runs, perProducer }).then(
    () => {
      cleanupAll();
      process.exit(0);
    },
    (error) => {
      console.error(`replication bench failed: ${error.stack ?? error}`);
      cleanupAll();
      process.exit(1);
    },
  );
}
