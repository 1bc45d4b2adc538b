// The `.kafka` language server as a real process (dist/languageServer.js over stdio): garbage, a
// half-typed block, binary bytes and 10 MB files get diagnostics without a crash, at most one per
// problem and no more than the cap; completion and hover keep being answered while a 10 MB file is
// checked; the server's memory stays bounded. Random inputs print their seed; replay with KW_SEED=<n>.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver/node';
import type { ClusterFacts, ClusterFactsParams } from '../../language/protocol.js';
import { MAX_FINDINGS } from '../../language/services/blockChecks.js';
import { startLanguageServer, type LanguageServerProcess } from './languageServerHarness.js';
import { mulberry32, seedFromEnv } from '../support/seededRandom.js';

const seed = seedFromEnv('KW_SEED', 'languageServerProcess');

const TEN_MB = 10 * 1024 * 1024;
/** Liveness, not speed: a request answered within this while a big file is checked counts as answered. */
const LIVENESS_BOUND_MS = 20_000;
/** Far above what a server holding a few 10 MB documents needs; a leak or a copy per line would pass it. */
const RSS_BOUND_BYTES = 1024 * 1024 * 1024;

const TOPICS = ['orders', 'payments'];

function fakeFacts(params: ClusterFactsParams): ClusterFacts {
  const base = { connected: true, topics: TOPICS, groups: ['billing'], autoCreateTopics: false };
  if (params.topic !== undefined && TOPICS.includes(params.topic)) {
    return {
      ...base,
      topic: { name: params.topic, partitions: [{ partition: 0, leader: 1, earliestOffset: '0', latestOffset: '42' }] },
    };
  }
  return base;
}

/** Repeats `unit` until the text is at least `bytes` long. */
function repeatTo(unit: string, bytes: number): string {
  return unit.repeat(Math.ceil(bytes / unit.length));
}

function key(diagnostic: Diagnostic): string {
  const { start, end } = diagnostic.range;
  return `${String(diagnostic.code)}@${start.line}:${start.character}-${end.line}:${end.character}`;
}

/** At most one diagnostic per problem: no two alike at one place, and never more than the cap plus its note. */
function assertOnePerProblem(diagnostics: readonly Diagnostic[]): void {
  const keys = diagnostics.map(key);
  assert.equal(new Set(keys).size, keys.length, `duplicate diagnostics: ${keys.filter((k, i) => keys.indexOf(k) !== i).slice(0, 5).join(', ')}`);
  assert.ok(diagnostics.length <= MAX_FINDINGS + 1, `${diagnostics.length} diagnostics, more than ${MAX_FINDINGS} + 1`);
  const notes = diagnostics.filter((d) => d.code === 'too-many-findings');
  assert.ok(notes.length <= 1);
}

function codes(diagnostics: readonly Diagnostic[]): string[] {
  return [...new Set(diagnostics.map((d) => String(d.code)))].sort();
}

const SMALL_URI = 'file:///work/small.kafka';
const SMALL = ['PRODUCER greet', 'topic: orders', 'key: k1', '{"hello": "world"}', '###', ''].join('\n');
const TOPIC_VALUE_LINE = 1;
const TOPIC_VALUE_COLUMN = 'topic: '.length;

describe('the .kafka language server as a process', () => {
  let server: LanguageServerProcess;
  const peakRss: number[] = [];

  before(async () => {
    server = await startLanguageServer(fakeFacts);
    await server.open(SMALL_URI, SMALL);
    const published = await server.diagnosticsFor(SMALL_URI, 1);
    assert.deepEqual(published.diagnostics, []);
  });

  after(async () => {
    await server?.stop();
  });

  // Each test's documents are closed after it, as an editor would, so memory is measured per test.
  const opened: string[] = [];
  const open = (uri: string, text: string): Promise<void> => {
    opened.push(uri);
    return server.open(uri, text);
  };
  afterEach(async () => {
    for (const uri of opened.splice(0)) {
      await server.close(uri);
    }
  });

  test('completion and hover answer on a small file, with topics from the cluster facts request', async () => {
    const items = await server.complete(SMALL_URI, TOPIC_VALUE_LINE, TOPIC_VALUE_COLUMN);
    assert.ok(items.some((item) => item.label === 'orders'), `no "orders" among ${items.map((item) => item.label).join(', ')}`);
    const hover = await server.hover(SMALL_URI, TOPIC_VALUE_LINE, TOPIC_VALUE_COLUMN + 1);
    assert.ok(hover !== null);
    assert.match(JSON.stringify(hover.contents), /42/);
    assert.ok(server.factsRequests() >= 1);
  });

  test('garbage text: stray-text diagnostics, one per run', async (t) => {
    const random = mulberry32(seed);
    const lines: string[] = [];
    for (let i = 0; i < 2000; i++) {
      let line = '';
      const length = Math.floor(random() * 80);
      for (let j = 0; j < length; j++) {
        line += String.fromCharCode(32 + Math.floor(random() * 95));
      }
      lines.push(line);
    }
    const uri = 'file:///work/garbage.kafka';
    await open(uri, lines.join('\n'));
    const { diagnostics } = await server.diagnosticsFor(uri, 1);
    t.diagnostic(`garbage: ${diagnostics.length} diagnostics, codes ${codes(diagnostics).join(', ')}`);
    assert.ok(diagnostics.length > 0);
    assertOnePerProblem(diagnostics);
  });

  test('a half-typed block: a missing topic and an unknown property, once each', async () => {
    const uri = 'file:///work/half.kafka';
    await open(uri, ['PRODUCER half', 'topi', 'key-form'].join('\n'));
    const { diagnostics } = await server.diagnosticsFor(uri, 1);
    assertOnePerProblem(diagnostics);
    assert.equal(diagnostics.filter((d) => d.code === 'missing-topic').length, 1, JSON.stringify(diagnostics));

    const consumerUri = 'file:///work/half-consumer.kafka';
    await open(consumerUri, ['CONSUMER ', 'topic: ord', 'from: earl', 'partitions: 0-'].join('\n'));
    const consumer = await server.diagnosticsFor(consumerUri, 1);
    assertOnePerProblem(consumer.diagnostics);
    const found = codes(consumer.diagnostics);
    for (const expected of ['missing-group', 'unknown-topic', 'invalid-from', 'invalid-partitions']) {
      assert.ok(found.includes(expected), `${expected} missing from ${found.join(', ')}`);
    }
  });

  test('binary bytes (random bytes read as latin1)', async (t) => {
    const random = mulberry32(seed + 1);
    const bytes = Buffer.alloc(256 * 1024);
    for (let i = 0; i < bytes.length; i++) {
      bytes[i] = Math.floor(random() * 256);
    }
    const uri = 'file:///work/binary.kafka';
    await open(uri, bytes.toString('latin1'));
    const { diagnostics } = await server.diagnosticsFor(uri, 1);
    t.diagnostic(`binary: ${diagnostics.length} diagnostics, codes ${codes(diagnostics).join(', ')}`);
    assert.ok(diagnostics.length > 0);
    assertOnePerProblem(diagnostics);
  });

  test('10 MB of blocks with problems: capped, with one note saying so', async (t) => {
    const unit = ['PRODUCER p', 'topic: orders', 'key-formatt: string', '{"n": 1}', '###', ''].join('\n');
    const uri = 'file:///work/many-blocks.kafka';
    await open(uri, repeatTo(unit, TEN_MB));
    const { diagnostics } = await server.diagnosticsFor(uri, 1);
    assertOnePerProblem(diagnostics);
    assert.equal(diagnostics.length, MAX_FINDINGS + 1);
    assert.equal(diagnostics.at(-1)?.code, 'too-many-findings');
    assert.ok(diagnostics.slice(0, -1).every((d) => d.code === 'unknown-property'));
    peakRss.push(server.memory().peakRss);
    t.diagnostic(`after 10 MB of blocks: ${JSON.stringify(server.memory())}`);
  });

  test('one block with 10,000 copies of a misspelt property line: one diagnostic per line, capped', async () => {
    const uri = 'file:///work/same-line.kafka';
    const text = ['PRODUCER repeated', 'topic: orders', ...Array.from({ length: 10_000 }, () => 'key-formatt: string'), '{"n": 1}'].join('\n');
    await open(uri, text);
    const { diagnostics } = await server.diagnosticsFor(uri, 1);
    assertOnePerProblem(diagnostics);
    const unknown = diagnostics.filter((d) => d.code === 'unknown-property');
    assert.equal(new Set(unknown.map((d) => d.range.start.line)).size, unknown.length, 'two diagnostics on one line');
    assert.equal(diagnostics.at(-1)?.code, 'too-many-findings');
  });

  test('a 10 MB JSON value with one error: one invalid-json diagnostic', async (t) => {
    const uri = 'file:///work/big-json.kafka';
    const items = repeatTo('  {"id": 1, "name": "a record in a big array"},\n', TEN_MB);
    const text = `PRODUCER big\ntopic: orders\nvalue-format: json\n[\n${items}  {"id": oops}\n]\n`;
    await open(uri, text);
    const { diagnostics } = await server.diagnosticsFor(uri, 1);
    assertOnePerProblem(diagnostics);
    assert.deepEqual(codes(diagnostics), ['invalid-json']);
    assert.equal(diagnostics.length, 1);
    peakRss.push(server.memory().peakRss);
    t.diagnostic(`after a 10 MB JSON value: ${JSON.stringify(server.memory())}`);
  });

  test('10 MB of invalid json-lines: the first ones and a note, not one per line', async () => {
    const uri = 'file:///work/big-lines.kafka';
    const text = `PRODUCER lines\ntopic: orders\nvalue-format: json-lines\n${repeatTo('{"id": nope}\n', TEN_MB)}`;
    await open(uri, text);
    const { diagnostics } = await server.diagnosticsFor(uri, 1);
    assertOnePerProblem(diagnostics);
    assert.deepEqual(codes(diagnostics), ['invalid-json']);
    assert.ok(diagnostics.length <= 21, `${diagnostics.length} invalid-json diagnostics`);
  });

  test('10 MB of binary bytes on one line and on many', async (t) => {
    const random = mulberry32(seed + 2);
    const bytes = Buffer.alloc(TEN_MB);
    for (let i = 0; i < bytes.length; i++) {
      bytes[i] = Math.floor(random() * 256);
    }
    const uri = 'file:///work/big-binary.kafka';
    await open(uri, bytes.toString('latin1'));
    const many = await server.diagnosticsFor(uri, 1);
    assertOnePerProblem(many.diagnostics);
    t.diagnostic(`10 MB binary: ${many.diagnostics.length} diagnostics, codes ${codes(many.diagnostics).join(', ')}`);

    const oneLine = 'file:///work/big-one-line.kafka';
    await open(oneLine, `PRODUCER x\ntopic: orders\n${bytes.toString('latin1').replace(/[\r\n]/g, ' ')}`);
    const single = await server.diagnosticsFor(oneLine, 1);
    assertOnePerProblem(single.diagnostics);
    peakRss.push(server.memory().peakRss);
    t.diagnostic(`after 10 MB binary: ${JSON.stringify(server.memory())}`);
  });

  test('while a 10 MB file is checked, completion and hover on a small file are answered', async (t) => {
    const unit = ['CONSUMER g', 'topic: nowhere', 'from: sometime', 'partitions: 0,1', '###', ''].join('\n');
    const uri = 'file:///work/busy.kafka';
    const opened = performance.now();
    const before = server.published.length;
    await open(uri, repeatTo(unit, TEN_MB));
    let bigDone: number | undefined;
    const big = server.diagnosticsFor(uri, 1, before).then((published) => {
      bigDone = published.at;
      return published;
    });
    const answeredAt: number[] = [];
    let longest = 0;
    while (bigDone === undefined) {
      const sent = performance.now();
      const [items, hover] = await Promise.all([
        server.complete(SMALL_URI, TOPIC_VALUE_LINE, TOPIC_VALUE_COLUMN),
        server.hover(SMALL_URI, TOPIC_VALUE_LINE, TOPIC_VALUE_COLUMN + 1),
      ]);
      const answered = performance.now();
      longest = Math.max(longest, answered - sent);
      assert.ok(answered - sent < LIVENESS_BOUND_MS, `a request took ${Math.round(answered - sent)} ms while the big file was checked`);
      assert.ok(items.some((item) => item.label === 'orders'));
      assert.ok(hover !== null);
      answeredAt.push(answered);
    }
    const { diagnostics } = await big;
    assertOnePerProblem(diagnostics);
    assert.equal(server.published.filter((entry) => entry.uri === uri).length, 1, 'diagnostics published once for the one version');
    const beforeBig = answeredAt.filter((at) => at < bigDone!);
    t.diagnostic(
      `big check took ${Math.round(bigDone - opened)} ms; ${beforeBig.length} completion+hover pairs answered during it, longest ${Math.round(longest)} ms`,
    );
    // Several answers, and the last one late in the check, show the server was not blocked for the whole check.
    assert.ok(beforeBig.length >= 2, `only ${beforeBig.length} answers before the big diagnostics`);
    peakRss.push(server.memory().peakRss);
  });

  test('edits to a 10 MB file while it is checked: the newest version gets its diagnostics once, nothing older after it', async () => {
    const unit = ['PRODUCER p', 'topic: orders', 'key-formatt: string', '{"n": 1}', '###', ''].join('\n');
    const uri = 'file:///work/edited.kafka';
    await open(uri, repeatTo(unit, TEN_MB));
    await server.insertAtStart(uri, 2, 'stray words\n');
    await server.insertAtStart(uri, 3, 'more stray words\n');
    const newest = await server.diagnosticsFor(uri, 3);
    assertOnePerProblem(newest.diagnostics);
    assert.equal(newest.diagnostics[0]?.code, 'stray-text');
    assert.equal(newest.diagnostics[0]?.range.start.line, 0);
    // One more round trip, so anything the server still had queued for this file has arrived.
    await server.complete(SMALL_URI, TOPIC_VALUE_LINE, TOPIC_VALUE_COLUMN);
    const forFile = server.published.filter((entry) => entry.uri === uri);
    assert.equal(forFile.filter((entry) => entry.version === 3).length, 1);
    assert.equal(forFile.at(-1)?.version, 3, `published versions: ${forFile.map((entry) => entry.version).join(', ')}`);
  });

  test('memory stays bounded', (t) => {
    const memory = server.memory();
    t.diagnostic(`server RSS ${Math.round(memory.rss / 1048576)} MB, peak ${Math.round(memory.peakRss / 1048576)} MB`);
    assert.ok(memory.peakRss < RSS_BOUND_BYTES, `peak RSS ${memory.peakRss}`);
    assert.equal(server.process.exitCode, null);
  });
});

test('the server exits when the editor side of stdio goes away, leaving no orphan', async () => {
  const orphan = await startLanguageServer(fakeFacts);
  const exited = new Promise<number | null>((resolve) => orphan.process.once('exit', (code) => resolve(code)));
  orphan.process.stdin!.end();
  await exited;
  await orphan.stop();
});
