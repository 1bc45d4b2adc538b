import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseKafkaFile, splitLines } from '../../../../language/parser/kafkaFileParser.js';
import { PRODUCE_COMMAND, START_CONSUMER_COMMAND, STOP_BLOCK_COMMAND, runningKey, type ProduceBlockArgs } from '../../../../language/protocol.js';
import { lensesFor } from '../../../../language/services/codeLenses.js';
import { documentSymbols, foldingRanges } from '../../../../language/services/documentStructure.js';
import { hoverAt } from '../../../../language/services/hover.js';

const TEXT = [
  'PRODUCER p',
  'topic: orders',
  'key: {{string.uuid}}',
  'headers: a=1',
  'count: 3',
  'value-file: payload.json',
  '###',
  'CONSUMER g',
  'topic: orders',
  'from: 5',
  'partitions: 0-1',
  '###',
  'PRODUCER ticker',
  'topic: orders',
  'every: 2s',
  'tick {{counter}}',
  '###',
  'PRODUCER broken',
  'value',
].join('\n');

describe('hover', () => {
  const lines = splitLines(TEXT);
  const hover = (line: number, character: number) =>
    hoverAt({
      file: parseKafkaFile(TEXT),
      lineText: (l) => lines[l] ?? '',
      position: { line, character },
      facts: (topic) =>
        Promise.resolve({
        connected: true,
        topics: ['orders'],
        groups: [],
        autoCreateTopics: false,
        topic: { name: topic, partitions: [{ partition: 0, leader: 1, earliestOffset: '0', latestOffset: '42' }] },
        }),
    });

  it('shows partitions and latest offsets for a topic', async () => {
    const result = await hover(1, 9);
    const value = (result!.contents as { value: string }).value;
    assert.match(value, /Topic `orders`\*\*: 1 partition/);
    assert.match(value, /\| 0 \| 1 \| 0 \| 42 \|/);
  });

  it('documents properties and placeholders', async () => {
    assert.match((( await hover(9, 1))!.contents as { value: string }).value, /\*\*from\*\*/);
    assert.match(((await hover(2, 8))!.contents as { value: string }).value, /UUID/);
    assert.equal(await hover(15, 1), null);
  });
});

describe('code lenses, folding and outline', () => {
  const file = parseKafkaFile(TEXT);
  const uri = 'file:///work/files/demo.kafka';

  it('offers Produce and Produce ×10 with the parsed block, Start consumer, a repeating producer and explains blocked blocks', () => {
    const lenses = lensesFor({ file, uri, folder: '/work/files', running: new Set() });
    assert.deepEqual(
      lenses.map((lens) => [lens.range.start.line, lens.command!.title]),
      [
        [0, '$(play) Produce'],
        [0, 'Produce ×10'],
        [7, '$(play) Start consumer'],
        [12, '$(play) Produce every 2s'],
        [17, '$(error) Cannot run: This PRODUCER block has no "topic" property.'],
      ],
    );
    const produce = lenses[0].command!.arguments![0] as ProduceBlockArgs;
    assert.equal(lenses[0].command!.command, PRODUCE_COMMAND);
    assert.deepEqual(
      { ...produce },
      {
        uri,
        runningKey: runningKey(uri, 'producer', 'p'),
        label: 'p',
        topic: 'orders',
        keyTemplate: '{{string.uuid}}',
        headerTemplates: [{ name: 'a', value: '1' }],
        keyFormat: 'string',
        valueFormat: 'string',
        valueTemplate: undefined,
        valueFile: path.resolve('/work/files', 'payload.json'),
        count: 3,
        times: 1,
        everyMs: undefined,
      },
    );
    assert.equal((lenses[1].command!.arguments![0] as ProduceBlockArgs).times, 10);
    assert.equal(lenses[2].command!.command, START_CONSUMER_COMMAND);
    assert.deepEqual(lenses[2].command!.arguments![0], {
      uri,
      runningKey: runningKey(uri, 'consumer', 'g'),
      groupId: 'g',
      topic: 'orders',
      from: { kind: 'offset', offset: '5' },
      partitions: [0, 1],
      keyFormat: 'string',
      valueFormat: 'string',
    });
  });

  it('offers Stop for running consumers and producers', () => {
    const running = new Set([runningKey(uri, 'consumer', 'g'), runningKey(uri, 'producer', 'ticker')]);
    const lenses = lensesFor({ file, uri, folder: undefined, running });
    assert.equal(lenses[2].command!.title, '$(debug-stop) Stop consumer');
    assert.equal(lenses[2].command!.command, STOP_BLOCK_COMMAND);
    assert.equal(lenses[3].command!.title, '$(debug-stop) Stop producing');
  });

  it('folds and outlines each block', () => {
    assert.deepEqual(foldingRanges(file), [
      { startLine: 0, endLine: 5 },
      { startLine: 7, endLine: 10 },
      { startLine: 12, endLine: 15 },
      { startLine: 17, endLine: 18 },
    ]);
    const lines = splitLines(TEXT);
    assert.deepEqual(
      documentSymbols(file, (l) => lines[l].length).map((symbol) => [symbol.name, symbol.detail]),
      [
        ['PRODUCER p', '→ orders'],
        ['CONSUMER g', '→ orders'],
        ['PRODUCER ticker', '→ orders'],
        ['PRODUCER broken', ''],
      ],
    );
  });
});
