import { after, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BlockRecordsError, recordsOfBlock } from '../../../../extension/language/blockRecords.js';
import type { ProduceBlockArgs } from '../../../../language/protocol.js';

const base: ProduceBlockArgs = {
  uri: 'file:///x.kafka',
  runningKey: 'k',
  label: 'p',
  topic: 't',
  keyTemplate: undefined,
  headerTemplates: [],
  keyFormat: 'string',
  valueFormat: 'string',
  valueTemplate: 'v',
  valueFile: undefined,
  count: 1,
  times: 1,
  everyMs: undefined,
};

describe('recordsOfBlock', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-file-records-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('makes count × times records with a counter, shared seeds for key and value', async () => {
    let seed = 0;
    const records = await recordsOfBlock(
      { ...base, keyTemplate: '{{string.uuid}}', valueTemplate: '{"n": {{counter}}, "id": "{{string.uuid}}"}', valueFormat: 'json', count: 2, times: 3 },
      { seed: () => ++seed, now: () => 0 },
    );
    assert.equal(records.length, 6);
    const values = records.map((record) => JSON.parse(record.value!.toString()) as { n: number; id: string });
    assert.deepEqual(values.map((value) => value.n), [1, 2, 3, 4, 5, 6]);
    assert.equal(values[0].id, records[0].key!.toString());
  });

  it('splits json-lines, reads value files, encodes numbers and headers', async () => {
    const lines = await recordsOfBlock({ ...base, valueFormat: 'json-lines', valueTemplate: '{"a":1}\n\n{"a":2}' });
    assert.deepEqual(lines.map((record) => record.value!.toString()), ['{"a":1}', '{"a":2}']);
    const file = path.join(dir, 'payload.txt');
    fs.writeFileSync(file, 'from a file');
    const fromFile = await recordsOfBlock({ ...base, valueTemplate: undefined, valueFile: file, keyTemplate: '7', keyFormat: 'integer', headerTemplates: [{ name: 'h', value: 'x' }] });
    assert.equal(fromFile[0].value!.toString(), 'from a file');
    assert.deepEqual([...fromFile[0].key!], [0, 0, 0, 7]);
    assert.deepEqual([...(fromFile[0].headers as Map<Buffer, Buffer>)].map(([k, v]) => [k.toString(), v.toString()]), [['h', 'x']]);
  });

  it('says what is wrong instead of sending bad records', async () => {
    await assert.rejects(recordsOfBlock({ ...base, valueFormat: 'json', valueTemplate: '{' }), BlockRecordsError);
    await assert.rejects(recordsOfBlock({ ...base, valueFile: path.join(dir, 'missing.json') }), /Cannot read the value file/);
    await assert.rejects(recordsOfBlock({ ...base, topic: '' }), /no topic/);
    await assert.rejects(recordsOfBlock({ ...base, count: 10_000, times: 11 }), /at most/);
  });
});
