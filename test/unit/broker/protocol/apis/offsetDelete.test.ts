import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OffsetDeleteApi } from '../../../../../broker/protocol/apis/offsetDelete.js';
import { Writer } from '../../../../../broker/protocol/writer.js';
import { testAllVersions } from '../roundTrip.js';

testAllVersions(OffsetDeleteApi, {
  request: () => ({ groupId: 'group-a', topics: [{ name: 'orders', partitions: [{ partitionIndex: 0 }, { partitionIndex: 3 }] }] }),
  response: () => ({ errorCode: 0, throttleTimeMs: 0, topics: [{ name: 'orders', partitions: [{ partitionIndex: 3, errorCode: 86 }] }] }),
});

test('OffsetDelete v0 request bytes: string group, array of topics with int32 partitions, never flexible', () => {
  const w = new Writer();
  OffsetDeleteApi.request.write(w, { groupId: 'g', topics: [{ name: 't', partitions: [{ partitionIndex: 2 }] }] }, 0, false);
  assert.deepEqual([...w.toBuffer()], [0, 1, 0x67, 0, 0, 0, 1, 0, 1, 0x74, 0, 0, 0, 1, 0, 0, 0, 2]);
});
