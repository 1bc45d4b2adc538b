import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { recordFromForm } from '../../../../extension/kafka/produceRecord.js';

describe('recordFromForm', () => {
  it('leaves out the partition when the key decides', () => {
    const record = recordFromForm('t', { key: 'k', value: 'v', headers: [], partition: null });
    assert.equal('partition' in record, false);
    assert.deepEqual(record.key, Buffer.from('k'));
    assert.deepEqual(record.value, Buffer.from('v'));
  });

  it('sends an explicit partition, no key for a null key, and an empty value as empty', () => {
    const record = recordFromForm('t', { key: null, value: '', headers: [], partition: 3 });
    assert.equal(record.partition, 3);
    assert.equal(record.key, undefined);
    assert.deepEqual(record.value, Buffer.alloc(0));
  });

  it('keeps named headers, repeated names included, and drops unnamed rows', () => {
    const record = recordFromForm('t', {
      key: null,
      value: 'v',
      headers: [
        { key: 'a', value: '1' },
        { key: '', value: 'ignored' },
        { key: 'a', value: '2' },
      ],
      partition: null,
    });
    const headers = [...(record.headers as Map<Buffer, Buffer>)].map(([k, v]) => [k.toString(), v.toString()]);
    assert.deepEqual(headers, [
      ['a', '1'],
      ['a', '2'],
    ]);
  });
});
