import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  decodeGroupValue, decodeKey, decodeOffsetValue, encodeGroupKey, encodeGroupValue, encodeOffsetKey, encodeOffsetValue,
} from '../../../../broker/group/groupMetadataRecords.js';

test('offset commit key and value round-trip in Kafka layout (key v1, value v3)', () => {
  const key = encodeOffsetKey('g', 'orders', 7);
  // int16 version, string group, string topic, int32 partition
  assert.deepEqual([...key], [0, 1, 0, 1, 0x67, 0, 6, ...Buffer.from('orders'), 0, 0, 0, 7]);
  assert.deepEqual(decodeKey(key), { kind: 'offset', groupId: 'g', topic: 'orders', partition: 7 });
  const value = { offset: 42n, leaderEpoch: 3, metadata: 'm', commitTimestampMs: 1_700_000_000_000 };
  assert.deepEqual(decodeOffsetValue(encodeOffsetValue(value)), value);
  assert.equal(encodeOffsetValue(value).readInt16BE(0), 3);
});

test('group metadata key and value round-trip, members with assignments', () => {
  assert.deepEqual(decodeKey(encodeGroupKey('grp')), { kind: 'group', groupId: 'grp' });
  const group = {
    groupId: 'grp',
    protocolType: 'consumer',
    generationId: 5,
    protocolName: 'range',
    leaderId: 'm-1',
    stateTimestampMs: 123,
    members: [
      { memberId: 'm-1', groupInstanceId: 'i-1', clientId: 'c', clientHost: '/127.0.0.1', rebalanceTimeoutMs: 3000, sessionTimeoutMs: 1000, subscription: Buffer.from([1, 2]), assignment: Buffer.from([3]) },
      { memberId: 'm-2', groupInstanceId: null, clientId: 'd', clientHost: '/127.0.0.1', rebalanceTimeoutMs: 3000, sessionTimeoutMs: 1000, subscription: Buffer.alloc(0), assignment: Buffer.alloc(0) },
    ],
  };
  assert.deepEqual(decodeGroupValue('grp', encodeGroupValue(group)), group);
  assert.deepEqual(decodeGroupValue('grp', encodeGroupValue({ ...group, protocolName: null, leaderId: null, members: [] })), {
    ...group, protocolName: null, leaderId: null, members: [],
  });
});

test('unknown key versions decode to null, so newer record kinds are skipped', () => {
  assert.equal(decodeKey(Buffer.from([0, 9, 0, 0])), null);
});
