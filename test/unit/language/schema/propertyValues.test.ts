import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  parseCount,
  parseDuration,
  parseFormat,
  parseHeaders,
  parsePartitions,
  parseStartPosition,
} from '../../../../language/schema/propertyValues.js';

describe('property values', () => {
  it('formats: string with encodings, numbers, json, none only when reading, avro named as unsupported', () => {
    assert.deepEqual(parseFormat('string', { reading: false, forValue: true }), { ok: true, value: { kind: 'string', encoding: 'utf8' } });
    assert.deepEqual(parseFormat('string(base64)', { reading: false, forValue: true }), { ok: true, value: { kind: 'string', encoding: 'base64' } });
    assert.deepEqual(parseFormat('long', { reading: true, forValue: false }), { ok: true, value: { kind: 'long' } });
    assert.deepEqual(parseFormat('json-lines', { reading: false, forValue: true }), { ok: true, value: { kind: 'json-lines' } });
    assert.equal(parseFormat('json-lines', { reading: false, forValue: false }).ok, false);
    assert.equal(parseFormat('none', { reading: false, forValue: true }).ok, false);
    assert.equal(parseFormat('none', { reading: true, forValue: true }).ok, true);
    const avro = parseFormat('avro(animals.avsc)', { reading: false, forValue: true });
    assert.equal(avro.ok, false);
    assert.match(!avro.ok ? avro.problem : '', /avro.*not supported/);
    assert.equal(parseFormat('strnig', { reading: false, forValue: true }).ok, false);
    assert.equal(parseFormat('string(klingon)', { reading: false, forValue: true }).ok, false);
  });

  it('partitions: single, list, range, mix; rejects reversed ranges and words', () => {
    assert.deepEqual(parsePartitions('0'), { ok: true, value: [0] });
    assert.deepEqual(parsePartitions('0, 2'), { ok: true, value: [0, 2] });
    assert.deepEqual(parsePartitions('0-2'), { ok: true, value: [0, 1, 2] });
    assert.deepEqual(parsePartitions('3,0-1,1'), { ok: true, value: [0, 1, 3] });
    assert.equal(parsePartitions('2-0').ok, false);
    assert.equal(parsePartitions('all').ok, false);
    assert.equal(parsePartitions('').ok, false);
  });

  it('from: earliest, latest, an offset, a date and time', () => {
    assert.deepEqual(parseStartPosition('earliest'), { ok: true, value: { kind: 'earliest' } });
    assert.deepEqual(parseStartPosition('latest'), { ok: true, value: { kind: 'latest' } });
    assert.deepEqual(parseStartPosition('42'), { ok: true, value: { kind: 'offset', offset: '42' } });
    assert.deepEqual(parseStartPosition('2024-05-01T12:00:00Z'), { ok: true, value: { kind: 'timestamp', timestamp: Date.UTC(2024, 4, 1, 12) } });
    assert.equal(parseStartPosition('yesterday').ok, false);
    assert.equal(parseStartPosition('-1').ok, false);
  });

  it('every, count and headers', () => {
    assert.deepEqual(parseDuration('5s'), { ok: true, value: 5000 });
    assert.deepEqual(parseDuration('1m'), { ok: true, value: 60_000 });
    assert.deepEqual(parseDuration('250ms'), { ok: true, value: 250 });
    assert.equal(parseDuration('10ms').ok, false);
    assert.equal(parseDuration('soon').ok, false);
    assert.deepEqual(parseCount('10'), { ok: true, value: 10 });
    assert.equal(parseCount('0').ok, false);
    assert.equal(parseCount('100001').ok, false);
    assert.deepEqual(parseHeaders('a=1, b=x=y'), { ok: true, value: [{ name: 'a', value: '1' }, { name: 'b', value: 'x=y' }] });
    assert.equal(parseHeaders('novalue').ok, false);
  });
});
