import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BrokerLiveness } from '../../../../broker/controller/brokerLiveness.js';

test('a broker silent for longer than the session timeout expires once; heartbeats keep others alive', () => {
  let now = 1000;
  const liveness = new BrokerLiveness(3000, () => now);
  liveness.heartbeat(1);
  liveness.heartbeat(2);
  now += 3000;
  assert.deepEqual(liveness.takeExpired(), [], 'exactly the timeout is not yet expired');
  liveness.heartbeat(2);
  now += 1;
  assert.deepEqual(liveness.takeExpired(), [1]);
  assert.deepEqual(liveness.takeExpired(), [], 'reported once');
  now += 5000;
  assert.deepEqual(liveness.takeExpired(), [2]);
});

test('a forgotten broker never expires until it heartbeats again', () => {
  let now = 0;
  const liveness = new BrokerLiveness(100, () => now);
  liveness.heartbeat(3);
  liveness.forget(3);
  now = 1000;
  assert.deepEqual(liveness.takeExpired(), []);
  liveness.heartbeat(3);
  now = 1101;
  assert.deepEqual(liveness.takeExpired(), [3]);
});
