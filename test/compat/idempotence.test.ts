// Idempotent producers against a real CLI-started cluster: the protocol rules (duplicate retries get their
// original offsets, gaps and stale epochs are refused) before and after a restart, and real idempotent
// clients: kcat (enable.idempotence), kafkajs (idempotent, one request in flight) and @platformatic/kafka.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Producer, stringSerializers } from '@platformatic/kafka';
import { InitProducerIdApi } from '../../broker/protocol/apis/initProducerId.js';
import { ProduceApi, type ProduceResponse } from '../../broker/protocol/apis/produce.js';
import { ErrorCode } from '../../broker/protocol/errors.js';
import { encodeBatch } from '../../broker/records/records.js';
import { kcatConsume, runKcat } from '../support/kcat.js';
import { kafkajsClient, platformaticOptions } from './support/clients.js';
import { createTopicRaw, useRawCluster } from './support/rawCluster.js';

const raw = useRawCluster();


async function initProducerId(version = 4): Promise<{ producerId: bigint; producerEpoch: number }> {
  const res = await raw.conn.request(InitProducerIdApi, version, { transactionalId: null, transactionTimeoutMs: 60_000, producerId: -1n, producerEpoch: -1 });
  assert.equal(res.errorCode, ErrorCode.NONE);
  return res;
}

type PartitionResult = ProduceResponse['responses'][number]['partitionResponses'][number];

async function produceBatch(topic: string, producerId: bigint, producerEpoch: number, baseSequence: number, count: number): Promise<PartitionResult> {
  const records = Array.from({ length: count }, (_, i) => ({ value: `seq-${baseSequence + i}` }));
  const res = await raw.conn.request(ProduceApi, 9, {
    transactionalId: null,
    acks: -1,
    timeoutMs: 10_000,
    topicData: [{ name: topic, partitionData: [{ index: 0, records: encodeBatch({ records, producerId, producerEpoch, baseSequence }) }] }],
  });
  const p = res.responses[0]?.partitionResponses[0];
  assert.ok(p);
  return p;
}

describe('idempotent producers', () => {
  test('protocol: retries get their original offsets, gaps and stale epochs are refused, also after a restart', async () => {
    await createTopicRaw(raw.conn, 'idem-protocol');
    const { producerId, producerEpoch } = await initProducerId();
    assert.equal(producerEpoch, 0);
    const first = await produceBatch('idem-protocol', producerId, 0, 0, 3);
    assert.deepEqual([first.errorCode, first.baseOffset], [ErrorCode.NONE, 0n]);
    const second = await produceBatch('idem-protocol', producerId, 0, 3, 2);
    assert.deepEqual([second.errorCode, second.baseOffset], [ErrorCode.NONE, 3n]);
    const retry = await produceBatch('idem-protocol', producerId, 0, 0, 3);
    assert.deepEqual([retry.errorCode, retry.baseOffset], [ErrorCode.NONE, 0n], 'a retried batch is answered with its first offsets');
    const gap = await produceBatch('idem-protocol', producerId, 0, 9, 1);
    assert.equal(gap.errorCode, ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
    const bumped = await produceBatch('idem-protocol', producerId, 1, 0, 1);
    assert.deepEqual([bumped.errorCode, bumped.baseOffset], [ErrorCode.NONE, 5n]);
    const stale = await produceBatch('idem-protocol', producerId, 0, 5, 1);
    assert.equal(stale.errorCode, ErrorCode.INVALID_PRODUCER_EPOCH);

    await raw.restart();

    const afterRestart = await produceBatch('idem-protocol', producerId, 1, 0, 1);
    assert.deepEqual([afterRestart.errorCode, afterRestart.baseOffset], [ErrorCode.NONE, 5n], 'producer state was rebuilt from the log');
    assert.equal((await produceBatch('idem-protocol', producerId, 0, 5, 1)).errorCode, ErrorCode.INVALID_PRODUCER_EPOCH);
    assert.equal((await produceBatch('idem-protocol', producerId, 1, 4, 1)).errorCode, ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
    const next = await produceBatch('idem-protocol', producerId, 1, 1, 1);
    assert.deepEqual([next.errorCode, next.baseOffset], [ErrorCode.NONE, 6n]);
    const values = await kcatConsume(raw.cluster.bootstrap, 'idem-protocol', 7);
    assert.deepEqual(values, ['seq-0', 'seq-1', 'seq-2', 'seq-3', 'seq-4', 'seq-0', 'seq-1']);

    const fresh = await initProducerId(3);
    assert.notEqual(fresh.producerId, producerId, 'producer ids are not reused after a restart');
  });

  test('a transactional id is refused plainly: transactions are not supported', async () => {
    const res = await raw.conn.request(InitProducerIdApi, 4, { transactionalId: 'tx-1', transactionTimeoutMs: 60_000, producerId: -1n, producerEpoch: -1 });
    assert.equal(res.errorCode, ErrorCode.UNSUPPORTED_VERSION);
    assert.equal(res.producerId, -1n);
  });

  test('kcat with enable.idempotence=true', async () => {
    await createTopicRaw(raw.conn, 'idem-kcat');
    const lines = Array.from({ length: 200 }, (_, i) => `k${i}`);
    const result = await runKcat(['-P', '-b', raw.cluster.bootstrap, '-t', 'idem-kcat', '-X', 'enable.idempotence=true'], { input: lines.map((l) => `${l}\n`).join('') });
    assert.equal(result.exitCode, 0, result.stderr);
    assert.deepEqual(await kcatConsume(raw.cluster.bootstrap, 'idem-kcat', lines.length), lines);
  });

  test('kafkajs idempotent producer', async () => {
    await createTopicRaw(raw.conn, 'idem-kafkajs');
    const producer = kafkajsClient(raw.cluster.bootstrap).producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      for (let round = 0; round < 3; round++) {
        await producer.send({ topic: 'idem-kafkajs', acks: -1, messages: [{ value: `a${round}` }, { value: `b${round}` }] });
      }
    } finally {
      await producer.disconnect();
    }
    assert.deepEqual(await kcatConsume(raw.cluster.bootstrap, 'idem-kafkajs', 6), ['a0', 'b0', 'a1', 'b1', 'a2', 'b2']);
  });

  test('@platformatic/kafka idempotent producer', async () => {
    await createTopicRaw(raw.conn, 'idem-platformatic');
    const producer = new Producer({ ...platformaticOptions(raw.cluster.bootstrap), serializers: stringSerializers, idempotent: true });
    try {
      for (let round = 0; round < 3; round++) {
        await producer.send({ messages: [{ topic: 'idem-platformatic', value: `p${round}`, partition: 0 }] });
      }
    } finally {
      await producer.close();
    }
    assert.deepEqual(await kcatConsume(raw.cluster.bootstrap, 'idem-platformatic', 3), ['p0', 'p1', 'p2']);
  });
});
