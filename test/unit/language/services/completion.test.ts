import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CompletionItem } from 'vscode-languageserver-types';
import { parseKafkaFile, splitLines } from '../../../../language/parser/kafkaFileParser.js';
import { completeAt } from '../../../../language/services/completion.js';

async function complete(text: string, line: number, character: number): Promise<CompletionItem[]> {
  const lines = splitLines(text);
  return completeAt({
    file: parseKafkaFile(text),
    lineText: (l) => lines[l] ?? '',
    position: { line, character },
    facts: () => Promise.resolve({ connected: true, topics: ['orders', 'payments'], groups: ['billing'], autoCreateTopics: false }),
  });
}

const labels = (items: CompletionItem[]): string[] => items.map((item) => item.label);

describe('completion', () => {
  it('offers block snippets outside blocks', async () => {
    assert.deepEqual(labels(await complete('', 0, 0)), ['PRODUCER', 'CONSUMER']);
    assert.deepEqual(labels(await complete('PRO', 0, 3)), ['PRODUCER', 'CONSUMER']);
  });

  it('offers the properties not yet used, per block kind', async () => {
    const producer = labels(await complete('PRODUCER p\ntopic: orders\n\n', 2, 0));
    assert.ok(producer.includes('key') && producer.includes('every') && producer.includes('value-format'));
    assert.ok(!producer.includes('topic'));
    const consumer = labels(await complete('CONSUMER g\nto', 1, 2));
    assert.deepEqual(consumer, ['topic', 'from', 'partitions', 'key-format', 'value-format']);
    const typed = await complete('PRODUCER p\nto', 1, 2);
    assert.ok(labels(typed).includes('topic'));
  });

  it('offers topic names from the cluster after topic:', async () => {
    const items = await complete('PRODUCER p\ntopic: or\n', 1, 9);
    assert.deepEqual(labels(items), ['orders', 'payments']);
    assert.deepEqual(items[0].textEdit, { range: { start: { line: 1, character: 7 }, end: { line: 1, character: 9 } }, newText: 'orders' });
  });

  it('offers group names after CONSUMER and values for formats and from', async () => {
    assert.deepEqual(labels(await complete('CONSUMER ', 0, 9)), ['billing']);
    assert.ok(labels(await complete('CONSUMER g\nvalue-format: ', 1, 14)).includes('none'));
    assert.deepEqual(labels(await complete('CONSUMER g\nfrom: ', 1, 6)), ['earliest', 'latest', '0']);
  });

  it('offers placeholders inside {{', async () => {
    const items = await complete('PRODUCER p\ntopic: t\n{"id": "{{str', 2, 13);
    const uuid = items.find((item) => item.label === 'string.uuid')!;
    assert.ok(uuid);
    assert.deepEqual(uuid.textEdit, { range: { start: { line: 2, character: 10 }, end: { line: 2, character: 13 } }, newText: 'string.uuid}}' });
  });

  it('offers nothing inside a value', async () => {
    assert.deepEqual(await complete('PRODUCER p\ntopic: t\nsome value\nmore', 3, 2), []);
  });
});
