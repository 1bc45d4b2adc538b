import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RecordBatcher } from '../../../../extension/panels/recordBatcher.js';

function nextFlush<T>(): { batcherFlush: (records: T[], dropped: number) => void; flushed: Promise<[T[], number]> } {
  let resolve!: (value: [T[], number]) => void;
  const flushed = new Promise<[T[], number]>((r) => (resolve = r));
  return { batcherFlush: (records, dropped) => resolve([records, dropped]), flushed };
}

describe('RecordBatcher', () => {
  it('hands over everything pushed within one interval as one batch, in order', async () => {
    const { batcherFlush, flushed } = nextFlush<number>();
    const batches: number[][] = [];
    const batcher = new RecordBatcher<number>({
      intervalMs: 20,
      flush: (records, dropped) => {
        batches.push(records);
        batcherFlush(records, dropped);
      },
    });
    batcher.push([1, 2]);
    batcher.push([3]);
    assert.deepEqual(await flushed, [[1, 2, 3], 0]);
    assert.equal(batches.length, 1);
    batcher.dispose();
  });

  it('keeps the newest maxPending records and reports how many it dropped', async () => {
    const { batcherFlush, flushed } = nextFlush<number>();
    const batcher = new RecordBatcher<number>({ intervalMs: 10_000, maxPending: 3, flush: batcherFlush });
    batcher.push([1, 2, 3, 4]);
    batcher.push([5]);
    batcher.flushNow();
    assert.deepEqual(await flushed, [[3, 4, 5], 2]);
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
