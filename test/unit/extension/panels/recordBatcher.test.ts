import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RecordBatcher } from '../../../../extension/panels/recordBatcher.js';

function nextFlush<T>(): { batcherFlush: (records: T[]) => void; flushed: Promise<T[]> } {
  let resolve!: (value: T[]) => void;
  const flushed = new Promise<T[]>((r) => (resolve = r));
  return { batcherFlush: (records) => resolve(records), flushed };
}

describe('RecordBatcher', () => {
  it('hands over everything pushed within one interval as one batch, in order', async () => {
    const { batcherFlush, flushed } = nextFlush<number>();
    const batches: number[][] = [];
    const batcher = new RecordBatcher<number>({
      intervalMs: 20,
      flush: (records) => {
        batches.push(records);
        batcherFlush(records);
      },
    });
    batcher.push([1, 2]);
    batcher.push([3]);
    assert.deepEqual(await flushed, [1, 2, 3]);
    assert.equal(batches.length, 1);
    batcher.dispose();
  });

  it('never drops: a full batch is handed over at once, and a big arrival as several batches in order', () => {
    const batches: number[][] = [];
    const batcher = new RecordBatcher<number>({ intervalMs: 10_000, maxBatch: 3, flush: (records) => batches.push(records) });
    batcher.push([1, 2]);
    assert.deepEqual(batches, []);
    batcher.push([3]);
    assert.deepEqual(batches, [[1, 2, 3]]);
    batcher.push([4, 5, 6, 7, 8, 9, 10]);
    assert.deepEqual(batches, [[1, 2, 3], [4, 5, 6], [7, 8, 9], [10]]);
    batcher.flushNow();
    assert.equal(batches.length, 4);
    assert.throws(() => new RecordBatcher<number>({ maxBatch: 0, flush: () => undefined }), RangeError);
    batcher.dispose();
  });

  it('hands over bursts that stay under maxBatch as one batch after the interval', async () => {
    const batches: number[][] = [];
    let flushed!: () => void;
    const first = new Promise<void>((resolve) => (flushed = resolve));
    const batcher = new RecordBatcher<number>({ intervalMs: 50, maxBatch: 5_000, flush: (records) => {
      batches.push(records);
      flushed();
    } });
    // 40 bursts of 100: what a caught-up tail's fetch rounds bring within 100 ms at 40,000 records/s.
    for (let burst = 0; burst < 40; burst++) batcher.push(Array.from({ length: 100 }, (_, i) => burst * 100 + i));
    assert.equal(batches.length, 0, 'nothing is handed over before the interval unless a batch is full');
    await first;
    assert.equal(batches.length, 1);
    assert.deepEqual(batches[0], Array.from({ length: 4_000 }, (_, i) => i));
    batcher.dispose();
  });

  it('discard forgets waiting records; flushNow with nothing waiting does nothing', () => {
    let calls = 0;
    const batcher = new RecordBatcher<number>({ intervalMs: 10_000, flush: () => calls++ });
    batcher.push([1]);
    batcher.discard();
    batcher.flushNow();
    assert.equal(calls, 0);
    batcher.dispose();
  });
});
