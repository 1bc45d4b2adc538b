import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseStartArgs, UsageError } from '../../../../broker/cli/startArgs.js';

test('defaults: one broker, port 9092 with a search for the next free one', () => {
  const args = parseStartArgs([], '/data');
  assert.equal(args.brokers, 1);
  assert.equal(args.port, 9092);
  assert.equal(args.searchFreePort, true);
  assert.equal(args.dataDir, '/data');
});

test('an explicit port is taken as given, with no search', () => {
  const args = parseStartArgs(['--port', '19092', '--data-dir', 'rel/dir'], '/data');
  assert.equal(args.port, 19092);
  assert.equal(args.searchFreePort, false);
  assert.equal(args.dataDir, path.resolve('rel/dir'));
});

test('--flag=value form and overrides', () => {
  const args = parseStartArgs(['--port=0', '--override', 'group.initial.rebalance.delay.ms=0', '--override=num.partitions=3'], '/d');
  assert.equal(args.port, 0);
  assert.equal(args.overrides.groupInitialRebalanceDelayMs, 0);
  assert.equal(args.overrides.defaultNumPartitions, 3);
});

test('more than one broker is refused with a message that says why', () => {
  assert.throws(() => parseStartArgs(['--brokers', '3'], '/d'), (err: unknown) => {
    assert.ok(err instanceof UsageError);
    assert.match(err.message, /--brokers 3 is not supported yet: replication/);
    return true;
  });
});

test('bad values name the flag', () => {
  assert.throws(() => parseStartArgs(['--port', '70000'], '/d'), /--port must be a whole number from 0 to 65535/);
  assert.throws(() => parseStartArgs(['--brokers'], '/d'), /--brokers needs a value/);
  assert.throws(() => parseStartArgs(['--bogus'], '/d'), /unknown option "--bogus"/);
  assert.throws(() => parseStartArgs(['--override', 'x=1'], '/d'), /unknown setting "x"/);
});
