// The broker's lines: produce and consume throughput with kcat (librdkafka), end-to-end latency at a
// fixed rate, peak RSS after a large write, and cold start until a client can produce.
import { performance } from 'node:perf_hooks';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { cpuOfTimedRun, cpuSeconds, machineBusySeconds, peakRssBytes, rssBytes, run, sleep, start, startWithCpu } from './system.mjs';

const require = createRequire(import.meta.url);

/** Creates a topic through the protocol (kafkajs admin), as any tool would. */
export async function createTopic(bootstrap, topic, partitions, configs = {}, replicationFactor = 1) {
  const { Kafka, logLevel } = require('kafkajs');
  const admin = new Kafka({ brokers: bootstrap.split(','), logLevel: logLevel.NOTHING, clientId: 'bench' }).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: partitions, replicationFactor, configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })) }],
    });
  } finally {
    await admin.disconnect();
  }
}

/** Sum of the high watermarks of every partition: how many records the topic holds. */
export async function recordCount(bootstrap, topic) {
  const { Kafka, logLevel } = require('kafkajs');
  const admin = new Kafka({ brokers: bootstrap.split(','), logLevel: logLevel.NOTHING, clientId: 'bench' }).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}

/** A file of `count` newline-delimited records of `size` bytes each: what kcat -P reads. */
export function writeRecordFile(file, size, count) {
  const line = Buffer.alloc(size + 1);
  for (let i = 0; i < size; i++) line[i] = 97 + (i % 26);
  line[size] = 10;
  const chunkLines = Math.max(1, Math.floor((1 << 20) / (size + 1)));
  const chunk = Buffer.concat(Array.from({ length: chunkLines }, () => line));
  const fd = fs.openSync(file, 'w');
  try {
    let left = count;
    while (left > 0) {
      const n = Math.min(left, chunkLines);
      fs.writeSync(fd, chunk, 0, n * (size + 1));
      left -= n;
    }
  } finally {
    fs.closeSync(fd);
  }
}

// How a throughput-minded librdkafka producer is configured: up to 1 MB batches, a short linger.
export const PRODUCER_SETTINGS = ['-X', 'acks=1', '-X', 'linger.ms=5', '-X', 'batch.size=1000000', '-X', 'batch.num.messages=100000',
  '-X', 'queue.buffering.max.kbytes=1048576', '-X', 'queue.buffering.max.messages=2000000', '-X', 'compression.codec=none'];

function cpuOf(pids) {
  return pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
}

/**
 * Runs `files.length` kcat producers in parallel, producer i into partition i, and times them until
 * the last exits (kcat exits once every record is acknowledged).
 */
export async function produceWithKcat({ bootstrap, topic, files, clusterPids, acks = '1' }) {
  const settings = PRODUCER_SETTINGS.map((setting) => (setting === 'acks=1' ? `acks=${acks}` : setting));
  const brokerCpuBefore = cpuOf(clusterPids);
  const machineBefore = machineBusySeconds();
  const startedAt = performance.now();
  const runs = files.map((file, i) =>
    startWithCpu('kcat', ['-P', '-b', bootstrap, '-t', topic, '-p', String(i), ...settings, '-l', file], { capture: 'stderr' }).done);
  const results = await Promise.all(runs);
  const seconds = (performance.now() - startedAt) / 1000;
  const brokerCpu = cpuOf(clusterPids) - brokerCpuBefore;
  const clientCpu = results.reduce((sum, r) => sum + cpuOfTimedRun(r.stderr), 0);
  for (const r of results) {
    if (r.code !== 0 || /Failed to produce|ERROR/.test(r.stderr.split('__BENCH_TIMES__')[0])) {
      throw new Error(`kcat producer failed (exit ${r.code}):\n${r.stderr.slice(0, 2000)}`);
    }
  }
  return { seconds, brokerCpu, clientCpu, machineCpu: machineBusySeconds() - machineBefore };
}

/** kcat consuming every partition from the beginning to the end, output thrown away. */
export async function consumeWithKcat({ bootstrap, topic, expected, clusterPids }) {
  const brokerCpuBefore = cpuOf(clusterPids);
  const machineBefore = machineBusySeconds();
  const startedAt = performance.now();
  const r = await startWithCpu('kcat', ['-C', '-b', bootstrap, '-t', topic, '-o', 'beginning', '-e', '-q', '-c', String(expected),
    '-X', 'fetch.max.bytes=52428800', '-X', 'queued.max.messages.kbytes=262144'], { capture: 'stderr' }).done;
  const seconds = (performance.now() - startedAt) / 1000;
  if (r.code !== 0) throw new Error(`kcat consumer failed (exit ${r.code}):\n${r.stderr.slice(0, 2000)}`);
  return { seconds, brokerCpu: cpuOf(clusterPids) - brokerCpuBefore, clientCpu: cpuOfTimedRun(r.stderr), machineCpu: machineBusySeconds() - machineBefore };
}

function wallMicros() {
  return (performance.timeOrigin + performance.now()) * 1000;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * A paced producer (kcat -P fed lines on stdin, each carrying its send time) and a kcat consumer at
 * the log end, both in this process's clock: latency = time the line reaches us - time we handed it over.
 * Includes the pipe hops to and from kcat on both sides, as any client's latency would include its own.
 */
export async function measureLatency({ bootstrap, topic, rate, seconds, recordSize = 100, clusterPids }) {
  // %T is the record's CreateTime, stamped by librdkafka when kcat hands it the line: it splits the
  // latency into time spent before the producer client accepted the record and time after.
  const consumer = start('kcat', ['-C', '-b', bootstrap, '-t', topic, '-o', 'end', '-u', '-q', '-f', '%T %s\n',
    '-X', 'fetch.wait.max.ms=100', '-X', 'fetch.error.backoff.ms=10'], { capture: 'stream' });
  const producer = start('kcat', ['-P', '-b', bootstrap, '-t', topic, '-X', 'acks=1', '-X', 'linger.ms=0'], { capture: 'stderr', stdin: 'pipe' });
  const cons = consumer.child;
  const prod = producer.child;
  prod.stdin.on('error', () => undefined);
  const killBoth = () => {
    for (const c of [cons, prod]) {
      try { process.kill(-c.pid, 'SIGKILL'); } catch { /* gone */ }
    }
  };
  try {
    const latencies = [];
    const afterClient = [];
    let measuring = false;
    let seenWarmup = false;
    let pending = '';
    cons.stdout.setEncoding('latin1');
    cons.stdout.on('data', (chunk) => {
      const now = wallMicros();
      pending += chunk;
      let nl;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        const space = line.indexOf(' ');
        const kind = line[space + 1];
        if (kind === 'w') seenWarmup = true;
        else if (measuring && kind === 'm') {
          const sentAt = Number(line.slice(space + 2, line.indexOf(' ', space + 2)));
          const createdAt = Number(line.slice(0, space)) * 1000;
          latencies.push(now - sentAt);
          afterClient.push(now - createdAt);
        }
      }
    });
    const pad = 'x'.repeat(Math.max(0, recordSize - 20));
    // Warm up until the consumer sees what the producer sends: both connected, partition assigned.
    const warmupDeadline = Date.now() + 30_000;
    let warmups = 0;
    while (!seenWarmup) {
      warmups++;
      if (Date.now() > warmupDeadline) throw new Error('latency consumer saw no warm-up record within 30 s');
      prod.stdin.write(`w${Math.round(wallMicros())} ${pad}\n`);
      await sleep(50);
    }
    measuring = true;
    const brokerCpuBefore = cpuOf(clusterPids);
    const machineBefore = machineBusySeconds();
    const total = Math.round(rate * seconds);
    const startedAt = performance.now();
    let sent = 0;
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - startedAt) / 1000) * rate));
      let lines = '';
      const t = Math.round(wallMicros());
      for (; sent < due; sent++) lines += `m${t} ${pad}\n`;
      if (lines) prod.stdin.write(lines);
      // A 1 ms timer, not a busy loop: on two cores a spinning sender would steal the broker's CPU.
      await sleep(1);
    }
    const sendSeconds = (performance.now() - startedAt) / 1000;
    // kcat -P holds the last lines it read until more input arrives; unmeasured filler pushes them through.
    const drainDeadline = Date.now() + 30_000;
    while (latencies.length < total && Date.now() < drainDeadline) {
      prod.stdin.write(`f0 ${pad}\n`);
      await sleep(10);
    }
    const brokerCpu = cpuOf(clusterPids) - brokerCpuBefore;
    const machineCpu = machineBusySeconds() - machineBefore;
    const sorted = Float64Array.from(latencies).sort();
    return {
      sent: total,
      warmups,
      received: latencies.length,
      achievedRate: total / sendSeconds,
      p50Ms: percentile(sorted, 50) / 1000,
      p99Ms: percentile(sorted, 99) / 1000,
      p999Ms: percentile(sorted, 99.9) / 1000,
      maxMs: sorted.length ? sorted[sorted.length - 1] / 1000 : NaN,
      brokerCpuPerSecond: brokerCpu / sendSeconds,
      machineBusyCores: machineCpu / ((performance.now() - startedAt) / 1000),
      // From librdkafka's CreateTime (ms resolution) to receipt: broker, network and consumer.
      afterProducerP50Ms: percentile(Float64Array.from(afterClient).sort(), 50) / 1000,
      afterProducerP99Ms: percentile(Float64Array.from(afterClient).sort(), 99) / 1000,
    };
  } finally {
    prod.stdin.end();
    killBoth();
    await Promise.all([consumer.done, producer.done]);
  }
}

/** Writes `totalBytes` into a fresh topic with kcat (1 KB records, a file replayed) and reads the broker's VmHWM. */
export async function writeForFootprint({ bootstrap, topic, totalBytes, dir, brokerPid, clusterPids }) {
  const recordSize = 1024;
  const fileRecords = Math.min(Math.ceil(totalBytes / recordSize), 128 * 1024); // a 128 MB file, replayed
  const file = path.join(dir, 'footprint.txt');
  writeRecordFile(file, recordSize, fileRecords);
  const rounds = Math.ceil(totalBytes / (fileRecords * recordSize));
  const rssBefore = rssBytes(brokerPid);
  let seconds = 0;
  let brokerCpu = 0;
  let clientCpu = 0;
  for (let i = 0; i < rounds; i++) {
    const r = await produceWithKcat({ bootstrap, topic, files: [file], clusterPids });
    seconds += r.seconds;
    brokerCpu += r.brokerCpu;
    clientCpu += r.clientCpu;
  }
  fs.rmSync(file, { force: true });
  return {
    writtenBytes: rounds * fileRecords * recordSize,
    records: rounds * fileRecords,
    seconds,
    brokerCpu,
    clientCpu,
    rssBeforeBytes: rssBefore,
    rssAfterBytes: rssBytes(brokerPid),
    peakRssBytes: peakRssBytes(brokerPid),
  };
}

/** Milliseconds from spawning a cluster until kcat has a record acknowledged (acks=1). */
export async function coldStart(root, startClusterFn) {
  const spawnedAt = performance.now();
  const cluster = await startClusterFn(root);
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const kcat = start('kcat', ['-P', '-b', cluster.bootstrap, '-t', 'cold-start', '-X', 'acks=1', '-X', 'linger.ms=0',
        '-X', 'message.timeout.ms=5000'], { stdin: 'pipe' });
      kcat.child.stdin.on('error', () => undefined);
      kcat.child.stdin.end('cold\n');
      const r = await kcat.done;
      if (r.code === 0 && !/Failed|ERROR/.test(r.stderr)) break;
      if (Date.now() > deadline) throw new Error(`cold start: no produce succeeded within 30 s: ${r.stderr}`);
      await sleep(10);
    }
    return { untilProduceMs: performance.now() - spawnedAt, untilReadyLineMs: cluster.readyMs };
  } finally {
    await cluster.stop();
  }
}

export { run };
