import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ControllerOperations } from '../../../../broker/controller/controller.js';
import { applyControllerCall, type ControllerCall } from '../../../../broker/controller/controllerCall.js';

test('each call reaches the operation it names, with its arguments, and returns its result', () => {
  const seen: string[] = [];
  // Only the operations called here; the cast keeps the test independent of operations added later.
  const ops = {
    createTopics: (specs, validateOnly) => (seen.push(`create ${specs.length} ${validateOnly}`), []),
    deleteTopics: (names) => (seen.push(`delete ${names.join(',')}`), []),
    createPartitions: (specs, validateOnly) => (seen.push(`partitions ${specs[0]?.count} ${validateOnly}`), [{ name: 'x', errorCode: 0, errorMessage: null }]),
    alterTopicConfigs: (alterations, validateOnly) => (seen.push(`alter ${alterations[0]?.topic} ${validateOnly}`), []),
  } satisfies Partial<ControllerOperations> as unknown as ControllerOperations;
  const calls: ControllerCall[] = [
    { op: 'createTopics', args: [[{ name: 'a', numPartitions: 1, replicationFactor: 1, configs: {} }], true] },
    { op: 'deleteTopics', args: [['a', 'b']] },
    { op: 'createPartitions', args: [[{ name: 'x', count: 3, assignments: null }], false] },
    { op: 'alterTopicConfigs', args: [[{ topic: 'y', replace: {} }], true] },
  ];
  const results = calls.map((c) => applyControllerCall(ops, c));
  assert.deepEqual(seen, ['create 1 true', 'delete a,b', 'partitions 3 false', 'alter y true']);
  assert.deepEqual(results[2], [{ name: 'x', errorCode: 0, errorMessage: null }]);
});
