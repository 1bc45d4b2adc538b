import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseKafkaFile, splitLines } from '../../../../language/parser/kafkaFileParser.js';
import type { ClusterFacts } from '../../../../language/protocol.js';
import { MAX_FINDINGS } from '../../../../language/services/blockChecks.js';
import { computeFileFindings } from '../../../../language/services/fileDiagnostics.js';

const facts = (autoCreateTopics: boolean | undefined): ClusterFacts => ({ connected: true, topics: ['orders'], groups: [], autoCreateTopics });

async function findings(text: string, clusterFacts?: ClusterFacts, folder?: string) {
  const lines = splitLines(text);
  const result = await computeFileFindings({
    file: parseKafkaFile(text),
    lineLength: (line) => lines[line]?.length ?? 0,
    facts: clusterFacts,
    folder,
    fileExists: (file) => file.endsWith('exists.json'),
  });
  return result!;
}

describe('diagnostics', () => {
  it('a valid file has no findings', async () => {
    const text = 'PRODUCER p\ntopic: orders\nkey: k\nvalue-format: json\n{"a": {{number.int}}, "id": "{{string.uuid}}"}\n###\nCONSUMER g\ntopic: orders\nfrom: earliest\npartitions: 0-1\n';
    assert.deepEqual(await findings(text, facts(false)), []);
  });

  it('reports a misspelt property once, with a suggestion', async () => {
    const result = await findings('PRODUCER p\ntopik: orders\nhello\n');
    const unknown = result.filter((f) => f.code === 'unknown-property');
    assert.equal(unknown.length, 1);
    assert.match(unknown[0].message, /Unknown PRODUCER property "topik". Did you mean "topic"\?/);
    assert.deepEqual(unknown[0].start, { line: 1, character: 0 });
    assert.equal(result.filter((f) => f.code === 'missing-topic').length, 1);
  });

  it('reports duplicates, invalid formats, from, partitions, every and count', async () => {
    const text = [
      'CONSUMER g',
      'topic: orders',
      'topic: other',
      'from: yesterday',
      'partitions: all',
      'value-format: avro(x.avsc)',
      'key-format: strnig',
      '###',
      'PRODUCER p',
      'topic: orders',
      'every: soon',
      'count: 0',
      'v',
    ].join('\n');
    const codes = (await findings(text)).map((f) => f.code).sort();
    assert.deepEqual(codes, ['duplicate-property', 'invalid-count', 'invalid-every', 'invalid-format', 'invalid-format', 'invalid-from', 'invalid-partitions']);
  });

  it('reports invalid JSON at its position when the format is json, and each bad line for json-lines', async () => {
    const json = await findings('PRODUCER p\ntopic: orders\nvalue-format: json\n{\n  "a": 1,\n  "b": \n}\n');
    assert.equal(json.length, 1);
    assert.equal(json[0].code, 'invalid-json');
    assert.equal(json[0].start.line, 6);
    const lines = await findings('PRODUCER p\ntopic: orders\nvalue-format: json-lines\n{"a":1}\n{"a":\n{"b":2}\nnope\n');
    assert.deepEqual(lines.map((f) => [f.code, f.start.line]), [
      ['invalid-json', 4],
      ['invalid-json', 6],
    ]);
  });

  it('unknown topic severity follows auto.create.topics.enable', async () => {
    const text = 'PRODUCER p\ntopic: missing\nv\n';
    const off = await findings(text, facts(false));
    assert.equal(off.length, 1);
    assert.equal(off[0].severity, 'error');
    assert.match(off[0].message, /auto.create.topics.enable=false/);
    const on = await findings(text, facts(true));
    assert.equal(on[0].severity, 'information');
    assert.equal((await findings(text, undefined)).length, 0);
    assert.equal((await findings(text, { connected: false, topics: [], groups: [], autoCreateTopics: undefined })).length, 0);
  });

  it('names unsupported placeholders, missing value files, a missing group and malformed lines', async () => {
    const text = 'PRODUCER p\ntopic: orders\nkey: {{foo.bar}}\nvalue-file: gone.json\n###\nPRODUCER q\ntopic: orders\nvalue-file: exists.json\n###\nCONSUMER\ntopic: orders\njunk\n';
    const result = await findings(text, undefined, '/tmp/somewhere');
    assert.deepEqual(result.map((f) => f.code).sort(), ['malformed-line', 'missing-group', 'missing-value-file', 'unsupported-placeholder']);
    const placeholder = result.find((f) => f.code === 'unsupported-placeholder')!;
    assert.deepEqual([placeholder.start, placeholder.end], [{ line: 2, character: 5 }, { line: 2, character: 16 }]);
  });

  it('garbage is one finding per run; a binary file and a huge file do not explode', async () => {
    const garbage = await findings('lorem\nipsum\n\ndolor\n');
    assert.equal(garbage.length, 1);
    assert.equal(garbage[0].code, 'stray-text');
    const binary = Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7919 + 13) % 256)).toString('latin1');
    assert.ok((await findings(binary)).length <= MAX_FINDINGS + 1);
    const block = 'PRODUCER p\ntopik: x\nvalue\n###\n';
    const huge = block.repeat(Math.ceil((10 * 1024 * 1024) / block.length));
    const many = await findings(huge);
    assert.equal(many.length, MAX_FINDINGS + 1);
    assert.equal(many.at(-1)!.code, 'too-many-findings');
  });

  it('yields to the event loop while checking a large file and stops when cancelled', async () => {
    const text = 'PRODUCER p\ntopic: orders\nvalue\n###\n'.repeat(20_000);
    const lines = splitLines(text);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    let cancelled = false;
    const work = computeFileFindings({ file: parseKafkaFile(text), lineLength: (l) => lines[l].length, facts: undefined, folder: undefined, cancelled: () => cancelled });
    setImmediate(() => (cancelled = true));
    const result = await work;
    clearInterval(ticker);
    assert.equal(result, undefined);
  });
});
