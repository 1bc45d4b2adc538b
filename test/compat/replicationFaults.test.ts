// Replication under faults on a real 3-broker cluster: with two of three brokers down and
// min.insync.replicas=2, acks=all producers get NOT_ENOUGH_REPLICAS while consumers still read to the
// high watermark and nothing acknowledged is lost after the restart; and a kafkajs group whose coordinator
// is SIGKILLed goes on with the new coordinator from its committed offsets.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Consumer, Kafka } from 'kafkajs';
import { FindCoordinatorApi } from '../../broker/protocol/apis/findCoordinator.js';
import { ErrorCode } from '../../broker/protocol/errors.js';
import { runKcat } from '../support/kcat.js';
import { waitFor } from '../support/waitFor.js';
import { kafkajsClient } from './support/clients.js';
import { useControlledCluster } from './support/controlledCluster.js';
import { RawConnection } from './support/rawConnection.js';

// Short enough for failover within a test; a session below 2 s fenced busy brokers by mistake under load.
const TIMING = [
  '--override', 'broker.heartbeat.interval.ms=100',
  '--override', 'broker.session.timeout.ms=2000',
  '--override', 'replica.lag.time.max.ms=1500',
  '--override', 'replica.fetch.wait.max.ms=100',
  '--override', 'leader.imbalance.check.interval.ms=500',
  '--override', 'group.initial.rebalance.delay.ms=0',
  '--override', 'group.min.session.timeout.ms=1000',
];

interface PartitionView {
  partitionId: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

async function partitionsOf(kafka: Kafka, topic: string): Promise<PartitionView[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const meta = await admin.fetchTopicMetadata({ topics: [topic] });
    return (meta.topics[0]?.partitions ?? []).map((p) => ({ partitionId: p.partitionId, leader: p.leader, replicas: p.replicas, isr: p.isr }));
  } finally {
    await admin.disconnect();
  }
}

/** kafkajs wraps protocol errors (retries exceeded, per-broker aggregates): every `type` found inside. */
function errorTypes(error: unknown, into: string[] = []): string[] {
  if (typeof error !== 'object' || error === null) return into;
  const e = error as { type?: unknown; cause?: unknown; originalError?: unknown; errors?: unknown };
  if (typeof e.type === 'string') into.push(e.type);
  errorTypes(e.cause, into);
  errorTypes(e.originalError, into);
  if (Array.isArray(e.errors)) for (const inner of e.errors) errorTypes(inner, into);
  return into;
}

/** Every value in the topic below the high watermark, read by kcat (no group) until the end. */
async function readAll(bootstrap: string, topic: string): Promise<string[]> {
  const result = await runKcat(['-C', '-b', bootstrap, '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%s\\n'], { timeoutMs: 60_000 });
  assert.equal(result.exitCode, 0, result.stderr);
  return result.stdout.split('\n').filter((line) => line.length > 0);
}

describe('replication faults on a three-broker cluster', () => {
  const fixture = useControlledCluster({ brokers: 3, extraArgs: TIMING });

  const wholeIsr = async (kafka: Kafka, topic: string): Promise<void> => {
    await waitFor(async () => (await partitionsOf(kafka, topic)).every((p) => p.isr.length === 3 && p.leader > 0), {
      what: `every ISR of ${topic} to be whole`,
      timeoutMs: 60_000,
    });
  };

  test('two of three brokers down with min.insync.replicas=2: acks=all gets NOT_ENOUGH_REPLICAS, reads go on to the HW, nothing acknowledged is lost', { timeout: 180_000 }, async () => {
    const topic = 'min-isr';
    const kafka = kafkajsClient(fixture.cluster.bootstrap, { retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 1000 } });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic, numPartitions: 3, replicationFactor: 3, configEntries: [{ name: 'min.insync.replicas', value: '2' }] }],
      waitForLeaders: true,
    });
    await admin.disconnect();
    await wholeIsr(kafka, topic);

    const acked: string[] = [];
    // Idempotent, so "exactly once" below holds: a plain producer may write a record twice when
    // leadership moves (here: back to the preferred replicas after the restart) between the append and
    // the answer, and it retries, as in Kafka.
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    for (let i = 0; i < 30; i++) {
      await producer.send({ topic, acks: -1, messages: [{ key: `k${i % 6}`, value: `before-${i}` }] });
      acked.push(`before-${i}`);
    }
    await producer.disconnect();

    const survivor = (await partitionsOf(kafka, topic))[0]?.leader ?? 1;
    const victims = [1, 2, 3].filter((id) => id !== survivor);
    for (const id of victims) await fixture.control.brokerAction('killBroker', id);
    // The controller fences a broker whose process exits and takes it out of every ISR.
    await waitFor(
      async () => (await partitionsOf(kafka, topic)).every((p) => p.leader === survivor && p.isr.length === 1 && p.isr[0] === survivor),
      { what: `broker ${survivor} to lead every partition with an ISR of itself alone`, timeoutMs: 30_000 },
    );

    // Retries off: the protocol error itself must surface, not a timeout or a silent success.
    const strict = kafkajsClient(fixture.cluster.bootstrap, { retry: { retries: 0 } }).producer({ retry: { retries: 0 } });
    await strict.connect();
    try {
      for (let partition = 0; partition < 3; partition++) {
        await assert.rejects(strict.send({ topic, acks: -1, timeout: 5000, messages: [{ value: `refused-${partition}`, partition }] }), (error: unknown) => {
          assert.ok(errorTypes(error).includes('NOT_ENOUGH_REPLICAS'), `expected NOT_ENOUGH_REPLICAS, got ${String(error)} (${errorTypes(error).join(', ')})`);
          return true;
        });
      }
      // acks=1 is not bound by min.insync.replicas (as in Kafka): the lone ISR member commits it at once.
      for (let i = 0; i < 6; i++) {
        await strict.send({ topic, acks: 1, messages: [{ key: `k${i}`, value: `alone-${i}` }] });
        acked.push(`alone-${i}`);
      }
    } finally {
      await strict.disconnect();
    }

    const duringOutage = await readAll(fixture.cluster.bootstrap, topic);
    assert.deepEqual([...duringOutage].sort(), [...acked].sort(), 'consumers read every committed record during the outage, and no refused one');

    for (const id of victims) await fixture.control.brokerAction('restartBroker', id);
    await wholeIsr(kafka, topic);
    const back = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await back.connect();
    for (let i = 0; i < 6; i++) {
      await back.send({ topic, acks: -1, messages: [{ key: `k${i}`, value: `after-${i}` }] });
      acked.push(`after-${i}`);
    }
    await back.disconnect();
    const final = await readAll(fixture.cluster.bootstrap, topic);
    assert.deepEqual([...final].sort(), [...acked].sort(), 'everything acknowledged is there after the restart, exactly once');
  });

  test('a kafkajs group goes on with a new coordinator after its coordinator is SIGKILLed, from its last acknowledged commit', { timeout: 240_000 }, async () => {
    const topic = 'coordinated';
    const groupId = 'failover-group';
    const kafka = kafkajsClient(fixture.cluster.bootstrap, { retry: { retries: 20, initialRetryTime: 100, maxRetryTime: 1000 }, requestTimeout: 10_000 });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 3 }], waitForLeaders: true });

    const produced = new Set<string>();
    const producer = kafka.producer({ retry: { retries: 20, initialRetryTime: 100, maxRetryTime: 1000 } });
    await producer.connect();
    const produce = async (prefix: string, count: number): Promise<void> => {
      for (let i = 0; i < count; i++) {
        const value = `${prefix}-${i}`;
        await producer.send({ topic, acks: -1, messages: [{ key: `k${i % 9}`, value }] });
        produced.add(value);
      }
    };

    // partition:offset -> value, and how often each was delivered.
    const deliveries = new Map<string, { value: string; count: number }>();
    // The highest commit per partition a coordinator acknowledged so far, and every time one went back.
    const acked = new Map<number, number>();
    const ackedGoingBack: string[] = [];
    // Deliveries of an offset a second time although a commit past it had been acknowledged.
    const replaysBelowAckedCommit: string[] = [];
    let killed = -1;
    let consumer: Consumer | null = kafka.consumer({
      groupId,
      sessionTimeout: 6000,
      heartbeatInterval: 300,
      // kafkajs keeps heartbeating the dead coordinator until its retries run out; then the consumer
      // restarts and looks the coordinator up again. Few retries keep that failover short.
      retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 1000 },
    });
    // kafkajs emits this only after the coordinator answered the OffsetCommit without an error.
    consumer.on(consumer.events.COMMIT_OFFSETS, (event) => {
      for (const t of event.payload.topics) {
        for (const p of t.partitions) {
          // kafkajs builds this payload from object keys: the partition may arrive as a string.
          const partition = Number(p.partition);
          const offset = Number(p.offset);
          const before = acked.get(partition) ?? -1;
          if (offset < before) ackedGoingBack.push(`${partition}: ${before} then ${offset}`);
          acked.set(partition, Math.max(before, offset));
        }
      }
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommitInterval: 200,
        eachMessage: ({ partition, message }) => {
          const at = `${partition}:${message.offset}`;
          const seen = deliveries.get(at);
          if (seen) {
            seen.count++;
            const committed = acked.get(partition) ?? -1;
            if (Number(message.offset) < committed) replaysBelowAckedCommit.push(`${at} ${seen.value} (acknowledged commit ${committed})`);
          } else {
            deliveries.set(at, { value: message.value?.toString() ?? '', count: 1 });
          }
          return Promise.resolve();
        },
      });

      await produce('before', 60);
      const endOffsets = async (): Promise<Map<number, number>> =>
        new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
      const ends = await endOffsets();
      // Everything before the kill consumed and committed: the point the new coordinator must resume from.
      await waitFor(
        async () => {
          const committed = (await admin.fetchOffsets({ groupId, topics: [topic] }))[0]?.partitions ?? [];
          return committed.length === 3 && committed.every((p) => Number(p.offset) === ends.get(p.partition));
        },
        { what: 'the group to consume and commit every record produced before the kill', timeoutMs: 60_000 },
      );

      const raw = await RawConnection.connect(fixture.cluster.port);
      const found = await raw.request(FindCoordinatorApi, 3, { ...FindCoordinatorApi.request.empty(), key: groupId, keyType: 0 });
      raw.close();
      assert.equal(found.errorCode, ErrorCode.NONE);
      const coordinator = found.nodeId;
      assert.ok([1, 2, 3].includes(coordinator), `coordinator ${coordinator}`);

      await fixture.control.brokerAction('killBroker', coordinator);
      killed = coordinator;
      // Everything the dead coordinator acknowledged; no coordinator answers until another one takes over.
      const ackedAtKill = new Map(acked);
      const livePort = fixture.cluster.bootstrap.split(',').map((b) => Number(b.slice(b.lastIndexOf(':') + 1))).find((p) => p !== found.port) ?? fixture.cluster.port;
      await produce('during', 60);
      const moved = await waitFor(
        async () => {
          const probe = await RawConnection.connect(livePort);
          try {
            const again = await probe.request(FindCoordinatorApi, 3, { ...FindCoordinatorApi.request.empty(), key: groupId, keyType: 0 });
            return again.errorCode === ErrorCode.NONE && again.nodeId !== coordinator ? again.nodeId : null;
          } finally {
            probe.close();
          }
        },
        { what: 'another broker to become the group coordinator', timeoutMs: 30_000 },
      );
      console.log(`coordinator ${coordinator} killed; new coordinator ${moved}`);
      const afterFailover = (await admin.fetchOffsets({ groupId, topics: [topic] }))[0]?.partitions ?? [];
      const fetchedAfterFailover = new Map(afterFailover.map((p) => [p.partition, Number(p.offset)]));
      const lostCommits = [...ackedAtKill]
        .filter(([partition, offset]) => (fetchedAfterFailover.get(partition) ?? -1) < offset)
        .map(([partition, offset]) => `${partition}: acknowledged ${offset}, the new coordinator has ${fetchedAfterFailover.get(partition) ?? -1}`);
      assert.deepEqual(lostCommits, [], 'the new coordinator returns every commit the old one acknowledged');
      await produce('after', 60);

      const finalEnds = await endOffsets();
      let lastCommitted = '';
      await waitFor(
        async () => {
          const committed = (await admin.fetchOffsets({ groupId, topics: [topic] }))[0]?.partitions ?? [];
          lastCommitted = committed.map((p) => `${p.partition}@${p.offset}`).join(' ');
          return committed.length === 3 && committed.every((p) => Number(p.offset) === finalEnds.get(p.partition));
        },
        { what: 'the group to consume and commit everything through the new coordinator', timeoutMs: 90_000 },
      ).catch((error: unknown) => {
        const ends = [...finalEnds].map(([p, o]) => `${p}@${o}`).join(' ');
        console.log(`committed ${lastCommitted}; ends ${ends}; ${deliveries.size} offsets delivered\n--- cluster output ---\n${fixture.cluster.output().slice(-6000)}`);
        throw error;
      });

      const consumedValues = new Set([...deliveries.values()].map((d) => d.value));
      const missing = [...produced].filter((v) => !consumedValues.has(v));
      assert.deepEqual(missing, [], 'every record produced before, during and after the failover is consumed');
      // An acknowledged commit is durable: the group never resumes below it, so the acknowledged offsets
      // only grow and nothing below one is delivered again. Above the last one, a redelivery is the
      // at-least-once behaviour Kafka allows (records consumed after the last acknowledged commit).
      assert.deepEqual(ackedGoingBack, [], 'acknowledged commits never go back');
      assert.deepEqual(replaysBelowAckedCommit, [], 'no record below an acknowledged commit is delivered again');
      const redelivered = [...deliveries.values()].filter((d) => d.count > 1).length;
      console.log(`delivered ${deliveries.size} offsets, ${redelivered} redelivered above the last acknowledged commit`);
    } finally {
      await consumer?.disconnect().catch(() => undefined);
      consumer = null;
      await producer.disconnect();
      await admin.disconnect();
      if (killed > 0) await fixture.control.brokerAction('restartBroker', killed).catch(() => undefined);
    }
  });
});
