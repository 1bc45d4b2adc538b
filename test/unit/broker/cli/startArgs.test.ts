import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseBrokerArgs, parseDataDirOnly, parseStartArgs, USAGE, UsageError } from '../../../../broker/cli/startArgs.js';

test('defaults: three brokers, port 9092 with a search for the next free one', () => {
  const args = parseStartArgs([], '/data');
  assert.equal(args.brokers, 3);
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

test('1 to 5 brokers are accepted, more are refused naming the range', () => {
  assert.equal(parseStartArgs(['--brokers', '1'], '/d').brokers, 1);
  assert.equal(parseStartArgs(['--brokers', '5'], '/d').brokers, 5);
  assert.throws(() => parseStartArgs(['--brokers', '6'], '/d'), (err: unknown) => {
    assert.ok(err instanceof UsageError);
    assert.match(err.message, /--brokers must be a whole number from 1 to 5/);
    return true;
  });
});

test('replication timing overrides', () => {
  const args = parseStartArgs(
    [
      '--override', 'broker.heartbeat.interval.ms=50',
      '--override', 'broker.session.timeout.ms=400',
      '--override', 'leader.imbalance.check.interval.seconds=2',
    ],
    '/d',
  );
  assert.deepEqual(
    [args.overrides.heartbeatIntervalMs, args.overrides.sessionTimeoutMs, args.overrides.leaderImbalanceCheckIntervalMs],
    [50, 400, 2000],
  );
  assert.equal(parseStartArgs(['--override', 'leader.imbalance.check.interval.ms=300'], '/d').overrides.leaderImbalanceCheckIntervalMs, 300);
});

test('broker subcommand: action, id and data dir', () => {
  assert.deepEqual(parseBrokerArgs(['kill', '2', '--data-dir', '/x'], '/d'), { action: 'killBroker', nodeId: 2, dataDir: path.resolve('/x') });
  assert.deepEqual(parseBrokerArgs(['restart', '1'], '/d'), { action: 'restartBroker', nodeId: 1, dataDir: '/d' });
  assert.equal(parseBrokerArgs(['stop', '3'], '/d').action, 'stopBroker');
  assert.throws(() => parseBrokerArgs(['pause', '1'], '/d'), /broker needs stop, kill or restart, not "pause"/);
  assert.throws(() => parseBrokerArgs(['kill'], '/d'), /the broker id needs a value/);
  assert.throws(() => parseBrokerArgs(['kill', 'x'], '/d'), /the broker id must be a whole number/);
  assert.throws(() => parseDataDirOnly(['--verbose'], '/d'), /unknown option "--verbose"/);
  assert.equal(parseDataDirOnly(['--data-dir=/y'], '/d'), path.resolve('/y'));
});

test('bad values name the flag', () => {
  assert.throws(() => parseStartArgs(['--port', '70000'], '/d'), /--port must be a whole number from 0 to 65535/);
  assert.throws(() => parseStartArgs(['--brokers'], '/d'), /--brokers needs a value/);
  assert.throws(() => parseStartArgs(['--bogus'], '/d'), /unknown option "--bogus"/);
  assert.throws(() => parseStartArgs(['--override', 'x=1'], '/d'), /unknown setting "x"/);
});

test('every broker setting the usage lists is accepted, and each refuses a value out of its range', () => {
  const listed = /--override K=V\s+broker setting: ([^;]+);/.exec(USAGE)?.[1]?.split(/,\s*/) ?? [];
  assert.ok(listed.length >= 14, `usage lists the settings: ${listed.join(' ')}`);
  for (const key of listed) {
    // Ranges differ (sizes start at 1024, partition counts end at 1000): one of these fits each.
    const accepts = (value: string): boolean => {
      try {
        parseStartArgs(['--override', `${key}=${value}`], '/d');
        return true;
      } catch {
        return false;
      }
    };
    assert.ok(['false', '1000', '1024'].some(accepts), `${key} is accepted`);
    assert.throws(() => parseStartArgs(['--override', `${key}=-5`], '/d'), new RegExp(`${key.replaceAll('.', '\\.')} must be`), key);
  }
});

test('offsets.commit.timeout.ms sets how long a group write waits for its replicas', () => {
  assert.equal(parseStartArgs(['--override', 'offsets.commit.timeout.ms=250'], '/d').overrides.offsetsCommitTimeoutMs, 250);
  assert.throws(() => parseStartArgs(['--override', 'offsets.commit.timeout.ms=0'], '/d'), /offsets\.commit\.timeout\.ms must be a whole number from 1/);
});
