// The language server restart policy: restart and say so once, stop after too many crashes in the
// window, and forgive crashes that have left the window.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_RESTART_LIMITS, ServerRestartPolicy } from '../../../../extension/language/serverRestartPolicy.js';

function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => (time += ms) };
}

test('the first crash restarts and tells the user; later ones restart quietly', () => {
  const time = clock();
  const policy = new ServerRestartPolicy(DEFAULT_RESTART_LIMITS, time.now);
  assert.deepEqual(policy.onServerClosed(), { action: 'restart', tellUser: true });
  time.advance(10_000);
  assert.deepEqual(policy.onServerClosed(), { action: 'restart', tellUser: false });
  time.advance(10 * 60_000);
  assert.deepEqual(policy.onServerClosed(), { action: 'restart', tellUser: false }, 'told once per session, not once per window');
});

test('five restarts within three minutes, then the sixth crash leaves it stopped', () => {
  const time = clock();
  const policy = new ServerRestartPolicy(DEFAULT_RESTART_LIMITS, time.now);
  for (let crash = 1; crash <= 5; crash++) {
    assert.equal(policy.onServerClosed().action, 'restart', `crash ${crash}`);
    time.advance(30_000);
  }
  assert.deepEqual(policy.onServerClosed(), { action: 'stop' });
});

test('crashes older than the window do not count', () => {
  const time = clock();
  const policy = new ServerRestartPolicy({ maxRestarts: 5, windowMs: 180_000 }, time.now);
  for (let crash = 1; crash <= 5; crash++) {
    assert.equal(policy.onServerClosed().action, 'restart');
    time.advance(40_000);
  }
  // The first crash is now 200 s old: outside the window, so this is the fifth within it.
  assert.equal(policy.onServerClosed().action, 'restart');
  time.advance(1_000);
  assert.deepEqual(policy.onServerClosed(), { action: 'stop' });
});

test('a crash exactly one window after another no longer counts it', () => {
  const time = clock();
  const policy = new ServerRestartPolicy({ maxRestarts: 1, windowMs: 1_000 }, time.now);
  assert.equal(policy.onServerClosed().action, 'restart');
  time.advance(1_000);
  assert.equal(policy.onServerClosed().action, 'restart');
  assert.deepEqual(policy.onServerClosed(), { action: 'stop' });
});
