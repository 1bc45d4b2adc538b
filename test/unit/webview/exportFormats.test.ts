import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvField, formatRecords, recordsToCsv, recordsToJson } from '../../../webview/exportFormats.js';
import { record } from './records.js';

describe('export formats', () => {
  const records = [
    record(5, { key: 'k,1', value: 'say "hi"\nbye', headers: [['h', 'x'], ['n', null]] }),
    record(6, { partition: 2, key: null, value: null }),
  ];

  it('JSON is an array of records that parses back to the same fields', () => {
    const parsed = JSON.parse(recordsToJson(records)) as unknown[];
    assert.deepEqual(parsed[0], {
      partition: 0,
      offset: '5',
      timestamp: '1700000000000',
      key: 'k,1',
      value: 'say "hi"\nbye',
      headers: [{ name: 'h', value: 'x' }, { name: 'n', value: null }],
    });
    assert.deepEqual(parsed[1], { partition: 2, offset: '6', timestamp: '1700000000000', key: null, value: null, headers: [] });
  });

  it('CSV quotes fields with commas, quotes and newlines (RFC 4180)', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField(null), '');
    assert.equal(
      recordsToCsv(records),
      'partition,offset,timestamp,key,value,headers\r\n' +
        '0,5,1700000000000,"k,1","say ""hi""\nbye","{""h"":""x"",""n"":null}"\r\n' +
        '2,6,1700000000000,,,\r\n',
    );
  });

  it('formatRecords picks the format', () => {
    assert.equal(formatRecords([], 'json'), '[]\n');
    assert.equal(formatRecords([], 'csv'), 'partition,offset,timestamp,key,value,headers\r\n');
  });
});
