// kcat (librdkafka) against the real CLI-started cluster: metadata, keyed produce to a 3-partition
// topic, per-partition order, key stickiness, durability across a restart, and a balanced consumer.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { kcatProduce, runKcat } from '../support/kcat.js';

interface ConsumedLine {
  partition: number;
  offset: number;
  key: string;
  value: string;
}

/** Reads a whole topic from the beginning, one `partition offset key value` line per record. */
async function consumeAll(bootstrap: string, topic: string): Promise<ConsumedLine[]> {
  const result = await runKcat(['-C', '-b', bootstrap, '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%p %o %k %s\\n']);
  assert.equal(result.exitCode, 0, `kcat consume failed: ${result.stderr}`);
  return result.stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const [partition, offset, key, value] = line.split(' ');
      return { partition: Number(partition), offset: Number(offset), key: key ?? '', value: value ?? '' };
    });
}

function byPartition(lines: readonly ConsumedLine[]): Map<number, ConsumedLine[]> {
  const out = new Map<number, ConsumedLine[]>();
  for (const line of lines) out.set(line.partition, [...(out.get(line.partition) ?? []), line]);
  return out;
}

// Values carry the key and a per-key sequence number, so order within a key can be checked after consuming.
function keyedLines(keys: readonly string[], perKey: number): string[] {
  const lines: string[] = [];
  for (let seq = 0; seq < perKey; seq++) for (const key of keys) lines.push(`${key}:${key}-${seq}`);
  return lines;
}

function checkKeyedTopic(lines: readonly ConsumedLine[], keys: readonly string[], perKey: number): void {
  assert.equal(lines.length, keys.length * perKey);
  const partitions = byPartition(lines);
  assert.ok(partitions.size > 1, 'eight keys spread over more than one of the three partitions');
  for (const [partition, records] of partitions) {
    assert.ok(partition >= 0 && partition < 3, `partition ${partition}`);
    assert.deepEqual(records.map((r) => r.offset), records.map((_, i) => i), `offsets of partition ${partition} are 0..n-1 in order`);
  }
  for (const key of keys) {
    const ofKey = lines.filter((l) => l.key === key);
    assert.equal(new Set(ofKey.map((l) => l.partition)).size, 1, `key ${key} landed in one partition`);
    assert.deepEqual(ofKey.map((l) => l.value), Array.from({ length: perKey }, (_, i) => `${key}-${i}`), `key ${key} in order`);
  }
}

describe('kcat', () => {
  let cluster: TestCluster;
  const keys = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
  const perKey = 5;

  before(async () => {
    cluster = await startCluster({
      extraArgs: ['--override', 'num.partitions=3', '--override', 'group.initial.rebalance.delay.ms=0'],
    });
  });
  after(async () => {
    await cluster.stop();
  });

  test('kcat -L lists the broker on 127.0.0.1', async () => {
    const result = await runKcat(['-L', '-b', cluster.bootstrap]);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.match(result.stdout, /1 brokers:/);
    assert.match(result.stdout, new RegExp(`broker 1 at 127\\.0\\.0\\.1:${cluster.port}`));
  });

  test('keyed records go to one partition per key, in order, and -L shows the auto-created topic', async () => {
    await kcatProduce(cluster.bootstrap, 'keyed', keyedLines(keys, perKey), ':');
    checkKeyedTopic(await consumeAll(cluster.bootstrap, 'keyed'), keys, perKey);

    const listed = await runKcat(['-L', '-b', cluster.bootstrap, '-t', 'keyed']);
    assert.equal(listed.exitCode, 0, listed.stderr);
    assert.match(listed.stdout, /topic "keyed" with 3 partitions/);
    for (const p of [0, 1, 2]) assert.match(listed.stdout, new RegExp(`partition ${p}, leader 1, replicas: 1, isrs: 1`));
  });

  test('a second produce appends after the first, on the same partitions', async () => {
    const before = await consumeAll(cluster.bootstrap, 'keyed');
    const partitionOf = new Map(before.map((l) => [l.key, l.partition]));
    await kcatProduce(cluster.bootstrap, 'keyed', keys.map((k) => `${k}:${k}-${perKey}`), ':');
    const lines = await consumeAll(cluster.bootstrap, 'keyed');
    checkKeyedTopic(lines, keys, perKey + 1);
    for (const line of lines) assert.equal(line.partition, partitionOf.get(line.key));
  });

  test('a balanced consumer (-G) reads every record of the topic', async () => {
    await kcatProduce(cluster.bootstrap, 'grouped', ['g1', 'g2', 'g3', 'g4', 'g5', 'g6']);
    const result = await runKcat(
      [
        '-b', cluster.bootstrap, '-G', 'kcat-group', '-c', '6', '-q', '-f', '%s\\n',
        '-X', 'auto.offset.reset=earliest', '-X', 'session.timeout.ms=6000', '-X', 'heartbeat.interval.ms=500',
        'grouped',
      ],
      { timeoutMs: 60_000 },
    );
    assert.equal(result.exitCode, 0, result.stderr);
    assert.deepEqual(result.stdout.split('\n').filter(Boolean).sort(), ['g1', 'g2', 'g3', 'g4', 'g5', 'g6']);
  });

  test('compressed batches (gzip, snappy, lz4, zstd) with headers come back intact', async () => {
    for (const codec of ['gzip', 'snappy', 'lz4', 'zstd']) {
      const topic = `compressed-${codec}`;
      const lines = Array.from({ length: 50 }, (_, i) => `key${i % 5}:${codec}-${i}-${'x'.repeat(i)}`);
      const produced = await runKcat(['-P', '-b', cluster.bootstrap, '-t', topic, '-K:', '-z', codec, '-H', 'codec=' + codec, '-H', 'n=1'], {
        input: lines.map((l) => `${l}\n`).join(''),
      });
      assert.equal(produced.exitCode, 0, produced.stderr);
      const consumed = await runKcat(['-C', '-b', cluster.bootstrap, '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%k:%s %h\\n']);
      assert.equal(consumed.exitCode, 0, consumed.stderr);
      const got = consumed.stdout.split('\n').filter(Boolean);
      assert.deepEqual([...got].sort(), lines.map((l) => `${l} codec=${codec},n=1`).sort(), codec);
    }
  });

  test('records and topics survive a restart on the same data directory', async () => {
    const beforeRestart = await consumeAll(cluster.bootstrap, 'keyed');
    await cluster.stop();
    cluster = await startCluster({ dataDir: cluster.dataDir, extraArgs: ['--override', 'num.partitions=3'] });

    const listed = await runKcat(['-L', '-b', cluster.bootstrap]);
    assert.equal(listed.exitCode, 0, listed.stderr);
    assert.match(listed.stdout, /topic "keyed" with 3 partitions/);
    assert.match(listed.stdout, /topic "grouped" with 3 partitions/);
    assert.deepEqual(await consumeAll(cluster.bootstrap, 'keyed'), beforeRestart);

    // Appends continue at the old log end.
    await kcatProduce(cluster.bootstrap, 'keyed', keys.map((k) => `${k}:${k}-${perKey + 1}`), ':');
    checkKeyedTopic(await consumeAll(cluster.bootstrap, 'keyed'), keys, perKey + 2);
  });
});
