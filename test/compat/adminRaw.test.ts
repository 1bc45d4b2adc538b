// The admin APIs at the versions clients do not all reach, over a raw socket to the CLI-started
// cluster: CreateTopics v4/v7 configs, DescribeConfigs v1/v3, AlterConfigs on a broker, CreatePartitions
// validate-only, DeleteRecords past the high watermark and a Fetch below the new log start,
// DescribeCluster v0/v1 and DescribeLogDirs v0.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { AlterConfigsApi } from '../../broker/protocol/apis/alterConfigs.js';
import { ApiVersionsApi } from '../../broker/protocol/apis/apiVersions.js';
import { CreatePartitionsApi } from '../../broker/protocol/apis/createPartitions.js';
import { DeleteRecordsApi } from '../../broker/protocol/apis/deleteRecords.js';
import { DescribeClusterApi } from '../../broker/protocol/apis/describeCluster.js';
import { DescribeConfigsApi } from '../../broker/protocol/apis/describeConfigs.js';
import { DescribeLogDirsApi } from '../../broker/protocol/apis/describeLogDirs.js';
import { FetchApi } from '../../broker/protocol/apis/fetch.js';
import { IncrementalAlterConfigsApi } from '../../broker/protocol/apis/incrementalAlterConfigs.js';
import { ListOffsetsApi } from '../../broker/protocol/apis/listOffsets.js';
import { MetadataApi } from '../../broker/protocol/apis/metadata.js';
import { ErrorCode } from '../../broker/protocol/errors.js';
import { kafkajsClient } from './support/clients.js';
import { requestTopic, useRawCluster } from './support/rawCluster.js';
import { fetchRequest } from './support/rawFetch.js';

const TOPIC = 2;
const BROKER = 4;

describe('admin APIs over a raw connection', () => {
  const raw = useRawCluster();
  const createTopic = (version: number, name: string, configs: Array<{ name: string; value: string | null }>, validateOnly = false) =>
    requestTopic(raw.conn, name, { version, configs, validateOnly });

  test('ApiVersions advertises the admin APIs at the versions served', async () => {
    const versions = await raw.conn.request(ApiVersionsApi, 3, ApiVersionsApi.request.empty());
    const range = (key: number): [number, number] | undefined => {
      const k = versions.apiKeys.find((a) => a.apiKey === key);
      return k ? [k.minVersion, k.maxVersion] : undefined;
    };
    assert.deepEqual(range(37), [0, 3], 'CreatePartitions');
    assert.deepEqual(range(21), [0, 2], 'DeleteRecords');
    assert.deepEqual(range(32), [1, 4], 'DescribeConfigs');
    assert.deepEqual(range(33), [0, 2], 'AlterConfigs');
    assert.deepEqual(range(44), [0, 1], 'IncrementalAlterConfigs');
    assert.deepEqual(range(60), [0, 1], 'DescribeCluster');
    assert.deepEqual(range(35), [0, 4], 'DescribeLogDirs');
  });

  test('CreateTopics: bad config (v4) is INVALID_CONFIG naming the key; v7 returns the effective configs', async () => {
    const bad = await createTopic(4, 'raw-bad', [{ name: 'segment.bytes', value: '10' }]);
    assert.equal(bad.errorCode, ErrorCode.INVALID_CONFIG);
    assert.equal(bad.errorMessage, 'Invalid value 10 for configuration segment.bytes: Value must be at least 14');

    const dry = await createTopic(7, 'raw-dry', [{ name: 'retention.ms', value: '5000' }], true);
    assert.equal(dry.errorCode, ErrorCode.NONE);
    assert.equal(dry.configs?.find((c) => c.name === 'retention.ms')?.value, '5000');

    const made = await createTopic(7, 'raw-configs', [{ name: 'retention.ms', value: '5000' }]);
    const configs = made.configs ?? [];
    assert.deepEqual(configs.find((c) => c.name === 'retention.ms'), { name: 'retention.ms', value: '5000', readOnly: false, configSource: 1, isSensitive: false });
    assert.deepEqual(configs.find((c) => c.name === 'cleanup.policy'), { name: 'cleanup.policy', value: 'delete', readOnly: false, configSource: 5, isSensitive: false });

    // All topics (null), so the Metadata request cannot auto-create the one it looks for.
    const meta = await raw.conn.request(MetadataApi, 1, { ...MetadataApi.request.empty(), topics: null });
    assert.ok(meta.topics.some((t) => t.name === 'raw-configs'));
    assert.ok(!meta.topics.some((t) => t.name === 'raw-dry'), 'validate-only created nothing');
  });

  test('DescribeConfigs v1 (synonyms, selected keys) and v3 (documentation and types); unknown topic; broker', async () => {
    const v1 = await raw.conn.request(DescribeConfigsApi, 1, {
      resources: [
        { resourceType: TOPIC, resourceName: 'raw-configs', configurationKeys: ['retention.ms', 'no.such.key'] },
        { resourceType: TOPIC, resourceName: 'raw-missing', configurationKeys: null },
      ],
      includeSynonyms: true,
      includeDocumentation: false,
    });
    const [found, missing] = v1.results;
    assert.deepEqual(found?.configs.map((c) => [c.name, c.value, c.configSource]), [['retention.ms', '5000', 1]]);
    assert.deepEqual(found?.configs[0]?.synonyms.map((s) => [s.name, s.source]), [['retention.ms', 1], ['log.retention.ms', 5]]);
    assert.equal(missing?.errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);

    const v3 = await raw.conn.request(DescribeConfigsApi, 3, {
      resources: [{ resourceType: BROKER, resourceName: '1', configurationKeys: null }],
      includeSynonyms: false,
      includeDocumentation: true,
    });
    const broker = new Map(v3.results[0]?.configs.map((c) => [c.name, c]));
    assert.equal(broker.get('auto.create.topics.enable')?.value, 'true');
    assert.equal(broker.get('auto.create.topics.enable')?.configType, 1);
    assert.equal(broker.get('log.dirs')?.readOnly, true);
    assert.ok((broker.get('num.partitions')?.documentation ?? '').length > 0);
  });

  test('AlterConfigs on a broker resource is refused; on a topic with an unknown key is INVALID_CONFIG', async () => {
    const altered = await raw.conn.request(AlterConfigsApi, 0, {
      resources: [
        { resourceType: BROKER, resourceName: '1', configs: [{ name: 'num.partitions', value: '3' }] },
        { resourceType: TOPIC, resourceName: 'raw-configs', configs: [{ name: 'retention.hours', value: '3' }] },
      ],
      validateOnly: false,
    });
    assert.equal(altered.responses[0]?.errorCode, ErrorCode.INVALID_REQUEST);
    assert.equal(altered.responses[1]?.errorCode, ErrorCode.INVALID_CONFIG);
    assert.match(altered.responses[1]?.errorMessage ?? '', /retention\.hours/);
  });

  test('CreatePartitions validate-only changes nothing', async () => {
    const result = await raw.conn.request(CreatePartitionsApi, 0, {
      topics: [{ name: 'raw-configs', count: 4, assignments: null }],
      timeoutMs: 5_000,
      validateOnly: true,
    });
    assert.equal(result.results[0]?.errorCode, ErrorCode.NONE);
    const logDirs = await raw.conn.request(DescribeLogDirsApi, 0, { topics: null });
    const partitions = logDirs.results[0]?.topics.find((t) => t.name === 'raw-configs')?.partitions ?? [];
    assert.deepEqual(partitions.map((p) => p.partitionIndex), [0]);
    assert.equal(logDirs.results[0]?.logDir.startsWith(raw.cluster.dataDir), true);
  });

  test('DeleteRecords: past the high watermark is OFFSET_OUT_OF_RANGE; a Fetch below the new log start is too', async () => {
    const producer = kafkajsClient(raw.cluster.bootstrap).producer();
    await producer.connect();
    await producer.send({ topic: 'raw-configs', messages: Array.from({ length: 5 }, (_, i) => ({ value: `r${i}` })) });
    await producer.disconnect();

    const deleteAt = (offset: bigint) =>
      raw.conn.request(DeleteRecordsApi, 0, { topics: [{ name: 'raw-configs', partitions: [{ partitionIndex: 0, offset }] }], timeoutMs: 5_000 });
    const beyond = await deleteAt(6n);
    assert.equal(beyond.topics[0]?.partitions[0]?.errorCode, ErrorCode.OFFSET_OUT_OF_RANGE);
    const unknown = await raw.conn.request(DeleteRecordsApi, 1, { topics: [{ name: 'raw-configs', partitions: [{ partitionIndex: 7, offset: 1n }] }], timeoutMs: 5_000 });
    assert.equal(unknown.topics[0]?.partitions[0]?.errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    const moved = await deleteAt(2n);
    assert.deepEqual(moved.topics[0]?.partitions[0], { partitionIndex: 0, lowWatermark: 2n, errorCode: ErrorCode.NONE });

    const earliest = await raw.conn.request(ListOffsetsApi, 1, {
      ...ListOffsetsApi.request.empty(),
      replicaId: -1,
      topics: [{ name: 'raw-configs', partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -2n }] }],
    });
    assert.equal(earliest.topics[0]?.partitions[0]?.offset, 2n);

    const fetch = await raw.conn.request(FetchApi, 4, fetchRequest({ name: 'raw-configs' }, [{ partition: 0, fetchOffset: 0n }], 4));
    const part = fetch.responses[0]?.partitions[0];
    assert.equal(part?.errorCode, ErrorCode.OFFSET_OUT_OF_RANGE);
  });

  test('segment.bytes altered on a live topic applies to its open partition', async () => {
    const made = await createTopic(7, 'raw-segments', []);
    assert.equal(made.errorCode, ErrorCode.NONE);
    const altered = await raw.conn.request(IncrementalAlterConfigsApi, 0, {
      resources: [{ resourceType: TOPIC, resourceName: 'raw-segments', configs: [{ name: 'segment.bytes', configOperation: 0, value: '2000' }] }],
      validateOnly: false,
    });
    assert.equal(altered.responses[0]?.errorCode, ErrorCode.NONE);
    const producer = kafkajsClient(raw.cluster.bootstrap).producer();
    await producer.connect();
    for (let i = 0; i < 8; i++) await producer.send({ topic: 'raw-segments', messages: [{ value: 'x'.repeat(900) }] });
    await producer.disconnect();
    const dirs = (fs.readdirSync(raw.cluster.dataDir, { recursive: true }) as string[]).filter((p) => path.basename(p) === 'raw-segments-0');
    assert.equal(dirs.length, 1, `one partition directory: ${dirs.join(', ')}`);
    const segments = fs.readdirSync(path.join(raw.cluster.dataDir, dirs[0] ?? '')).filter((f) => f.endsWith('.segment.sqlite'));
    assert.ok(segments.length >= 2, `sealed segments: ${segments.join(', ')}`);
  });

  test('DescribeCluster v0 lists the broker; v1 refuses the controllers endpoint type', async () => {
    const v0 = await raw.conn.request(DescribeClusterApi, 0, DescribeClusterApi.request.empty());
    assert.equal(v0.errorCode, ErrorCode.NONE);
    assert.deepEqual(v0.brokers.map((b) => [b.brokerId, b.port]), [[1, raw.cluster.port]]);
    assert.equal(v0.controllerId, 1);
    const v1 = await raw.conn.request(DescribeClusterApi, 1, { includeClusterAuthorizedOperations: false, endpointType: 2 });
    assert.equal(v1.errorCode, ErrorCode.UNSUPPORTED_ENDPOINT_TYPE);
  });
});
