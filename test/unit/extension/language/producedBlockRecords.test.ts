import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MessageToProduce } from '@platformatic/kafka';
import { partitionForKey } from '../../../../extension/kafka/murmur2.js';
import { offsetsOfSend } from '../../../../extension/kafka/produceRecord.js';
import { placeRecords, producedTailRecords } from '../../../../extension/language/producedBlockRecords.js';

const topic = 'orders';
const message = (key: string | undefined, value: string | undefined, headers?: MessageToProduce['headers']): MessageToProduce => ({
  topic,
  key: key === undefined ? undefined : Buffer.from(key),
  value: value === undefined ? undefined : Buffer.from(value),
  ...(headers === undefined ? {} : { headers }),
});

describe('placeRecords', () => {
  it('puts a keyed record where the Java default partitioner would, and every keyless one on the sticky partition', () => {
    const placed = placeRecords([message('order-42', 'a'), message(undefined, 'b'), message('order-7', 'c'), message(undefined, 'd')], 6, 4);
    assert.deepEqual(
      placed.map((record) => record.partition),
      [partitionForKey(Buffer.from('order-42'), 6), 4, partitionForKey(Buffer.from('order-7'), 6), 4],
    );
    assert.deepEqual(placed.map((record) => record.value?.toString()), ['a', 'b', 'c', 'd']);
  });

  it('keeps a partition already chosen and refuses a topic without partitions', () => {
    assert.equal(placeRecords([{ ...message('k', 'v'), partition: 2 }], 3, 0)[0].partition, 2);
    assert.throws(() => placeRecords([message('k', 'v')], 0, 0), RangeError);
  });

  it('gives each record of a send its own offset, counted from its partition base', () => {
    const placed = placeRecords([message('a', '1'), message(undefined, '2'), message(undefined, '3'), message('a', '4')], 2, 1 - partitionForKey(Buffer.from('a'), 2));
    const keyed = partitionForKey(Buffer.from('a'), 2);
    const offsets = offsetsOfSend(placed, new Map([[keyed, 10n], [1 - keyed, 50n]]));
    assert.deepEqual(offsets, [
      { partition: keyed, offset: '10' },
      { partition: 1 - keyed, offset: '50' },
      { partition: 1 - keyed, offset: '51' },
      { partition: keyed, offset: '11' },
    ]);
  });
});

describe('producedTailRecords', () => {
  it('turns sent records and their offsets into tail rows as text, nulls kept', () => {
    const sent = [
      message('order-42', '{"n": 1}', new Map([[Buffer.from('trace'), Buffer.from('abc')]])),
      message(undefined, undefined, { source: Buffer.from('kafka-file') }),
    ];
    const rows = producedTailRecords(sent, [{ partition: 0, offset: '7' }, { partition: 1, offset: '3' }], 1_700_000_000_000);
    assert.deepEqual(rows, [
      { partition: 0, offset: '7', timestamp: '1700000000000', key: 'order-42', value: '{"n": 1}', headers: [['trace', 'abc']] },
      { partition: 1, offset: '3', timestamp: '1700000000000', key: null, value: null, headers: [['source', 'kafka-file']] },
    ]);
  });

  it('refuses offsets that do not pair with the records', () => {
    assert.throws(() => producedTailRecords([message('k', 'v')], [], 0), /1 records but 0 offsets/);
  });
});
