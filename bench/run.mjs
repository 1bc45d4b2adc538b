// `npm run bench [-- --quick] [-- --profile]`: sets up what it needs, measures the broker beside
// Redis Streams and beside the machine's limits in one run, prints a Markdown table and writes
// bench/results/latest.json. Every process it starts is killed, every temp dir removed, on any exit.
import { performance } from 'node:perf_hooks';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCluster } from './cluster.mjs';
import {
  consumeWithKcat, coldStart, createTopic, measureLatency, produceWithKcat, recordCount, writeForFootprint, writeRecordFile,
} from './kafkaBench.mjs';
import { extensionRows, measureExtension } from './extensionBench.mjs';
import { failoverTimes, REPLICATED_CLUSTER_ARGS, replicatedProduce } from './replicationBench.mjs';
import { fileAppends, loopbackTcp, sqljsBlobInserts } from './limitsBench.mjs';
import { hotFunctions } from './profile.mjs';
import { recoveryAfterCrash } from './recoveryBench.mjs';
import { startRedis, xaddBenchmark, xreadgroupDrain } from './redisBench.mjs';
import { failedRow, markdownReport, measuredRow, ratio, resultsJson, formatNumber } from './report.mjs';
import { cleanupAll, installCleanupHandlers, machineInfo, makeTempDir, median, removeTempDir, run } from './system.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const quick = process.argv.includes('--quick');
const profile = process.argv.includes('--profile');
const skipSetup = process.argv.includes('--no-setup');
const MB = 1e6;

// Sizes: full mode is meant to finish in about 10 minutes on 2 cores, --quick in under 2.
const size = quick
  ? { producers: 2, records100: 150_000, records1k: 30_000, footprintBytes: 256 * 2 ** 20, latencySeconds: 3, redisRecords: 300_000, limitBytes: 200 * MB, tcpBytes: 1e9, coldStarts: 1, windowReloads: 1 }
  : { producers: 2, records100: 1_000_000, records1k: 250_000, footprintBytes: 2 * 2 ** 30, latencySeconds: 10, redisRecords: 2_000_000, limitBytes: 1000 * MB, tcpBytes: 4e9, coldStarts: 3, windowReloads: 3 };
// The replication lines' sizes: the RF=3 run writes every byte three times on the same 2 cores.
const replicated = quick ? { perProducer: 60_000, failovers: 3 } : { perProducer: 300_000, failovers: 7 };

function progress(message) {
  process.stderr.write(`bench: ${message}\n`);
}

/**
 * Who saturated: the broker (one event loop, so one core), the client, or the machine as a whole.
 * `machineCpu` counts every process on the machine, other people's included, since absolute figures
 * on a shared machine mean little without it.
 */
function cpuNote(brokerCpu, clientCpu, seconds, clientName, machineCpu, serverName = 'broker') {
  const b = brokerCpu / seconds;
  const c = clientCpu / seconds;
  const cores = os.cpus().length;
  const m = machineCpu === undefined ? undefined : machineCpu / seconds;
  let verdict;
  if (b >= 0.9) verdict = `${serverName} saturated (one core: its event loop)`;
  else if (c >= 0.9 * Math.max(1, cores - 1)) verdict = `${clientName} saturated`;
  else if ((m ?? b + c) >= 0.9 * cores) verdict = m !== undefined && m - b - c > 0.3 ? 'machine saturated, partly by other processes' : 'machine saturated';
  else verdict = 'neither saturated: waiting (round trips, timers)';
  const machine = m === undefined ? '' : `, machine ${m.toFixed(2)} of ${cores}`;
  return `CPU ${serverName} ${b.toFixed(2)} / ${clientName} ${c.toFixed(2)} cores${machine}; ${verdict}`;
}

async function setUp() {
  if (skipSetup) return;
  progress('installing system packages (kcat, redis-server, redis-tools) if missing');
  await run('bash', [path.join(root, 'scripts', 'install-system-deps.sh')], { capture: false });
  progress('bootstrap: npm dependencies and build');
  await run(process.execPath, [path.join(root, 'scripts', 'bootstrap.mjs')], { capture: false });
}

async function main() {
  installCleanupHandlers();
  const began = performance.now();
  await setUp();
  const machine = { ...machineInfo(), loadAverage: os.loadavg() };
  const rows = [];
  const extra = { sizes: size, profile: undefined, latency: {} };
  const work = makeTempDir('work');
  const profileDir = profile ? makeTempDir('profile') : undefined;
  const preload = path.join(root, 'bench', 'cpuProfilePreload.cjs');
  const env = profileDir
    ? { ...process.env, KW_BENCH_PROFILE_DIR: profileDir, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${preload}`.trim() }
    : undefined;

  // --- Broker: produce, consume (active segment), latency -----------------------------------------
  progress('starting the cluster (1 broker)');
  // The CLI's default is 3 brokers; the single-broker lines ask for one so their figures stay comparable.
  const cluster = await startCluster(root, { env, brokers: 1 });
  const clusterPids = cluster.pids();
  const produced = {};
  for (const recordSize of [100, 1024]) {
    const perProducer = (recordSize === 100 ? size.records100 : size.records1k);
    const topic = `produce-${recordSize}`;
    const files = [];
    for (let i = 0; i < size.producers; i++) {
      const file = path.join(work, `${topic}-${i}.txt`);
      writeRecordFile(file, recordSize, perProducer);
      files.push(file);
    }
    await createTopic(cluster.bootstrap, topic, size.producers);
    progress(`produce: ${size.producers} kcat x ${perProducer} records of ${recordSize} B`);
    const r = await produceWithKcat({ bootstrap: cluster.bootstrap, topic, files, clusterPids });
    for (const f of files) fs.rmSync(f);
    const records = size.producers * perProducer;
    const stored = await recordCount(cluster.bootstrap, topic);
    if (stored !== records) throw new Error(`${topic}: produced ${records} records but the topic holds ${stored}`);
    produced[recordSize] = { topic, records, ...r, recordsPerSecond: records / r.seconds, mbPerSecond: (records * recordSize) / MB / r.seconds };
  }

  progress('consume from the active segment');
  const consumed = {};
  for (const recordSize of [100, 1024]) {
    const p = produced[recordSize];
    const r = await consumeWithKcat({ bootstrap: cluster.bootstrap, topic: p.topic, expected: p.records, clusterPids });
    consumed[recordSize] = { ...r, recordsPerSecond: p.records / r.seconds, mbPerSecond: (p.records * recordSize) / MB / r.seconds };
  }

  const latency = {};
  for (const rate of [5000, 50000]) {
    progress(`latency at ${rate} records/s for ${size.latencySeconds} s`);
    const topic = `latency-${rate}`;
    await createTopic(cluster.bootstrap, topic, 1);
    latency[rate] = await measureLatency({ bootstrap: cluster.bootstrap, topic, rate, seconds: size.latencySeconds, clusterPids });
  }
  extra.latency = latency;
  await cluster.stop();

  // --- Footprint and sealed segments, on a fresh cluster ---------------------------------------
  progress(`footprint: writing ${formatNumber(size.footprintBytes / MB)} MB in 1 KB records`);
  const fpCluster = await startCluster(root, { env, brokers: 1 });
  const fpPids = fpCluster.pids();
  await createTopic(fpCluster.bootstrap, 'footprint', 1);
  const fp = await writeForFootprint({ bootstrap: fpCluster.bootstrap, topic: 'footprint', totalBytes: size.footprintBytes, dir: work,
    brokerPid: fpCluster.brokerPids[0], clusterPids: fpPids });
  const segmentFiles = listSegmentFiles(fpCluster.dataDir);
  progress(`consume ${formatNumber(fp.writtenBytes / MB)} MB from the beginning (sealed segments: ${segmentFiles.sealed})`);
  const sealed = await consumeWithKcat({ bootstrap: fpCluster.bootstrap, topic: 'footprint', expected: fp.records, clusterPids: fpPids });
  const peakAfterConsume = fs.readFileSync(`/proc/${fpCluster.brokerPids[0]}/status`, 'utf8');
  const peakAfterConsumeBytes = Number(/^VmHWM:\s+(\d+)/m.exec(peakAfterConsume)?.[1] ?? NaN) * 1024;
  progress('recovery: SIGKILL the footprint cluster, restart on its data, time until it takes a produce');
  let recovery;
  let recoveryError;
  try {
    recovery = await recoveryAfterCrash({ root, cluster: fpCluster, topic: 'footprint', startClusterFn: startCluster });
    extra.recovery = recovery;
  } catch (error) {
    recoveryError = error instanceof Error ? error.message.split('\n')[0] : String(error);
    progress(`recovery step failed: ${error.stack ?? error}`);
  }
  await fpCluster.stop();

  // --- Cold start ------------------------------------------------------------------------------
  progress(`cold start x${size.coldStarts}`);
  const starts = [];
  for (let i = 0; i < size.coldStarts; i++) starts.push(await coldStart(root, (r) => startCluster(r, { brokers: 1 })));
  const starts3 = [];
  for (let i = 0; i < size.coldStarts; i++) starts3.push(await coldStart(root, (r) => startCluster(r, { brokers: 3 })));

  // --- Replication: RF=3 acks=all beside RF=1 acks=1, and failover, on one 3-broker cluster ----------
  progress(`replication: ${size.producers} kcat x ${replicated.perProducer} records of 100 B, RF=1 acks=1 then RF=3 acks=all`);
  const replCluster = await startCluster(root, { env, brokers: 3, extraArgs: REPLICATED_CLUSTER_ARGS });
  const repl = await replicatedProduce({ cluster: replCluster, producers: size.producers, recordSize: 100, perProducer: replicated.perProducer, dir: work });
  progress(`failover x${replicated.failovers}: SIGKILL the leader, time to the first acks=all produce acknowledged`);
  const failover = await failoverTimes({ cluster: replCluster, samples: replicated.failovers });
  extra.replication = { produce: repl, failover };
  await replCluster.stop();

  // --- The extension in a real VS Code (code-server), as the e2e tests run it ----------------------
  // A failure here (no chromium, code-server not installable) costs these lines, not the whole run.
  let ext;
  let extError;
  try {
    ext = await measureExtension({ root, samples: size.windowReloads, clusterDataDir: makeTempDir('extension-cluster'), progress });
    extra.extension = ext;
  } catch (error) {
    extError = error instanceof Error ? error.message.split('\n')[0] : String(error);
    progress(`extension step failed: ${error.stack ?? error}`);
  }

  // --- Redis Streams ---------------------------------------------------------------------------
  progress(`redis: XADD x${size.redisRecords} (100 B, -P 100), then XREADGROUP`);
  const redisDir = makeTempDir('redis');
  const redis = await startRedis(redisDir);
  const xadd = await xaddBenchmark({ port: redis.port, pid: redis.pid, records: size.redisRecords, valueSize: 100 });
  const xread = await xreadgroupDrain({ port: redis.port, pid: redis.pid, expected: size.redisRecords });
  await redis.stop();
  removeTempDir(redisDir);

  // --- Limits ----------------------------------------------------------------------------------
  progress('limits: sql.js blob inserts, file appends, loopback TCP');
  const batchBytes = 1_000_000; // librdkafka's batch.size as the producers above ran it
  const batches = Math.round(size.limitBytes / batchBytes);
  const sqlRun = await sqljsBlobInserts({ batchBytes, batches });
  const fileRun = fileAppends({ batchBytes, batches, dir: work });
  const tcpRun = await loopbackTcp({ totalBytes: size.tcpBytes });

  // --- Table -----------------------------------------------------------------------------------
  const p100 = produced[100];
  const p1k = produced[1024];
  rows.push(measuredRow({ line: 'Produce 100 B, acks=1, RF=1', figure: p100.recordsPerSecond, unit: 'records/s', peer: xadd.recordsPerSecond, peerName: 'Redis XADD',
    notes: `${formatNumber(p100.mbPerSecond)} MB/s; ${formatNumber(p100.records)} records, ${size.producers} kcat; ${cpuNote(p100.brokerCpu, p100.clientCpu, p100.seconds, 'kcat', p100.machineCpu)}; Redis: ${cpuNote(xadd.serverCpu, xadd.clientCpu, xadd.seconds, 'redis-benchmark', xadd.machineCpu, 'redis-server')}` }));
  rows.push(measuredRow({ line: 'Produce 1 KB, acks=1, RF=1', figure: p1k.recordsPerSecond, unit: 'records/s',
    notes: `${formatNumber(p1k.mbPerSecond)} MB/s; ${formatNumber(p1k.records)} records, ${size.producers} kcat; ${cpuNote(p1k.brokerCpu, p1k.clientCpu, p1k.seconds, 'kcat', p1k.machineCpu)}` }));
  rows.push(measuredRow({ line: 'Produce 100 B, acks=all, RF=3 (3 brokers)', figure: repl.rf3.recordsPerSecond, unit: 'records/s', peer: repl.rf1.recordsPerSecond, peerName: 'RF=1 acks=1, same cluster',
    notes: `${formatNumber(repl.rf3.mbPerSecond)} MB/s; ${formatNumber(repl.rf3.records)} records, ${size.producers} kcat, min.insync.replicas=2; RF=1 acks=1 on the same 3-broker cluster: ${formatNumber(repl.rf1.recordsPerSecond)} records/s; ${cpuNote(repl.rf3.brokerCpu / 3, repl.rf3.clientCpu, repl.rf3.seconds, 'kcat', repl.rf3.machineCpu, 'each broker (mean of 3)')}` }));
  rows.push(measuredRow({ line: 'RF=3 acks=all as a fraction of RF=1 acks=1', figure: (repl.rf3.recordsPerSecond / repl.rf1.recordsPerSecond) * 100, unit: '%',
    notes: `target ≥ 40%; same record files, same cluster, one run after the other; RF=1: ${cpuNote(repl.rf1.brokerCpu / 3, repl.rf1.clientCpu, repl.rf1.seconds, 'kcat', repl.rf1.machineCpu, 'each broker (mean of 3)')}` }));
  rows.push(measuredRow({ line: 'Failover: SIGKILL of a leader to the first acks=all produce acknowledged', figure: failover.medianMs, unit: 'ms',
    notes: `median of ${failover.samples.length}, max ${formatNumber(failover.maxMs)} ms; RF=3 min.insync.replicas=2, the supervisor fences the broker when its process exits; kafkajs producer retrying every 10-20 ms; moves ${failover.samples.map((t) => `${t.victim}→${t.newLeader}`).join(', ')}` }));
  const c100 = consumed[100];
  rows.push(measuredRow({ line: 'Consume 100 B, active segment', figure: c100.recordsPerSecond, unit: 'records/s', peer: xread.read / xread.seconds, peerName: 'Redis XREADGROUP',
    notes: `${formatNumber(c100.mbPerSecond)} MB/s; kcat -C -e to /dev/null; ${cpuNote(c100.brokerCpu, c100.clientCpu, c100.seconds, 'kcat', c100.machineCpu)}; Redis COUNT 1000 per call: ${cpuNote(xread.serverCpu, xread.clientCpu, xread.seconds, 'Node RESP client', xread.machineCpu, 'redis-server')}` }));
  const c1k = consumed[1024];
  rows.push(measuredRow({ line: 'Consume 1 KB, active segment', figure: c1k.recordsPerSecond, unit: 'records/s',
    notes: `${formatNumber(c1k.mbPerSecond)} MB/s; ${cpuNote(c1k.brokerCpu, c1k.clientCpu, c1k.seconds, 'kcat', c1k.machineCpu)}` }));
  rows.push(measuredRow({ line: 'Consume 1 KB, mostly sealed segments', figure: fp.records / sealed.seconds, unit: 'records/s',
    notes: `${formatNumber(fp.writtenBytes / MB / sealed.seconds)} MB/s; ${formatNumber(fp.writtenBytes / MB)} MB in ${segmentFiles.sealed} sealed segment files + the active one (default segment.bytes 64 MiB; a per-topic segment.bytes is not wired yet, issue 4); ${cpuNote(sealed.brokerCpu, sealed.clientCpu, sealed.seconds, 'kcat', sealed.machineCpu)}` }));
  for (const rate of [5000, 50000]) {
    const l = latency[rate];
    const lost = l.sent - l.received;
    const common = `achieved ${formatNumber(l.achievedRate)}/s for ${size.latencySeconds} s; CPU broker ${l.brokerCpuPerSecond.toFixed(2)} cores, machine ${l.machineBusyCores.toFixed(2)} of ${os.cpus().length}; kcat producer (stdin) linger.ms=0, kcat consumer fetch.wait.max.ms=100${lost ? `; ${lost} of ${l.sent} not received within 30 s` : ''}`;
    rows.push(measuredRow({ line: `End-to-end latency p50 at ${formatNumber(rate)}/s`, figure: l.p50Ms, unit: 'ms', notes: `${common}; from librdkafka's CreateTime on (broker + consumer): p50 ${formatNumber(l.afterProducerP50Ms)} ms` }));
    rows.push(measuredRow({ line: `End-to-end latency p99 at ${formatNumber(rate)}/s`, figure: l.p99Ms, unit: 'ms', notes: `from CreateTime on: p99 ${formatNumber(l.afterProducerP99Ms)} ms` }));
    rows.push(measuredRow({ line: `End-to-end latency p99.9 at ${formatNumber(rate)}/s`, figure: l.p999Ms, unit: 'ms', notes: `max ${formatNumber(l.maxMs)} ms` }));
  }
  rows.push(measuredRow({ line: `Broker peak RSS after writing ${formatNumber(fp.writtenBytes / 2 ** 20)} MiB`, figure: fp.peakRssBytes / 2 ** 20, unit: 'MiB',
    notes: `${quick ? 'quick mode writes less than the 2 GB of the full run; ' : ''}VmHWM of the broker process; RSS before ${formatNumber(fp.rssBeforeBytes / 2 ** 20)} MiB, after ${formatNumber(fp.rssAfterBytes / 2 ** 20)} MiB; written at ${formatNumber(fp.writtenBytes / MB / fp.seconds)} MB/s; peak after reading it all back ${formatNumber(peakAfterConsumeBytes / 2 ** 20)} MiB` }));
  rows.push(measuredRow({ line: 'Cold start, 1 broker, until kcat produces', figure: median(starts.map((s) => s.untilProduceMs)), unit: 'ms',
    notes: `median of ${starts.length}; ready line after ${formatNumber(median(starts.map((s) => s.untilReadyLineMs)))} ms; includes Node start of the CLI and the broker fork` }));
  rows.push(recovery
    ? measuredRow({ line: `Recovery after SIGKILL on a ${formatNumber(recovery.logBytes / 2 ** 20)} MiB log, until kcat produces to it`,
      figure: recovery.untilProduceMs, unit: 'ms',
      notes: `${quick ? '--quick: a smaller log than the 2 GiB of the full run (the log the footprint line wrote); ' : ''}ready line after ${formatNumber(recovery.untilReadyLineMs)} ms; includes Node start of the CLI and the broker fork; open replays only batches after the last producer snapshot` })
    : failedRow('Recovery after SIGKILL, until kcat produces', recoveryError ?? 'failed'));
  rows.push(measuredRow({ line: 'Cold start, 3 brokers, until kcat produces', figure: median(starts3.map((s) => s.untilProduceMs)), unit: 'ms',
    notes: `median of ${starts3.length}; ready line after ${formatNumber(median(starts3.map((s) => s.untilReadyLineMs)))} ms; the topic is created on the first produce (RF=3)` }));
  rows.push(...extensionRows(ext, extError));
  const sqlMb = sqlRun.bytes / MB / sqlRun.seconds;
  const fileMb = fileRun.bytes / MB / fileRun.seconds;
  const tcpMb = tcpRun.bytes / MB / tcpRun.seconds;
  rows.push(measuredRow({ line: 'Limit: raw sql.js blob inserts', figure: sqlMb, unit: 'MB/s', peer: p1k.mbPerSecond, peerName: 'broker 1 KB produce', ratio: ratio(p1k.mbPerSecond, sqlMb),
    notes: `${formatNumber(sqlRun.bytes / MB)} MB as 1 MB blobs, one row each, rowid table, a new database every 64 MiB; ratio = broker / limit; broker 100 B: ${formatNumber(p100.mbPerSecond / sqlMb)}×` }));
  rows.push(measuredRow({ line: 'Limit: raw file appends + one fsync', figure: fileMb, unit: 'MB/s', peer: p1k.mbPerSecond, peerName: 'broker 1 KB produce', ratio: ratio(p1k.mbPerSecond, fileMb),
    notes: `fs.writeSync of the same 1 MB batches; ratio = broker / limit; broker 100 B: ${formatNumber(p100.mbPerSecond / fileMb)}×` }));
  rows.push(measuredRow({ line: 'Limit: loopback TCP', figure: tcpMb, unit: 'MB/s', peer: c1k.mbPerSecond, peerName: 'broker 1 KB consume', ratio: ratio(c1k.mbPerSecond, tcpMb),
    notes: `one socket, Node writer thread and receiver thread, 1 MB writes; ratio = broker consume / limit; broker 1 KB produce: ${formatNumber(p1k.mbPerSecond / tcpMb)}×` }));

  if (profileDir) {
    extra.profile = hotFunctions(profileDir, 20);
    removeTempDir(profileDir);
  }
  const seconds = (performance.now() - began) / 1000;
  const mode = quick ? 'quick' : 'full';
  const report = markdownReport({ machine, mode, rows, seconds });
  console.log(report);
  if (extra.profile) {
    console.log(`\nHot functions (self time over ${extra.profile.files} profiles, ${formatNumber(extra.profile.totalMs)} ms sampled):\n`);
    for (const r of extra.profile.rows) console.log(`- ${(r.share * 100).toFixed(1)}% ${r.selfMs} ms ${r.function}`);
  }
  const resultsDir = path.join(root, 'bench', 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'latest.json'), resultsJson({ machine, mode, rows, seconds, extra }));
  progress(`wrote bench/results/latest.json (${formatNumber(seconds)} s)`);
}

function listSegmentFiles(dataDir) {
  let sealed = 0;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.segment.sqlite') && dir.includes('footprint')) sealed++;
    }
  };
  walk(dataDir);
  return { sealed };
}

main().then(
  () => {
    cleanupAll();
    process.exit(0);
  },
  (error) => {
    console.error(`bench failed: ${error.stack ?? error}`);
    cleanupAll();
    process.exit(1);
  },
);
