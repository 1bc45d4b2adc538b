// Jepsen-style chaos: RF=3, min.insync.replicas=2, idempotent kafkajs producers with acks=all write keyed,
// numbered records to 6 partitions while a seeded schedule SIGKILLs and restarts brokers (the busy
// partition's leader among them); an observer reads along the way. Then everything is read from the
// beginning and a checker counts lost acknowledged writes, duplicates, per-key reordering, and records
// once read that vanished. Every count must be zero. KW_CHAOS_SEED replays a schedule; KW_CHAOS_KILLS sets its length.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import type { TestCluster } from '../support/cluster.js';
import type { ControlConnection } from '../../broker/cluster/controlConnection.js';
import { waitFor } from '../support/waitFor.js';
import { kafkajsClient } from './support/clients.js';
import { useControlledCluster } from './support/controlledCluster.js';
import { mulberry32, seedFromEnv } from '../support/seededRandom.js';

const TOPIC = 'chaos';
const PARTITIONS = 6;
const KEYS_PER_PARTITION = 2;
const KILLS = Number(process.env['KW_CHAOS_KILLS'] ?? 20);
const SEED = seedFromEnv('KW_CHAOS_SEED', 'chaos');

const TIMING = [
  '--override', 'broker.heartbeat.interval.ms=100',
  '--override', 'broker.session.timeout.ms=1500',
  '--override', 'leader.imbalance.check.interval.ms=1000',
  '--override', 'replica.lag.time.max.ms=1500',
  '--override', 'replica.fetch.wait.max.ms=100',
  '--override', 'group.initial.rebalance.delay.ms=0',
];

interface History {
  /** key -> acknowledged sequence numbers. */
  readonly acked: Map<string, Set<number>>;
  /** key -> sequence numbers whose send failed (outcome unknown: may or may not be in the log). */
  readonly uncertain: Map<string, Set<number>>;
  /** value -> seen by the observer during the run. */
  readonly observed: Set<string>;
}

export interface ChaosReport {
  lostAcknowledged: string[];
  duplicates: string[];
  reordered: string[];
  vanished: string[];
  /** Read but never sent (a broker inventing data). */
  unknown: string[];
}

/** Compares the final read of the whole topic (in partition order) with what was acknowledged and observed. */
export function check(history: History, finalRead: readonly string[]): ChaosReport {
  const report: ChaosReport = { lostAcknowledged: [], duplicates: [], reordered: [], vanished: [], unknown: [] };
  const seen = new Set<string>();
  const lastSeq = new Map<string, number>();
  for (const value of finalRead) {
    if (seen.has(value)) report.duplicates.push(value);
    seen.add(value);
    const [key, seqText] = value.split(':');
    const seq = Number(seqText);
    if (!key || !Number.isInteger(seq)) {
      report.unknown.push(value);
      continue;
    }
    const sent = history.acked.get(key)?.has(seq) || history.uncertain.get(key)?.has(seq);
    if (!sent) report.unknown.push(value);
    const prev = lastSeq.get(key);
    if (prev !== undefined && seq <= prev) report.reordered.push(`${value} after ${key}:${prev}`);
    lastSeq.set(key, seq);
  }
  for (const [key, seqs] of history.acked) for (const seq of seqs) if (!seen.has(`${key}:${seq}`)) report.lostAcknowledged.push(`${key}:${seq}`);
  for (const value of history.observed) if (!seen.has(value)) report.vanished.push(value);
  return report;
}

describe(`chaos: ${KILLS} SIGKILLs of random brokers under acks=all (KW_CHAOS_SEED=${SEED})`, () => {
  const fixture = useControlledCluster({ brokers: 3, extraArgs: TIMING });

  test('no acknowledged write is lost, none is duplicated or reordered, nothing read vanishes', { timeout: 600_000 }, async () => {
    try {
      await runChaos(fixture.cluster, fixture.control);
    } catch (err) {
      console.log(`--- cluster output (last 8000 chars) ---\n${fixture.cluster.output().slice(-8000)}`);
      throw err;
    }
  });
});

async function runChaos(cluster: TestCluster, control: ControlConnection): Promise<void> {
  {
    const rand = mulberry32(SEED);
    const kafka: Kafka = kafkajsClient(cluster.bootstrap, { retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 1000 }, requestTimeout: 10_000 });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic: TOPIC, numPartitions: PARTITIONS, replicationFactor: 3, configEntries: [{ name: 'min.insync.replicas', value: '2' }] }],
      waitForLeaders: true,
    });

    const history: History = { acked: new Map(), uncertain: new Map(), observed: new Set() };
    let producing = true;
    let sends = 0;
    let failures = 0;

    // One producer per partition: after a failed send its sequence state is unknown, so it is replaced
    // (a new producer id), as Kafka's own client bumps its epoch.
    const writer = async (partition: number): Promise<void> => {
      const keys = Array.from({ length: KEYS_PER_PARTITION }, (_, i) => `k${partition}-${i}`);
      const next = new Map(keys.map((k) => [k, 0]));
      let producer: Producer | null = null;
      let turn = 0;
      while (producing) {
        const key = keys[turn++ % keys.length] ?? 'k';
        const seq = next.get(key) ?? 0;
        next.set(key, seq + 1);
        try {
          if (!producer) {
            producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 1000 } });
            await producer.connect();
          }
          await producer.send({ topic: TOPIC, acks: -1, timeout: 5000, messages: [{ key, value: `${key}:${seq}`, partition }] });
          if (!history.acked.has(key)) history.acked.set(key, new Set());
          history.acked.get(key)?.add(seq);
          sends++;
        } catch {
          failures++;
          if (!history.uncertain.has(key)) history.uncertain.set(key, new Set());
          history.uncertain.get(key)?.add(seq);
          const broken = producer;
          producer = null;
          await broken?.disconnect().catch(() => undefined);
          await sleep(100);
        }
      }
      await producer?.disconnect().catch(() => undefined);
    };

    const observer: Consumer = kafka.consumer({ groupId: `chaos-observer-${SEED}`, sessionTimeout: 6000, heartbeatInterval: 500, retry: { retries: 100, initialRetryTime: 100, maxRetryTime: 1000 } });
    await observer.connect();
    await observer.subscribe({ topic: TOPIC, fromBeginning: true });
    await observer.run({
      eachMessage: ({ message }) => {
        if (message.value) history.observed.add(message.value.toString());
        return Promise.resolve();
      },
    });

    const writers = Array.from({ length: PARTITIONS }, (_, p) => writer(p));

    const busyLeader = async (): Promise<number> => {
      const meta = await admin.fetchTopicMetadata({ topics: [TOPIC] });
      return meta.topics[0]?.partitions.find((p) => p.partitionId === 0)?.leader ?? 1;
    };
    let leaderKills = 0;
    for (let i = 0; i < KILLS; i++) {
      await sleep(300 + Math.floor(rand() * 700));
      const pickLeader = i % 3 === 0 || rand() < 0.3;
      const victim = pickLeader ? await busyLeader().catch(() => 1 + Math.floor(rand() * 3)) : 1 + Math.floor(rand() * 3);
      if (pickLeader) leaderKills++;
      console.log(`chaos ${i + 1}/${KILLS}: SIGKILL broker ${victim}${pickLeader ? ' (leader of the busy partition)' : ''}; acked so far ${sends}, failed ${failures}`);
      await control.brokerAction('killBroker', victim);
      await sleep(200 + Math.floor(rand() * 1300));
      await control.brokerAction('restartBroker', victim);
      // Let it rejoin before the next fault most of the time; sometimes strike while it still catches up.
      if (rand() < 0.7) {
        await waitFor(async () => {
          const meta = await admin.fetchTopicMetadata({ topics: [TOPIC] });
          return meta.topics[0]?.partitions.every((p) => p.isr.length === 3);
        }, { what: 'every ISR to be whole again', timeoutMs: 60_000 }).catch(() => undefined);
      }
    }
    producing = false;
    await Promise.all(writers);
    assert.ok(leaderKills > 0, 'the busy partition leader was killed at least once');

    await waitFor(async () => {
      const meta = await admin.fetchTopicMetadata({ topics: [TOPIC] });
      return meta.topics[0]?.partitions.every((p) => p.isr.length === 3 && p.leader >= 0);
    }, { what: 'every ISR whole after the faults', timeoutMs: 60_000 });
    // Preferred leaders move back once the ISRs are whole, so the admin's metadata can be a step behind:
    // refresh it and ask again, as any client does after NOT_LEADER_OR_FOLLOWER.
    const ends = await waitFor(
      async () => {
        await admin.fetchTopicMetadata({ topics: [TOPIC] });
        return admin.fetchTopicOffsets(TOPIC);
      },
      { what: 'the end offsets of every partition from its current leader', timeoutMs: 60_000 },
    );
    await waitFor(async () => {
      const offsets = await admin.fetchOffsets({ groupId: `chaos-observer-${SEED}`, topics: [TOPIC] });
      return offsets[0]?.partitions.every((p) => BigInt(p.offset) >= BigInt(ends.find((e) => e.partition === p.partition)?.high ?? '0'));
    }, { what: 'the observer to read to the end', timeoutMs: 60_000 }).catch(() => undefined);
    await observer.disconnect();

    // The final read: a fresh consumer, from the beginning, up to every partition's HW.
    const perPartition = new Map<number, string[]>();
    const reader = kafka.consumer({ groupId: `chaos-final-${SEED}` });
    await reader.connect();
    await reader.subscribe({ topic: TOPIC, fromBeginning: true });
    const wanted = new Map(ends.map((e) => [e.partition, BigInt(e.high)]));
    const reached = new Map<number, bigint>();
    await reader.run({
      eachMessage: ({ partition, message }) => {
        if (!perPartition.has(partition)) perPartition.set(partition, []);
        perPartition.get(partition)?.push(message.value?.toString() ?? '');
        reached.set(partition, BigInt(message.offset) + 1n);
        return Promise.resolve();
      },
    });
    await waitFor(() => [...wanted].every(([p, high]) => high === 0n || (reached.get(p) ?? 0n) >= high), {
      what: 'the final reader to reach every high watermark',
      timeoutMs: 120_000,
    });
    await reader.disconnect();
    await admin.disconnect();

    const finalRead = [...perPartition.keys()].sort((a, b) => a - b).flatMap((p) => perPartition.get(p) ?? []);
    const report = check(history, finalRead);
    const acked = [...history.acked.values()].reduce((n, s) => n + s.size, 0);
    console.log(
      `chaos seed ${SEED}: ${acked} acknowledged, ${failures} failed sends, ${finalRead.length} read, ${history.observed.size} observed; ` +
        `lost ${report.lostAcknowledged.length}, duplicates ${report.duplicates.length}, reordered ${report.reordered.length}, ` +
        `vanished ${report.vanished.length}, unknown ${report.unknown.length}`,
    );
    assert.ok(acked > 100, `enough acknowledged writes to mean something (${acked})`);
    assert.deepEqual(report, { lostAcknowledged: [], duplicates: [], reordered: [], vanished: [], unknown: [] }, `seed ${SEED}`);
  }
}
