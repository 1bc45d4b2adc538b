import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { blockAtLine, parseKafkaFile } from '../../../../language/parser/kafkaFileParser.js';

describe('parseKafkaFile', () => {
  it('reads a vscode-kafka style file: producers, consumers, comments and separators', () => {
    const file = parseKafkaFile(
      [
        '-- a comment',
        'PRODUCER keyed-message',
        'topic: my-topic',
        'key: mykey',
        'headers: a=1, b=2',
        'record content',
        'second line',
        '',
        '###',
        '',
        'CONSUMER group-1',
        'topic: my-topic',
        'from: earliest',
        'partitions: 0,2-3',
      ].join('\n'),
    );
    assert.equal(file.blocks.length, 2);
    const [producer, consumer] = file.blocks;
    assert.equal(producer.kind, 'producer');
    assert.equal(producer.name, 'keyed-message');
    assert.deepEqual(
      producer.properties.map((p) => [p.name, p.value]),
      [
        ['topic', 'my-topic'],
        ['key', 'mykey'],
        ['headers', 'a=1, b=2'],
      ],
    );
    assert.deepEqual(producer.value, { text: 'record content\nsecond line', startLine: 5, endLine: 6 });
    assert.equal(producer.endLine, 6);
    assert.equal(consumer.kind, 'consumer');
    assert.equal(consumer.name, 'group-1');
    assert.equal(consumer.headerLine, 10);
    assert.equal(consumer.properties.length, 3);
    assert.deepEqual(file.stray, []);
  });

  it('keeps a JSON value that spans lines and contains colons', () => {
    const file = parseKafkaFile('PRODUCER\ntopic: t\n{\n  "a": 1,\n  "b": "x:y"\n}\n');
    assert.equal(file.blocks[0].value!.text, '{\n  "a": 1,\n  "b": "x:y"\n}');
    assert.equal(file.blocks[0].properties.length, 1);
  });

  it('treats a misspelt property as a property, and unknown words with a colon as the value', () => {
    const file = parseKafkaFile('PRODUCER p\ntopik: t\nhello: world\n');
    const block = file.blocks[0];
    assert.deepEqual(block.properties.map((p) => p.name), ['topik']);
    assert.equal(block.value!.text, 'hello: world');
  });

  it('positions property names and values', () => {
    const file = parseKafkaFile('CONSUMER g\n  topic:   orders  \n');
    const topic = file.blocks[0].properties[0];
    assert.deepEqual(topic.nameSpan, { line: 1, start: 2, end: 7 });
    assert.deepEqual(topic.valueSpan, { line: 1, start: 11, end: 17 });
  });

  it('records malformed consumer lines and stray text outside blocks, one run at a time', () => {
    const file = parseKafkaFile('garbage\nmore garbage\n\nstill\nCONSUMER g\ntopic: t\nnot a property\n###\nafter\n');
    assert.deepEqual(file.stray, [
      { startLine: 0, endLine: 3 },
      { startLine: 8, endLine: 8 },
    ]);
    assert.equal(file.blocks[0].malformed.length, 1);
    assert.equal(file.blocks[0].malformed[0].text, 'not a property');
  });

  it('finds the block at a line, including blank lines being typed under it', () => {
    const file = parseKafkaFile('PRODUCER a\ntopic: t\n\n\n###\nCONSUMER b\ntopic: t\n');
    assert.equal(blockAtLine(file, 0)!.name, 'a');
    assert.equal(blockAtLine(file, 3)!.name, 'a');
    assert.equal(blockAtLine(file, 4), undefined);
    assert.equal(blockAtLine(file, 6)!.name, 'b');
  });

  it('handles CRLF, an empty file, half-typed blocks and binary bytes without throwing', () => {
    assert.equal(parseKafkaFile('').blocks.length, 0);
    assert.equal(parseKafkaFile('PRODUCER\r\ntopic: t\r\nv\r\n').blocks[0].value!.text, 'v');
    assert.equal(parseKafkaFile('PRODUCER').blocks[0].name, '');
    assert.equal(parseKafkaFile('CONSUMER g\ntopic').blocks[0].malformed.length, 1);
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    assert.doesNotThrow(() => parseKafkaFile(binary));
  });
});
