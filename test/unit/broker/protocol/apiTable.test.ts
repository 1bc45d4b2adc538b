import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_APIS, apiByKey } from '../../../../broker/protocol/apiTable.js';
import { roundTripBytes, encodeBody } from './roundTrip.js';

test('every API has a unique key and a sensible version range', () => {
  const keys = ALL_APIS.map((api) => api.key);
  assert.equal(new Set(keys).size, keys.length);
  assert.equal(new Set(ALL_APIS.map((api) => api.name)).size, ALL_APIS.length);
  for (const api of ALL_APIS) {
    assert.ok(api.minVersion >= 0 && api.minVersion <= api.maxVersion, `${api.name} ${api.minVersion}-${api.maxVersion}`);
    assert.ok(api.flexibleFrom >= 0, api.name);
  }
});

test('the table serves the agreed APIs and version ranges', () => {
  const served = Object.fromEntries(ALL_APIS.map((api) => [api.name, `${api.key}:${api.minVersion}-${api.maxVersion}`]));
  assert.deepEqual(served, {
    Produce: '0:0-11',
    Fetch: '1:4-17',
    ListOffsets: '2:1-9',
    Metadata: '3:0-12',
    OffsetCommit: '8:2-9',
    OffsetFetch: '9:1-9',
    FindCoordinator: '10:0-6',
    JoinGroup: '11:0-9',
    Heartbeat: '12:0-4',
    LeaveGroup: '13:0-5',
    SyncGroup: '14:0-5',
    DescribeGroups: '15:0-5',
    ListGroups: '16:0-5',
    SaslHandshake: '17:0-1',
    ApiVersions: '18:0-3',
    CreateTopics: '19:2-7',
    DeleteTopics: '20:1-6',
    DeleteRecords: '21:0-2',
    InitProducerId: '22:0-5',
    OffsetForLeaderEpoch: '23:0-4',
    DescribeConfigs: '32:1-4',
    AlterConfigs: '33:0-2',
    DescribeLogDirs: '35:0-4',
    SaslAuthenticate: '36:0-2',
    CreatePartitions: '37:0-3',
    DeleteGroups: '42:0-2',
    IncrementalAlterConfigs: '44:0-1',
    OffsetDelete: '47:0-0',
    DescribeCluster: '60:0-1',
  });
});

test('ALL_APIS is ordered by key and apiByKey finds each entry', () => {
  for (let i = 1; i < ALL_APIS.length; i++) assert.ok(ALL_APIS[i - 1].key < ALL_APIS[i].key);
  for (const api of ALL_APIS) assert.equal(apiByKey(api.key), api);
  assert.equal(apiByKey(4), undefined); // LeaderAndIsr: not served
  assert.equal(apiByKey(-1), undefined);
});

test('every API encodes and decodes its empty messages at every version', () => {
  for (const api of ALL_APIS) {
    for (let v = api.minVersion; v <= api.maxVersion; v++) {
      for (const side of ['request', 'response'] as const) {
        const type = side === 'request' ? api.request : api.response;
        const decoded = roundTripBytes(api, v, side, encodeBody(api, v, side, type.empty()));
        assert.deepEqual(decoded, type.empty(), `${api.name} v${v} ${side}`);
      }
    }
  }
});
