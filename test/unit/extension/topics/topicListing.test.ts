import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatBytes, listTopics } from '../../../../extension/topics/topicListing.js';

const topics = [
  { name: 'orders', partitions: [1, 2, 3] },
  { name: '__consumer_offsets', partitions: new Array(50).fill(0), internal: true },
  { name: 'Payments', partitions: [1] },
  { name: 'orders-dlq', partitions: [1, 2, 3, 4, 5, 6] },
];

describe('listTopics', () => {
  it('hides internal topics unless asked, sorts by name', () => {
    assert.deepEqual(listTopics(topics, { filter: '', sort: 'name', showInternal: false }).map((t) => t.name), ['orders', 'orders-dlq', 'Payments']);
    assert.equal(listTopics(topics, { filter: '', sort: 'name', showInternal: true }).length, 4);
  });

  it('filters by substring ignoring case, or by glob', () => {
    assert.deepEqual(listTopics(topics, { filter: 'PAY', sort: 'name', showInternal: false }).map((t) => t.name), ['Payments']);
    assert.deepEqual(listTopics(topics, { filter: 'orders*', sort: 'name', showInternal: false }).map((t) => t.name), ['orders', 'orders-dlq']);
    assert.deepEqual(listTopics(topics, { filter: 'order?', sort: 'name', showInternal: false }).map((t) => t.name), ['orders']);
    assert.deepEqual(listTopics(topics, { filter: 'a.b', sort: 'name', showInternal: false }), []);
  });

  it('sorts by partition count, most first, ties by name', () => {
    assert.deepEqual(listTopics(topics, { filter: '', sort: 'partitions', showInternal: true }).map((t) => t.name), [
      '__consumer_offsets',
      'orders-dlq',
      'orders',
      'Payments',
    ]);
  });

  it('formats sizes', () => {
    assert.equal(formatBytes(undefined), '?');
    assert.equal(formatBytes(0n), '0 B');
    assert.equal(formatBytes(1536n), '1.5 KB');
    assert.equal(formatBytes(5 * 1024 * 1024), '5.0 MB');
  });
});
