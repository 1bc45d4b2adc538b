// The fetch session cache (KIP-227): which (session id, epoch) pairs open, continue, close or fail, and
// which session a full cache gives up for a newcomer.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { FetchSessionCache } from '../../../../broker/log/fetchSessions.js';
import { ErrorCode } from '../../../../broker/protocol/errors.js';

function sequentialIds(): () => number {
  let next = 1;
  return () => next++;
}

test('epoch 0 opens a session, epoch N continues it, a wrong epoch or id is refused, epoch -1 closes it', () => {
  const cache = new FetchSessionCache({ randomId: sequentialIds() });
  assert.deepEqual(cache.open(0, -1, 3), { kind: 'sessionless' });
  const full = cache.open(0, 0, 3);
  assert.equal(full.kind, 'full');
  const session = full.kind === 'full' ? full.session : null;
  assert.ok(session);
  assert.equal(cache.open(session.id, 1, 0).kind, 'incremental');
  session.advanceEpoch();
  const stale = cache.open(session.id, 1, 0);
  assert.equal(stale.kind === 'error' && stale.errorCode, ErrorCode.INVALID_FETCH_SESSION_EPOCH);
  const unknown = cache.open(999, 1, 0);
  assert.equal(unknown.kind === 'error' && unknown.errorCode, ErrorCode.FETCH_SESSION_ID_NOT_FOUND);
  assert.equal(cache.open(session.id, -1, 3).kind, 'sessionless');
  assert.equal(cache.has(session.id), false);
});

test('a session tracks upserts and forgotten partitions', () => {
  const cache = new FetchSessionCache({ randomId: sequentialIds() });
  const ctx = cache.open(0, 0, 2);
  assert.ok(ctx.kind === 'full' && ctx.session);
  const s = ctx.session;
  s.upsert('a', 0, 5n, 100);
  s.upsert('a', 1, 0n, 100);
  s.upsert('a', 0, 7n, 200);
  s.forget('a', 1);
  assert.deepEqual([...s.partitions.values()].map((p) => [p.topicKey, p.partition, p.fetchOffset, p.partitionMaxBytes]), [['a', 0, 7n, 200]]);
});

test('a full cache evicts a stale session first, then a smaller one, else declines', () => {
  let now = 0;
  const cache = new FetchSessionCache({ maxSessions: 2, evictAfterMs: 1000, now: () => now, randomId: sequentialIds() });
  const a = cache.open(0, 0, 5);
  const b = cache.open(0, 0, 5);
  assert.ok(a.kind === 'full' && a.session && b.kind === 'full' && b.session);
  for (let i = 0; i < 5; i++) {
    a.session.upsert('t', i, 0n, 1);
    b.session.upsert('t', i, 0n, 1);
  }
  now = 500;
  const declined = cache.open(0, 0, 5);
  assert.deepEqual(declined, { kind: 'full', session: null }, 'no stale or smaller session to give up');
  const bigger = cache.open(0, 0, 6);
  assert.ok(bigger.kind === 'full' && bigger.session, 'a larger newcomer displaces a smaller session');
  assert.equal(cache.size, 2);
  now = 5000;
  const afterIdle = cache.open(0, 0, 1);
  assert.ok(afterIdle.kind === 'full' && afterIdle.session, 'a stale session makes room');
  assert.equal(cache.size, 2);
});
