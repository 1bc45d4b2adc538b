// The document cache's stepped parse: the same result as the one-go parse, the event loop free
// between steps, cached for later requests, and abandoned when cancelled.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseKafkaLines, parseKafkaLinesInSteps, splitLines } from '../../../../language/parser/kafkaFileParser.js';
import { DocumentCache } from '../../../../language/server/documentCache.js';

const UNIT = ['PRODUCER p', 'topic: orders', 'key-formatt: string', '{"n": 1}', '###', 'stray', 'CONSUMER g', 'topic: t', ''].join('\n');

test('parsing in steps gives the same file as parsing in one go, for any step size', () => {
  const lines = splitLines(UNIT.repeat(50));
  const whole = parseKafkaLines(lines);
  for (const linesPerStep of [1, 7, 100, 10_000]) {
    const steps = parseKafkaLinesInSteps(lines, linesPerStep);
    let pauses = 0;
    let step = steps.next();
    while (step.done !== true) {
      pauses++;
      step = steps.next();
    }
    assert.deepEqual(step.value, whole, `step size ${linesPerStep}`);
    assert.equal(pauses, Math.ceil(lines.length / linesPerStep) - 1, `pauses with step size ${linesPerStep}`);
  }
});

test('getInSteps lets timers run while a big document is parsed, then serves get() from the cache', async () => {
  const document = TextDocument.create('file:///big.kafka', 'kafka', 1, UNIT.repeat(20_000));
  const cache = new DocumentCache();
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 0);
  let parsed;
  try {
    parsed = await cache.getInSteps(document, () => false);
  } finally {
    clearInterval(ticker);
  }
  assert.ok(parsed !== undefined);
  assert.ok(ticks > 0, 'no timer ran during the parse');
  assert.equal(parsed.file.blocks.length, 40_000);
  assert.equal(cache.get(document), parsed);
});

test('getInSteps gives up when cancelled and caches nothing', async () => {
  const document = TextDocument.create('file:///big.kafka', 'kafka', 1, UNIT.repeat(20_000));
  const cache = new DocumentCache();
  assert.equal(await cache.getInSteps(document, () => true), undefined);
  const small = TextDocument.create('file:///small.kafka', 'kafka', 1, UNIT);
  // A document parsed in one step never reaches a cancellation point.
  assert.ok((await cache.getInSteps(small, () => true)) !== undefined);
});
