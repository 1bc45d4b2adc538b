// The in-memory OffsetStore: overwrite per partition, ordered listing, per-group delete, copies out.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InMemoryOffsetStore } from '../../../../broker/group/inMemoryOffsetStore.js';

const at = (topic: string, partition: number, offset: bigint) => ({ topic, partition, offset, leaderEpoch: -1, metadata: '', commitTimestampMs: 1 });

test('put overwrites per partition, list orders by topic then partition, delete drops one group', async () => {
  const store = new InMemoryOffsetStore();
  await store.put('g', [at('b', 1, 10n), at('a', 2, 20n), at('b', 0, 30n)]);
  await store.put('g', [at('b', 1, 11n)]);
  await store.put('h', [at('a', 0, 1n)]);
  assert.equal(store.get('g', 'b', 1)?.offset, 11n);
  assert.equal(store.get('g', 'c', 0), undefined);
  assert.deepEqual(store.list('g').map((o) => [o.topic, o.partition, o.offset]), [
    ['a', 2, 20n],
    ['b', 0, 30n],
    ['b', 1, 11n],
  ]);
  assert.deepEqual(store.groupIds().sort(), ['g', 'h']);
  await store.delete('g');
  assert.deepEqual(store.list('g'), []);
  assert.deepEqual(store.groupIds(), ['h']);
});

test('values handed out are copies', async () => {
  const store = new InMemoryOffsetStore();
  await store.put('g', [at('a', 0, 1n)]);
  store.get('g', 'a', 0)!.offset = 99n;
  assert.equal(store.get('g', 'a', 0)?.offset, 1n);
});
