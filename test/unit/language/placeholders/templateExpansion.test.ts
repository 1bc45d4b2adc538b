import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { PLACEHOLDERS } from '../../../../language/placeholders/placeholderCatalog.js';
import { expandTemplate, findPlaceholders, placeholderProblem } from '../../../../language/placeholders/templateExpansion.js';
import { seedFromEnv } from '../../../support/seededRandom.js';

const seed = seedFromEnv('KAFKA_TEST_SEED', 'templateExpansion');

describe('placeholders', () => {
  it('finds placeholders with and without arguments', () => {
    const uses = findPlaceholders('a {{string.uuid}} b {{ number.int(5) }} {{nope.nope}}');
    assert.deepEqual(
      uses.map((use) => [use.name, use.argumentText]),
      [
        ['string.uuid', undefined],
        ['number.int', '5'],
        ['nope.nope', undefined],
      ],
    );
  });

  it('names what it does not support', () => {
    assert.match(placeholderProblem(findPlaceholders('{{nope.nope}}')[0])!, /Unsupported placeholder "\{\{nope.nope\}\}"/);
    assert.match(placeholderProblem(findPlaceholders('{{string.uuid(3)}}')[0])!, /takes no arguments/);
    assert.equal(placeholderProblem(findPlaceholders('{{number.int(1, 9)}}')[0]), undefined);
  });

  it('expands uuid, counter, timestamp and ranges; old and new faker spellings both work', () => {
    const text = expandTemplate('{{string.uuid}}|{{random.uuid}}|{{counter}}|{{timestamp}}|{{number.int(3, 5)}}', { seed, counter: 7, now: 1234 });
    const [uuidA, uuidB, counter, timestamp, number] = text.split('|');
    assert.match(uuidA, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.match(uuidB, /^[0-9a-f]{8}-/);
    assert.notEqual(uuidA, uuidB);
    assert.equal(counter, '7');
    assert.equal(timestamp, '1234');
    assert.ok(['3', '4', '5'].includes(number), number);
  });

  it('gives the same values to key and value expanded with the same seed', () => {
    const key = expandTemplate('{{string.uuid}}', { seed, counter: 1, now: 0 });
    const value = expandTemplate('{"id":"{{string.uuid}}"}', { seed, counter: 1, now: 0 });
    assert.equal((JSON.parse(value) as { id: string }).id, key);
  });

  it('leaves unsupported placeholders as written', () => {
    assert.equal(expandTemplate('x {{nope}} y', { seed, counter: 1, now: 0 }), 'x {{nope}} y');
  });

  it('every supported placeholder generates a non-empty value', () => {
    for (const definition of PLACEHOLDERS) {
      for (const name of definition.names) {
        const value = expandTemplate(`{{${name}}}`, { seed, counter: 1, now: Date.UTC(2024, 0, 1) });
        assert.ok(value.length > 0 && !value.includes('{{'), `${name} gave "${value}"`);
      }
    }
  });
});
