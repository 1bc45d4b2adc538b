// Bad input against the real cluster over raw sockets: a malformed frame costs only its own connection
// (with one log line), oversized frames are refused unread, corrupt batches and bad produce arguments get
// Kafka's error codes and store nothing, and a taken port makes the CLI fail naming it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as net from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Producer } from 'kafkajs';
import { ApiVersionsApi } from '../../broker/protocol/apis/apiVersions.js';
import { CreateTopicsApi } from '../../broker/protocol/apis/createTopics.js';
import { FetchApi, type FetchRequest } from '../../broker/protocol/apis/fetch.js';
import { ListOffsetsApi } from '../../broker/protocol/apis/listOffsets.js';
import { MetadataApi } from '../../broker/protocol/apis/metadata.js';
import { ProduceApi, type ProduceResponse } from '../../broker/protocol/apis/produce.js';
import { ErrorCode } from '../../broker/protocol/errors.js';
import { readResponseHeader } from '../../broker/protocol/header.js';
import { Reader } from '../../broker/protocol/reader.js';
import { Writer } from '../../broker/protocol/writer.js';
import { BatchField } from '../../broker/records/recordBatch.js';
import { encodeBatch } from '../../broker/records/records.js';
import { onCleanup } from '../support/cleanup.js';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { kcatConsume } from '../support/kcat.js';
import { builtFile } from '../support/repoRoot.js';
import { tempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';
import { kafkajsClient } from './support/clients.js';
import { frameOf, RawConnection } from './support/rawConnection.js';

const MAX_REQUEST_BYTES = 1_048_576;
const MAX_MESSAGE_BYTES = 4096;
const CLOSE_LOG = /closing connection from 127\.0\.0\.1:\d+: (.*)/g;

type FetchPartition = FetchRequest['topics'][number]['partitions'][number];
function emptyFetchPartition(): FetchPartition {
  return { partition: 0, currentLeaderEpoch: -1, fetchOffset: 0n, lastFetchedEpoch: -1, logStartOffset: -1n, partitionMaxBytes: 0, replicaDirectoryId: '00000000000000000000000000000000' };
}

/** A request header (v1: no tagged fields) followed by whatever body bytes a test wants. */
function headerV1(apiKey: number, apiVersion: number, correlationId = 7, clientId = 'bad-input'): Buffer {
  const w = new Writer();
  w.int16(apiKey).int16(apiVersion).int32(correlationId).nullableString(clientId);
  return w.toBuffer();
}

describe('bad input', () => {
  let cluster: TestCluster;
  let bystander: RawConnection;
  let producer: Producer;
  let produced = 0;

  before(async () => {
    cluster = await startCluster({
      extraArgs: [
        '--override', 'auto.create.topics.enable=false',
        '--override', `socket.request.max.bytes=${MAX_REQUEST_BYTES}`,
        '--override', `message.max.bytes=${MAX_MESSAGE_BYTES}`,
      ],
    });
    const admin = await RawConnection.connect(cluster.port);
    const created = await admin.request(CreateTopicsApi, 7, {
      topics: [{ name: 'victim', numPartitions: 2, replicationFactor: 1, assignments: [], configs: [] }],
      timeoutMs: 5_000,
      validateOnly: false,
    });
    assert.equal(created.topics[0]?.errorCode, ErrorCode.NONE);
    admin.close();
    bystander = await RawConnection.connect(cluster.port);
    producer = kafkajsClient(cluster.bootstrap).producer();
    await producer.connect();
  });
  after(async () => {
    await producer.disconnect().catch(() => undefined);
    bystander.close();
    await cluster.stop();
  });

  function closeLines(): string[] {
    return [...cluster.output().matchAll(CLOSE_LOG)].map((m) => m[1] ?? '');
  }

  /** The bystander raw connection and the connected kafkajs producer both still work. */
  async function othersStillServed(): Promise<void> {
    const versions = await bystander.request(ApiVersionsApi, 3, { clientSoftwareName: 'bystander', clientSoftwareVersion: '1' });
    assert.equal(versions.errorCode, ErrorCode.NONE);
    await producer.send({ topic: 'victim', messages: [{ value: `still-alive-${produced}`, partition: 0 }] });
    produced++;
  }

  /** Sends `bytes` on a fresh connection and expects the broker to close it, logging exactly one line. */
  async function expectClosed(bytes: Buffer, logPattern: RegExp): Promise<void> {
    const before = closeLines().length;
    const conn = await RawConnection.connect(cluster.port);
    conn.write(bytes);
    await conn.closed;
    const lines = await waitFor(() => (closeLines().length > before ? closeLines() : undefined), { what: 'the broker to log the closed connection' });
    await othersStillServed();
    assert.equal(closeLines().length, before + 1, `one log line, got: ${lines.slice(before).join(' | ')}`);
    assert.match(lines[before] ?? '', logPattern);
  }

  test('a garbage body closes only that connection', async () => {
    // Produce v9's first field is a compact string: 0xff... is a varint that never ends.
    await expectClosed(frameOf(Buffer.concat([headerV1(0, 9), Buffer.alloc(0), Buffer.from([0x00]), Buffer.alloc(32, 0xff)])), /malformed request/);
  });

  test('a truncated header closes only that connection', async () => {
    await expectClosed(frameOf(Buffer.from([0x00, 0x03, 0x00])), /shorter than a request header/);
    // The client id claims 100 bytes and has 3.
    const w = new Writer();
    w.int16(3).int16(4).int32(1).int16(100).raw(Buffer.from('abc'));
    await expectClosed(frameOf(w.toBuffer()), /truncated input/);
  });

  test('invalid UTF-8 in a string closes only that connection', async () => {
    const w = new Writer();
    // Metadata v4 body: one topic whose name is not UTF-8, then allow_auto_topic_creation.
    w.raw(headerV1(3, 4)).int32(1).int16(3).raw(Buffer.from([0x61, 0xff, 0xfe])).int8(0);
    await expectClosed(frameOf(w.toBuffer()), /invalid UTF-8/);
  });

  test('a negative array length closes only that connection', async () => {
    const w = new Writer();
    w.raw(headerV1(3, 4)).int32(-5).int8(0);
    await expectClosed(frameOf(w.toBuffer()), /negative array length -5/);
  });

  test('an unknown API key closes the connection', async () => {
    await expectClosed(frameOf(headerV1(999, 0)), /unknown API key 999/);
  });

  test('ApiVersions at an unsupported version gets a v0 answer with UNSUPPORTED_VERSION and the API list', async () => {
    const conn = await RawConnection.connect(cluster.port);
    try {
      conn.write(frameOf(Buffer.concat([headerV1(18, 99, 4242), Buffer.from([0x00, 0x01, 0x02])])));
      const frame = await conn.readFrame();
      const r = new Reader(frame);
      assert.equal(readResponseHeader(r, 18, false), 4242);
      const body = ApiVersionsApi.response.read(r, 0, false);
      assert.equal(r.remaining, 0);
      assert.equal(body.errorCode, ErrorCode.UNSUPPORTED_VERSION);
      const apiVersions = body.apiKeys.find((a) => a.apiKey === 18);
      assert.deepEqual(apiVersions, { apiKey: 18, minVersion: 0, maxVersion: 3 });
      for (const key of [0, 1, 2, 3, 19, 20]) assert.ok(body.apiKeys.some((a) => a.apiKey === key), `api ${key} listed`);
      // The connection stays usable for a version it can speak.
      const ok = await conn.request(ApiVersionsApi, 0, { clientSoftwareName: '', clientSoftwareVersion: '' });
      assert.equal(ok.errorCode, ErrorCode.NONE);
    } finally {
      conn.close();
    }
  });

  test('a frame larger than socket.request.max.bytes is refused before its body arrives', async () => {
    const header = Buffer.alloc(8);
    header.writeInt32BE(200 * 1024 * 1024, 0);
    header.writeInt32BE(0x00120000, 4); // the first 4 bytes of a body: all the broker gets
    await expectClosed(header, new RegExp(`frame of ${200 * 1024 * 1024} bytes exceeds socket\\.request\\.max\\.bytes \\(${MAX_REQUEST_BYTES}\\)`));
  });

  test('a negative frame size closes the connection', async () => {
    const size = Buffer.alloc(4);
    size.writeInt32BE(-2, 0);
    await expectClosed(size, /negative frame size -2/);
  });

  async function latestOffsets(): Promise<bigint[]> {
    const response = await bystander.request(ListOffsetsApi, 7, {
      replicaId: -1,
      isolationLevel: 0,
      topics: [{ name: 'victim', partitions: [0, 1].map((partitionIndex) => ({ partitionIndex, currentLeaderEpoch: -1, timestamp: -1n })) }],
    });
    return response.topics[0]?.partitions.map((p) => p.offset) ?? [];
  }

  async function produceRaw(records: Buffer, options: { acks?: number; topic?: string; partition?: number } = {}): Promise<ProduceResponse['responses'][number]['partitionResponses'][number]> {
    const response = await bystander.request(ProduceApi, 9, {
      transactionalId: null,
      acks: options.acks ?? -1,
      timeoutMs: 5_000,
      topicData: [{ name: options.topic ?? 'victim', partitionData: [{ index: options.partition ?? 1, records }] }],
    });
    const partition = response.responses[0]?.partitionResponses[0];
    assert.ok(partition, 'one partition response');
    return partition;
  }

  test('a batch with a wrong CRC is refused with CORRUPT_MESSAGE and nothing of the request is stored', async () => {
    const good = encodeBatch({ records: [{ key: 'k', value: 'good-before-bad' }] });
    const bad = encodeBatch({ records: [{ key: 'k', value: 'bad-crc' }] });
    bad.writeUInt32BE((bad.readUInt32BE(BatchField.crc) ^ 0x1) >>> 0, BatchField.crc);
    const before = await latestOffsets();

    const result = await produceRaw(Buffer.concat([good, bad]));
    assert.equal(result.errorCode, ErrorCode.CORRUPT_MESSAGE);
    assert.match(result.errorMessage ?? '', /CRC/);
    assert.deepEqual(await latestOffsets(), before);

    // A valid batch after it lands at the old end, and a consumer sees only that.
    const after = await produceRaw(encodeBatch({ records: [{ value: 'valid-after' }] }));
    assert.equal(after.errorCode, ErrorCode.NONE);
    assert.equal(after.baseOffset, before[1]);
    const values = await kcatConsume(cluster.bootstrap, 'victim', Number(before[0]) + Number(before[1]) + 1);
    assert.ok(values.includes('valid-after'));
    assert.ok(!values.includes('good-before-bad') && !values.includes('bad-crc'), `consumed: ${values.join(', ')}`);
  });

  test('a batch whose declared length is wrong is refused with CORRUPT_MESSAGE', async () => {
    const before = await latestOffsets();
    for (const delta of [+10, -3]) {
      const batch = encodeBatch({ records: [{ value: `wrong-length${delta}` }] });
      batch.writeInt32BE(batch.readInt32BE(BatchField.batchLength) + delta, BatchField.batchLength);
      const result = await produceRaw(batch);
      assert.equal(result.errorCode, ErrorCode.CORRUPT_MESSAGE, `length off by ${delta}`);
    }
    assert.deepEqual(await latestOffsets(), before);
  });

  test('acks=2 is refused with INVALID_REQUIRED_ACKS', async () => {
    const before = await latestOffsets();
    const result = await produceRaw(encodeBatch({ records: [{ value: 'acks-2' }] }), { acks: 2 });
    assert.equal(result.errorCode, ErrorCode.INVALID_REQUIRED_ACKS);
    assert.deepEqual(await latestOffsets(), before);
  });

  test('a batch over message.max.bytes is refused with MESSAGE_TOO_LARGE', async () => {
    const before = await latestOffsets();
    const result = await produceRaw(encodeBatch({ records: [{ value: 'x'.repeat(MAX_MESSAGE_BYTES * 2) }] }));
    assert.equal(result.errorCode, ErrorCode.MESSAGE_TOO_LARGE);
    assert.deepEqual(await latestOffsets(), before);
  });

  test('acks=0 gets no response, and the next request on the connection is answered in order', async () => {
    const conn = await RawConnection.connect(cluster.port);
    try {
      const before = await latestOffsets();
      conn.sendRequest(ProduceApi, 9, {
        transactionalId: null,
        acks: 0,
        timeoutMs: 5_000,
        topicData: [{ name: 'victim', partitionData: [{ index: 1, records: encodeBatch({ records: [{ value: 'acks-0' }] }) }] }],
      });
      const versions = await conn.request(ApiVersionsApi, 3, { clientSoftwareName: 'acks0', clientSoftwareVersion: '1' });
      assert.equal(versions.errorCode, ErrorCode.NONE);
      assert.deepEqual(await latestOffsets(), [before[0], (before[1] ?? 0n) + 1n]);
    } finally {
      conn.close();
    }
  });

  test('produce to an unknown topic (auto-create off) or partition gets UNKNOWN_TOPIC_OR_PARTITION', async () => {
    const batch = encodeBatch({ records: [{ value: 'nowhere' }] });
    assert.equal((await produceRaw(batch, { topic: 'no-such-topic', partition: 0 })).errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    assert.equal((await produceRaw(batch, { partition: 2 })).errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    assert.equal((await produceRaw(batch, { partition: -1 })).errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    // Nor did metadata auto-create the topic.
    const meta = await bystander.request(MetadataApi, 12, {
      topics: [{ topicId: '00000000000000000000000000000000', name: 'no-such-topic' }],
      allowAutoTopicCreation: true,
      includeClusterAuthorizedOperations: false,
      includeTopicAuthorizedOperations: false,
    });
    assert.equal(meta.topics[0]?.errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  });

  test('Fetch of an unknown topic id, topic name, partition or offset gets the matching error', async () => {
    const fetchOne = async (version: number, topic: { topic: string; topicId: string }, partition: number, fetchOffset: bigint): Promise<number | undefined> => {
      const request: FetchRequest = {
        ...FetchApi.request.empty(),
        maxWaitMs: 0,
        minBytes: 1,
        maxBytes: 1024 * 1024,
        sessionEpoch: -1,
        topics: [{ ...topic, partitions: [{ ...emptyFetchPartition(), partition, fetchOffset, partitionMaxBytes: 1024 * 1024 }] }],
      };
      const response = await bystander.request(FetchApi, version, request);
      return response.responses[0]?.partitions[0]?.errorCode;
    };
    const meta = await bystander.request(MetadataApi, 12, {
      topics: [{ topicId: '00000000000000000000000000000000', name: 'victim' }],
      allowAutoTopicCreation: false,
      includeClusterAuthorizedOperations: false,
      includeTopicAuthorizedOperations: false,
    });
    const victimId = meta.topics[0]?.topicId ?? '';
    assert.notEqual(victimId, '00000000000000000000000000000000');
    const latest = await latestOffsets();

    assert.equal(await fetchOne(17, { topic: '', topicId: victimId }, 1, 0n), ErrorCode.NONE);
    assert.equal(await fetchOne(17, { topic: '', topicId: '0123456789abcdef0123456789abcdef' }, 0, 0n), ErrorCode.UNKNOWN_TOPIC_ID);
    assert.equal(await fetchOne(12, { topic: 'no-such-topic', topicId: '' }, 0, 0n), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    assert.equal(await fetchOne(17, { topic: '', topicId: victimId }, 7, 0n), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    assert.equal(await fetchOne(17, { topic: '', topicId: victimId }, 1, (latest[1] ?? 0n) + 5n), ErrorCode.OFFSET_OUT_OF_RANGE);
    assert.equal(await fetchOne(12, { topic: 'victim', topicId: '' }, 1, -3n), ErrorCode.OFFSET_OUT_OF_RANGE);
  });

  test('the CLI exits non-zero, naming the port, when --port is taken', async () => {
    const holder = net.createServer();
    onCleanup(() => holder.close());
    holder.listen({ host: '127.0.0.1', port: 0 });
    await once(holder, 'listening');
    const address = holder.address();
    assert.ok(address && typeof address === 'object');
    const port = address.port;

    const child = spawn(process.execPath, [builtFile('cli.js'), 'start', '--port', String(port), '--data-dir', tempDir('port-taken')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const forget = onCleanup(() => child.kill('SIGKILL'));
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    const [code] = (await once(child, 'exit')) as [number | null];
    forget();
    holder.close();
    assert.notEqual(code, 0, text);
    assert.ok(text.includes(String(port)), `output names port ${port}: ${text}`);
    assert.doesNotMatch(text, /Kafka cluster ready/);
  });

  test('the connected kafkajs producer wrote all its records through all of the above', async () => {
    const values = await kcatConsume(cluster.bootstrap, 'victim', 0 + (await latestOffsets()).reduce((a, b) => a + Number(b), 0));
    for (let i = 0; i < produced; i++) assert.ok(values.includes(`still-alive-${i}`), `still-alive-${i}`);
  });
});
