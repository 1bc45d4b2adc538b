import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { RecordEncodingError, decodeRecordBytes, encodeRecordText } from '../../../../language/formats/recordCodec.js';

describe('record formats', () => {
  it('encodes numbers big-endian like the Java serializers and decodes them back', () => {
    assert.deepEqual([...encodeRecordText('258', { kind: 'integer' })!], [0, 0, 1, 2]);
    assert.deepEqual([...encodeRecordText('-2', { kind: 'short' })!], [0xff, 0xfe]);
    assert.deepEqual([...encodeRecordText('1', { kind: 'long' })!], [0, 0, 0, 0, 0, 0, 0, 1]);
    assert.equal(decodeRecordBytes(encodeRecordText('9223372036854775807', { kind: 'long' }), { kind: 'long' }), '9223372036854775807');
    assert.equal(decodeRecordBytes(encodeRecordText('1.5', { kind: 'double' }), { kind: 'double' }), '1.5');
    assert.equal(decodeRecordBytes(encodeRecordText('1.5', { kind: 'float' }), { kind: 'float' }), '1.5');
  });

  it('encodes strings in the given encoding', () => {
    assert.equal(encodeRecordText('aGk=', { kind: 'string', encoding: 'base64' })!.toString('utf8'), 'hi');
    assert.equal(decodeRecordBytes(Buffer.from('hi'), { kind: 'string', encoding: 'base64' }), 'aGk=');
  });

  it('rejects text that does not fit the format', () => {
    assert.throws(() => encodeRecordText('abc', { kind: 'integer' }), RecordEncodingError);
    assert.throws(() => encodeRecordText('70000', { kind: 'short' }), RecordEncodingError);
    assert.throws(() => encodeRecordText('{', { kind: 'json' }), RecordEncodingError);
    assert.throws(() => encodeRecordText('99999999999999999999', { kind: 'long' }), RecordEncodingError);
  });

  it('decodes none as null and says when bytes do not fit', () => {
    assert.equal(decodeRecordBytes(Buffer.from('x'), { kind: 'none' }), null);
    assert.equal(decodeRecordBytes(null, { kind: 'string', encoding: 'utf8' }), null);
    assert.equal(decodeRecordBytes(Buffer.from('xyz'), { kind: 'integer' }), undefined);
  });
});
