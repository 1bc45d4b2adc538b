// Re-makes the golden-bytes fixtures: runs the built cluster behind a recording TCP proxy, drives kafkajs,
// kcat (librdkafka) and @platformatic/kafka through it, and saves the first small request and response
// frame of each API version per client under test/fixtures/golden/<client>/<Api>-v<version>-<side>.hex.
// Run: npm run build && npx tsc -p . && node dist-test/test/tools/captureGolden.js
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Admin, Consumer, MessagesStreamModes, Producer, stringDeserializers, stringSerializers } from '@platformatic/kafka';
import { Kafka, logLevel } from 'kafkajs';
import { apiByKey } from '../../broker/protocol/apiTable.js';
import { FindCoordinatorApi } from '../../broker/protocol/apis/findCoordinator.js';
import { MetadataApi } from '../../broker/protocol/apis/metadata.js';
import { readResponseHeader, writeResponseHeader } from '../../broker/protocol/header.js';
import { Reader } from '../../broker/protocol/reader.js';
import { isFlexible, type ApiSchema } from '../../broker/protocol/schema.js';
import { Writer } from '../../broker/protocol/writer.js';
import { runKcat } from '../support/kcat.js';
import { builtFile, repoRoot } from '../support/repoRoot.js';

/** Frames above this are left out: the fixtures are for reading and diffing, not for bulk. */
const MAX_FIXTURE_BYTES = 8 * 1024;
const FIXTURE_ROOT = join(repoRoot, 'test', 'fixtures', 'golden');

type Side = 'request' | 'response';

interface Pending {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
}

/** Everything captured: client -> "Api-vN-side" -> frame (size prefix stripped). */
const captured = new Map<string, Map<string, Buffer>>();
let currentClient = 'none';

function record(client: string, apiKey: number, apiVersion: number, side: Side, frame: Buffer): void {
  const api = apiByKey(apiKey);
  if (!api || frame.length > MAX_FIXTURE_BYTES) return;
  const byName = captured.get(client) ?? new Map<string, Buffer>();
  captured.set(client, byName);
  const name = `${api.name}-v${apiVersion}-${side}`;
  if (!byName.has(name)) byName.set(name, Buffer.from(frame));
}

/** Splits a byte stream into whole frames without their size prefix. */
class FrameSplitter {
  private buffered = Buffer.alloc(0);
  push(chunk: Buffer): Buffer[] {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    const frames: Buffer[] = [];
    while (this.buffered.length >= 4) {
      const size = this.buffered.readInt32BE(0);
      if (this.buffered.length < 4 + size) break;
      frames.push(this.buffered.subarray(4, 4 + size));
      this.buffered = this.buffered.subarray(4 + size);
    }
    return frames;
  }
}

function sizePrefixed(frame: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeInt32BE(frame.length, 0);
  return Buffer.concat([size, frame]);
}

/**
 * Metadata and FindCoordinator answers name the broker's own port; the client is told the proxy's
 * instead, so every later connection goes through the proxy too. The fixture keeps the broker's bytes.
 */
function rewritePorts(pending: Pending, frame: Buffer, brokerPort: number, proxyPort: number): Buffer {
  const rewrite = <Req, Res>(api: ApiSchema<Req, Res>, fix: (body: Res) => void): Buffer => {
    const flexible = isFlexible(api, pending.apiVersion);
    const r = new Reader(frame);
    const correlationId = readResponseHeader(r, api.key, flexible);
    const body = api.response.read(r, pending.apiVersion, flexible);
    fix(body);
    const w = new Writer();
    writeResponseHeader(w, correlationId, api.key, flexible);
    api.response.write(w, body, pending.apiVersion, flexible);
    return w.toBuffer();
  };
  const swap = (port: number): number => (port === brokerPort ? proxyPort : port);
  if (pending.apiKey === MetadataApi.key) {
    return rewrite(MetadataApi, (body) => body.brokers.forEach((b) => (b.port = swap(b.port))));
  }
  if (pending.apiKey === FindCoordinatorApi.key) {
    return rewrite(FindCoordinatorApi, (body) => {
      body.port = swap(body.port);
      body.coordinators.forEach((c) => (c.port = swap(c.port)));
    });
  }
  return frame;
}

async function startProxy(brokerPort: number): Promise<{ port: number; close(): void }> {
  const sockets = new Set<net.Socket>();
  let proxyPort = 0;
  const server = net.createServer((client) => {
    const client_ = currentClient;
    const upstream = net.connect({ host: '127.0.0.1', port: brokerPort });
    sockets.add(client).add(upstream);
    const pending: Pending[] = [];
    const fromClient = new FrameSplitter();
    const fromBroker = new FrameSplitter();
    client.on('data', (chunk: Buffer) => {
      for (const frame of fromClient.push(chunk)) {
        if (frame.length >= 8) {
          const p = { apiKey: frame.readInt16BE(0), apiVersion: frame.readInt16BE(2), correlationId: frame.readInt32BE(4) };
          pending.push(p);
          record(client_, p.apiKey, p.apiVersion, 'request', frame);
        }
        upstream.write(sizePrefixed(frame));
      }
    });
    upstream.on('data', (chunk: Buffer) => {
      for (const frame of fromBroker.push(chunk)) {
        const correlationId = frame.readInt32BE(0);
        const at = pending.findIndex((p) => p.correlationId === correlationId);
        const [p] = at >= 0 ? pending.splice(0, at + 1).slice(-1) : [];
        if (!p) {
          client.write(sizePrefixed(frame));
          continue;
        }
        record(client_, p.apiKey, p.apiVersion, 'response', frame);
        let forwarded = frame;
        try {
          forwarded = rewritePorts(p, frame, brokerPort, proxyPort);
        } catch (err) {
          process.stderr.write(`could not rewrite ${apiByKey(p.apiKey)?.name ?? p.apiKey} v${p.apiVersion}: ${String(err)}\n`);
        }
        client.write(sizePrefixed(forwarded));
      }
    });
    const closeBoth = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', closeBoth).on('error', closeBoth);
    upstream.on('close', closeBoth).on('error', closeBoth);
  });
  server.listen({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  const address = server.address();
  proxyPort = typeof address === 'object' && address ? address.port : 0;
  return {
    port: proxyPort,
    close() {
      server.close();
      for (const s of sockets) s.destroy();
    },
  };
}

async function startBuiltCluster(dataDir: string): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [builtFile('cli.js'), 'start', '--port', '0', '--data-dir', dataDir, '--override', 'group.initial.rebalance.delay.ms=0'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let text = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const match = /Kafka cluster ready: 127\.0\.0\.1:(\d+)/.exec(text);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`cluster exited (${code}) before it was ready`)));
  });
  return { port, child };
}

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function driveKafkajs(bootstrap: string): Promise<void> {
  process.env['KAFKAJS_NO_PARTITIONER_WARNING'] = '1';
  const kafka = new Kafka({ clientId: 'golden-kafkajs', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'golden-kafkajs', numPartitions: 2 }] });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic: 'golden-kafkajs',
    messages: [
      { key: 'k1', value: 'v1', headers: { h: 'x' } },
      { key: 'k2', value: 'v2' },
    ],
  });
  await producer.disconnect();
  const consumer = kafka.consumer({ groupId: 'golden-kafkajs-group', sessionTimeout: 6_000, heartbeatInterval: 300 });
  let seen = 0;
  await consumer.connect();
  await consumer.subscribe({ topic: 'golden-kafkajs', fromBeginning: true });
  await consumer.run({
    eachMessage: () => {
      seen++;
      return Promise.resolve();
    },
  });
  await until(() => seen >= 2, 'kafkajs to consume');
  await consumer.disconnect();
  await admin.fetchTopicOffsets('golden-kafkajs');
  await admin.fetchOffsets({ groupId: 'golden-kafkajs-group', topics: ['golden-kafkajs'] });
  await admin.deleteTopics({ topics: ['golden-kafkajs'] });
  await admin.disconnect();
}

async function driveKcat(bootstrap: string): Promise<void> {
  const check = (what: string, result: { exitCode: number | null; stderr: string }): void => {
    if (result.exitCode !== 0) throw new Error(`kcat ${what} failed: ${result.stderr}`);
  };
  check('-L', await runKcat(['-L', '-b', bootstrap]));
  check('-P', await runKcat(['-P', '-b', bootstrap, '-t', 'golden-kcat', '-K:'], { input: 'k1:v1\nk2:v2\n' }));
  check('-C', await runKcat(['-C', '-b', bootstrap, '-t', 'golden-kcat', '-o', 'beginning', '-e', '-q']));
  check('-G', await runKcat(['-b', bootstrap, '-G', 'golden-kcat-group', '-c', '2', '-q', '-X', 'auto.offset.reset=earliest', 'golden-kcat'], { timeoutMs: 60_000 }));
  check('-Q', await runKcat(['-Q', '-b', bootstrap, '-t', `golden-kcat:0:${Date.now()}`]));
}

async function drivePlatformatic(bootstrap: string): Promise<void> {
  const base = { clientId: 'golden-platformatic', bootstrapBrokers: [bootstrap] };
  const admin = new Admin(base);
  await admin.createTopics({ topics: ['golden-platformatic'], partitions: 2, replicas: 1 });
  await admin.metadata({ topics: ['golden-platformatic'] });
  const producer = new Producer({ ...base, serializers: stringSerializers, idempotent: false, acks: -1 });
  await producer.send({ messages: [{ topic: 'golden-platformatic', key: 'k1', value: 'v1', headers: new Map([['h', 'x']]) }] });
  await producer.close();
  const consumer = new Consumer({ ...base, groupId: 'golden-platformatic-group', deserializers: stringDeserializers, sessionTimeout: 6_000, heartbeatInterval: 300, maxWaitTime: 200 });
  const stream = await consumer.consume({ topics: ['golden-platformatic'], mode: MessagesStreamModes.EARLIEST, autocommit: 100 });
  let seen = 0;
  stream.on('data', () => seen++);
  await until(() => seen >= 1, 'platformatic to consume');
  await consumer.listOffsets({ topics: ['golden-platformatic'] });
  await consumer.commit({ offsets: [{ topic: 'golden-platformatic', partition: 0, offset: 1n, leaderEpoch: 0 }] }).catch(() => undefined);
  await consumer.listCommittedOffsets({ topics: [{ topic: 'golden-platformatic', partitions: [0, 1] }] });
  await stream.close();
  await consumer.close();
  await admin.deleteTopics({ topics: ['golden-platformatic'] });
  await admin.close();
}

function hexLines(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  const lines: string[] = [];
  for (let at = 0; at < hex.length; at += 64) lines.push(hex.slice(at, at + 64));
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kw-golden-'));
  const { port, child } = await startBuiltCluster(dataDir);
  const proxy = await startProxy(port);
  const bootstrap = `127.0.0.1:${proxy.port}`;
  try {
    const clients: Array<[string, (bootstrap: string) => Promise<void>]> = [
      ['kafkajs', driveKafkajs],
      ['kcat', driveKcat],
      ['platformatic', drivePlatformatic],
    ];
    for (const [name, drive] of clients) {
      currentClient = name;
      await drive(bootstrap);
    }
  } finally {
    proxy.close();
    child.kill('SIGTERM');
    await once(child, 'exit');
    rmSync(dataDir, { recursive: true, force: true });
  }
  for (const [client, frames] of captured) {
    const dir = join(FIXTURE_ROOT, client);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const [name, frame] of [...frames].sort()) writeFileSync(join(dir, `${name}.hex`), hexLines(frame));
    process.stdout.write(`${client}: ${[...frames.keys()].sort().join(' ')}\n`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
