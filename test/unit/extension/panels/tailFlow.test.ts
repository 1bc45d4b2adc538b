import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TailFlow, type TailBatch, type TailFlowOptions } from '../../../../extension/panels/tailFlow.js';
import { TailBuffer } from '../../../../webview/tailBuffer.js';
import type { TailRecord } from '../../../../webview/protocol.js';
import { mulberry32, randomInt, seedFromEnv } from '../../../support/seededRandom.js';

function range(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from + i);
}

/** A flow whose sent batches are collected; the interval is long unless given, so tests decide when part batches go. */
function collectingFlow(options: Partial<TailFlowOptions<number>> & { capacity: number }): { flow: TailFlow<number>; sent: TailBatch<number>[] } {
  const sent: TailBatch<number>[] = [];
  const flow = new TailFlow<number>({ intervalMs: 60_000, ...options, send: (batch) => sent.push(batch) });
  return { flow, sent };
}

function tailRecord(index: number): TailRecord {
  return { partition: 0, offset: String(index), timestamp: '0', key: null, value: `v${index}`, headers: [] };
}

describe('TailFlow', () => {
  it('hands over everything pushed within one interval as one batch, in order', async () => {
    let delivered!: (batch: TailBatch<number>) => void;
    const first = new Promise<TailBatch<number>>((resolve) => (delivered = resolve));
    const flow = new TailFlow<number>({ capacity: 100, intervalMs: 20, send: (batch) => delivered(batch) });
    flow.push([1, 2]);
    flow.push([3]);
    assert.equal(flow.unacknowledgedCount, 0, 'a part batch waits for the interval');
    const batch = await first;
    assert.deepEqual(batch.records, [1, 2, 3]);
    assert.equal(batch.dropped, 0);
    assert.equal(flow.unacknowledgedCount, 1);
    flow.dispose();
  });

  it('sends a full batch at once, and at most maxUnacknowledged batches until the webview acknowledges', () => {
    const { flow, sent } = collectingFlow({ capacity: 100, maxBatch: 3, maxUnacknowledged: 2 });
    flow.push([1, 2]);
    assert.equal(sent.length, 0);
    flow.push([3]);
    assert.deepEqual(sent.map((b) => b.records), [[1, 2, 3]]);
    flow.push(range(4, 10));
    assert.deepEqual(sent.map((b) => b.records), [[1, 2, 3], [4, 5, 6]], 'the third batch waits for credit');
    assert.equal(flow.waitingCount, 7);
    flow.acknowledge(sent[0].id);
    assert.deepEqual(sent[2].records, [7, 8, 9]);
    flow.acknowledge(sent[0].id);
    assert.equal(sent.length, 3, 'an acknowledgement counts once');
    flow.acknowledge(sent[1].id);
    flow.acknowledge(sent[2].id);
    assert.deepEqual(sent.map((b) => b.records).slice(3), [[10, 11, 12]], 'the part batch left waits for its interval');
    flow.flushNow();
    assert.deepEqual(sent[4].records, [13]);
    assert.deepEqual(new Set(sent.map((b) => b.id)).size, 5, 'ids are distinct');
    assert.ok(sent.every((b, i) => i === 0 || b.id > sent[i - 1].id), 'ids increase');
    assert.ok(sent.every((b) => b.dropped === 0), 'nothing was dropped while under the capacity');
    flow.dispose();
  });

  it('while at the limit keeps only the newest `capacity` records and the next batch says how many it let go', () => {
    const { flow, sent } = collectingFlow({ capacity: 10, maxBatch: 4, maxUnacknowledged: 1 });
    flow.push(range(0, 4));
    assert.deepEqual(sent[0].records, [0, 1, 2, 3]);
    // The webview is behind: 100 more records arrive while one batch is unacknowledged.
    for (let i = 4; i < 104; i += 7) flow.push(range(i, Math.min(7, 104 - i)));
    assert.equal(flow.waitingCount, 10);
    assert.equal(flow.droppedCount, 90);
    flow.acknowledge(sent[0].id);
    assert.deepEqual(sent[1], { id: sent[1].id, records: [94, 95, 96, 97], dropped: 90 });
    flow.acknowledge(sent[1].id);
    flow.acknowledge(sent[2].id);
    flow.flushNow();
    assert.deepEqual(sent.map((b) => b.records).slice(2), [[98, 99, 100, 101], [102, 103]]);
    assert.deepEqual(sent.map((b) => b.dropped), [0, 90, 0, 0]);
    const accounted = sent.reduce((sum, b) => sum + b.records.length + b.dropped, 0);
    assert.equal(accounted, 104, 'sent + dropped = everything pushed');
    flow.dispose();
  });

  it('skips the old part of a huge arrival without holding it', () => {
    const { flow, sent } = collectingFlow({ capacity: 5, maxBatch: 2, maxUnacknowledged: 1 });
    flow.setAccepting(false);
    flow.push(range(0, 1_000_000));
    assert.equal(flow.waitingCount, 5);
    assert.equal(flow.droppedCount, 999_995);
    flow.setAccepting(true);
    assert.deepEqual(sent, [{ id: sent[0]?.id, records: [999_995, 999_996], dropped: 999_995 }]);
    flow.dispose();
  });

  it('sends nothing while not accepting (webview not ready, or paused), bounded by the capacity, and resumes where it stopped', () => {
    const { flow, sent } = collectingFlow({ capacity: 6, maxBatch: 4, maxUnacknowledged: 2 });
    flow.setAccepting(false);
    flow.push(range(0, 5));
    flow.flushNow();
    assert.equal(sent.length, 0);
    flow.push(range(5, 5));
    assert.equal(flow.waitingCount, 6);
    assert.equal(flow.droppedCount, 4);
    flow.setAccepting(true);
    // flushNow was asked while closed, so the part batch goes too.
    assert.deepEqual(sent.map((b) => [b.records, b.dropped]), [[[4, 5, 6, 7], 4], [[8, 9], 0]]);
    flow.dispose();
  });

  it('ignores acknowledgements from before a discard; forgetting unacknowledged batches frees their credit', () => {
    const { flow, sent } = collectingFlow({ capacity: 100, maxBatch: 2, maxUnacknowledged: 1 });
    flow.push([1, 2, 3, 4]);
    assert.equal(sent.length, 1);
    const stale = sent[0].id;
    flow.discard();
    assert.equal(flow.waitingCount, 0);
    assert.equal(flow.unacknowledgedCount, 0);
    flow.push([10, 11, 12, 13]);
    assert.deepEqual(sent[1].records, [10, 11]);
    flow.acknowledge(stale);
    assert.equal(sent.length, 2, 'a stale acknowledgement gives no credit');
    flow.forgetUnacknowledged();
    assert.deepEqual(sent[2].records, [12, 13]);
    flow.dispose();
  });

  it('discard forgets waiting records and the dropped count; flushNow with nothing waiting sends nothing', () => {
    const { flow, sent } = collectingFlow({ capacity: 2, maxUnacknowledged: 1 });
    flow.setAccepting(false);
    flow.push([1, 2, 3]);
    flow.discard();
    flow.setAccepting(true);
    flow.flushNow();
    assert.equal(sent.length, 0);
    flow.push([4]);
    flow.flushNow();
    assert.deepEqual(sent, [{ id: sent[0]?.id, records: [4], dropped: 0 }]);
    assert.throws(() => new TailFlow<number>({ capacity: 0, send: () => undefined }), RangeError);
    assert.throws(() => new TailFlow<number>({ capacity: 1, maxBatch: 0, send: () => undefined }), RangeError);
    assert.throws(() => new TailFlow<number>({ capacity: 1, maxUnacknowledged: 1.5, send: () => undefined }), RangeError);
    flow.dispose();
  });

  it('the webview list shows exactly what it would have shown without the flow, and shown + dropped = everything read (random model)', () => {
    const seed = seedFromEnv('TAIL_FLOW_SEED', 'TailFlow model');
    const random = mulberry32(seed);
    const capacity = 1 + randomInt(random, 50);
    const maxBatch = 1 + randomInt(random, 20);
    const maxUnacknowledged = 1 + randomInt(random, 3);
    const label = `seed ${seed} (capacity ${capacity}, maxBatch ${maxBatch}, maxUnacknowledged ${maxUnacknowledged})`;
    const webview = new TailBuffer(capacity);
    const direct = new TailBuffer(capacity);
    const inFlight: TailBatch<TailRecord>[] = [];
    let lastSent = -1;
    const flow = new TailFlow<TailRecord>({
      capacity,
      maxBatch,
      maxUnacknowledged,
      intervalMs: 60_000,
      send: (batch) => {
        assert.ok(batch.records.length > 0 && batch.records.length <= maxBatch, label);
        assert.ok(Number(batch.records[0].offset) > lastSent, `${label}: records go in order`);
        lastSent = Number(batch.records[batch.records.length - 1].offset);
        inFlight.push(batch);
      },
    });
    let next = 0;
    for (let step = 0; step < 3_000; step++) {
      const action = randomInt(random, 10);
      if (action < 4) {
        const arrival = range(next, randomInt(random, capacity * 3)).map(tailRecord);
        next += arrival.length;
        direct.add(arrival);
        flow.push(arrival);
      } else if (action < 7 && inFlight.length > 0) {
        // The webview takes in the oldest batch in flight (messages arrive in order) and acknowledges it.
        const batch = inFlight.shift();
        assert.ok(batch);
        webview.add(batch.records, batch.dropped);
        flow.acknowledge(batch.id);
      } else if (action === 7) {
        flow.setAccepting(randomInt(random, 3) > 0);
      } else if (action === 8) {
        flow.flushNow();
      }
      assert.ok(flow.waitingCount <= capacity, `${label} step ${step}: waiting ${flow.waitingCount}`);
      assert.ok(inFlight.length <= maxUnacknowledged, `${label} step ${step}: in flight ${inFlight.length}`);
    }
    // Drain: the webview catches up.
    flow.setAccepting(true);
    flow.flushNow();
    while (inFlight.length > 0) {
      const batch = inFlight.shift();
      assert.ok(batch);
      webview.add(batch.records, batch.dropped);
      flow.acknowledge(batch.id);
      flow.flushNow();
    }
    assert.equal(flow.waitingCount, 0, label);
    assert.deepEqual(webview.records(), direct.records(), label);
    assert.equal(webview.size + webview.dropped, next, `${label}: shown + dropped = everything read`);
    assert.equal(webview.dropped, direct.dropped, label);
    flow.dispose();
  });
});
