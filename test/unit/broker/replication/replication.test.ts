import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { ProduceApi } from '../../../../broker/protocol/apis/produce.js';
import { ErrorCode } from '../../../../broker/protocol/errors.js';
import { splitBatches } from '../../../../broker/records/recordBatch.js';
import { decodeRecords, encodeBatch } from '../../../../broker/records/records.js';
import { RawConnection } from '../../../compat/support/rawConnection.js';
import { waitFor } from '../../../support/waitFor.js';
import { InProcessCluster } from './inProcessCluster.js';

const clusters: InProcessCluster[] = [];
after(async () => {
  for (const c of clusters) await c.close();
});

async function cluster(brokers: number, lagMs = 1000): Promise<InProcessCluster> {
  const c = await InProcessCluster.start(brokers, { replicaLagTimeMaxMs: lagMs });
  clusters.push(c);
  return c;
}

function state(c: InProcessCluster, topic: string, partition = 0) {
  const p = c.controller.image().topics.find((t) => t.name === topic)?.partitions.find((s) => s.partition === partition);
  if (!p) throw new Error(`no ${topic}-${partition}`);
  return p;
}

async function produce(c: InProcessCluster, topic: string, values: string[], acks: number, timeoutMs = 10_000) {
  const leader = state(c, topic).leader;
  const conn = await RawConnection.connect(c.broker(leader).port);
  try {
    const response = await conn.request(ProduceApi, 9, {
      transactionalId: null,
      acks,
      timeoutMs,
      topicData: [{ name: topic, partitionData: [{ index: 0, records: encodeBatch({ records: values.map((value) => ({ value })) }) }] }],
    });
    return response.responses[0].partitionResponses[0];
  } finally {
    conn.close();
  }
}

function valuesIn(c: InProcessCluster, broker: number, topic: string): string[] {
  const log = c.broker(broker).replicas.partition(topic, 0)?.log;
  assert.ok(log, `broker ${broker} hosts ${topic}-0`);
  const out: string[] = [];
  for (const stored of log.readForReplica(0n, 64 * 1024 * 1024)) {
    for (const b of splitBatches(stored.bytes, 'replica')) for (const r of decodeRecords(b)) out.push(r.value?.toString() ?? '');
  }
  return out;
}

describe('replication between in-process brokers', () => {
  test('acks=all reaches every replica; followers take the HW; a lost follower leaves the ISR; two lost refuse with NOT_ENOUGH_REPLICAS', async () => {
    const c = await cluster(3);
    c.controller.createTopics([{ name: 'r', numPartitions: 1, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } }], false);
    await waitFor(() => [1, 2, 3].every((id) => c.broker(id).replicas.partition('r', 0)), { what: 'every broker opens r-0' });
    const first = await produce(c, 'r', ['a', 'b', 'c'], -1);
    assert.equal(first.errorCode, ErrorCode.NONE);
    for (const id of [1, 2, 3]) {
      await waitFor(() => c.broker(id).replicas.partition('r', 0)?.log.highWatermarkOffset === 3n, { what: `broker ${id} HW 3` });
      assert.deepEqual(valuesIn(c, id, 'r'), ['a', 'b', 'c']);
    }
    const leader = state(c, 'r').leader;
    const [f1, f2] = [1, 2, 3].filter((id) => id !== leader) as [number, number];
    // Stopped without telling the controller: only the leader's lag check can take it out of the ISR.
    await c.stopBroker(f1, false);
    await waitFor(() => !state(c, 'r').isr.includes(f1), { what: `ISR shrinks without ${f1}` });
    assert.equal((await produce(c, 'r', ['d'], -1)).errorCode, ErrorCode.NONE);
    await c.stopBroker(f2, false);
    await waitFor(() => !state(c, 'r').isr.includes(f2), { what: `ISR shrinks without ${f2}` });
    assert.equal((await produce(c, 'r', ['e'], -1)).errorCode, ErrorCode.NOT_ENOUGH_REPLICAS);
    assert.equal((await produce(c, 'r', ['e'], 1)).errorCode, ErrorCode.NONE);
    c.controller.fenceBroker(f1);
    c.controller.fenceBroker(f2);
    await c.startBroker(f1);
    await waitFor(() => state(c, 'r').isr.includes(f1), { what: `${f1} rejoins the ISR` });
    assert.equal((await produce(c, 'r', ['f'], -1)).errorCode, ErrorCode.NONE);
    await waitFor(() => valuesIn(c, f1, 'r').join() === 'a,b,c,d,e,f', { what: `${f1} catches up` });
  });

  test('a returning replica truncates the tail the new leader never had, then copies the new epoch', async () => {
    const c = await cluster(3, 60_000);
    c.controller.createTopics([{ name: 't', numPartitions: 1, replicationFactor: 3, configs: {} }], false);
    await waitFor(() => [1, 2, 3].every((id) => c.broker(id).replicas.partition('t', 0)), { what: 'every broker opens t-0' });
    assert.equal((await produce(c, 't', ['a', 'b'], -1)).errorCode, ErrorCode.NONE);
    const old = state(c, 't').leader;
    const others = [1, 2, 3].filter((id) => id !== old);
    for (const id of others) await waitFor(() => valuesIn(c, id, 't').length === 2, { what: `${id} has a,b` });
    for (const id of others) await c.stopBroker(id, false);
    // Written on the old leader only: never committed, it must disappear.
    assert.equal((await produce(c, 't', ['lost1', 'lost2'], 1)).errorCode, ErrorCode.NONE);
    assert.deepEqual(valuesIn(c, old, 't'), ['a', 'b', 'lost1', 'lost2']);
    await c.stopBroker(old, true);
    for (const id of others) await c.startBroker(id);
    const next = await waitFor(() => {
      const s = state(c, 't');
      return s.leader !== old && s.leader !== -1 ? s.leader : 0;
    }, { what: 'a new leader' });
    assert.equal((await produce(c, 't', ['x'], -1)).errorCode, ErrorCode.NONE);
    await c.startBroker(old);
    await waitFor(() => valuesIn(c, old, 't').join() === 'a,b,x', { what: `old leader ${old} truncates and copies (leader ${next})` });
    await waitFor(() => state(c, 't').isr.includes(old), { what: 'old leader rejoins the ISR' });
  });

  test('idle followers stay parked at the leader instead of waking each other', async () => {
    const c = await cluster(3);
    c.controller.createTopics([{ name: 'idle', numPartitions: 1, replicationFactor: 3, configs: {} }], false);
    await waitFor(() => [1, 2, 3].every((id) => c.broker(id).replicas.partition('idle', 0)), { what: 'every broker opens idle-0' });
    assert.equal((await produce(c, 'idle', ['a'], -1)).errorCode, ErrorCode.NONE);
    const leader = state(c, 'idle').leader;
    const leaderLog = c.broker(leader).replicas.partition('idle', 0)?.log;
    assert.ok(leaderLog);
    // Every parked fetch registers a waiter on the leader's log; a wake-up loop registers thousands.
    let registered = 0;
    const waitForAppend = leaderLog.waitForAppend.bind(leaderLog);
    leaderLog.waitForAppend = (wake) => {
      registered++;
      return waitForAppend(wake);
    };
    // Fetch rounds each follower completes: each answer hands the follower the leader's HW.
    const rounds = new Map<number, number>();
    for (const id of [1, 2, 3].filter((n) => n !== leader)) {
      const log = c.broker(id).replicas.partition('idle', 0)?.log;
      assert.ok(log);
      const follow = log.followLeaderHighWatermark.bind(log);
      log.followLeaderHighWatermark = (hw) => {
        rounds.set(id, (rounds.get(id) ?? 0) + 1);
        follow(hw);
      };
    }
    await waitFor(() => rounds.size === 2 && [...rounds.values()].every((n) => n >= 3), { what: 'three idle fetch rounds per follower' });
    const total = [...rounds.values()].reduce((a, b) => a + b, 0);
    assert.ok(registered <= 2 * total + 4, `${registered} waits registered for ${total} fetch rounds`);
  });
});
