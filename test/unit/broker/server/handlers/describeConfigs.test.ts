// The broker configs DescribeConfigs reports: every setting a user can override at start is listed,
// with "default" telling the values they changed from the ones they did not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_BROKER_CONFIG } from '../../../../../broker/server/brokerServices.js';
import { brokerConfigEntries } from '../../../../../broker/server/handlers/describeConfigs.js';

const base = { ...DEFAULT_BROKER_CONFIG, nodeId: 1, port: 9092, dataDir: '/data' };

test('an overridden offsets.commit.timeout.ms is reported as not default; the default one as default', () => {
  const find = (timeout: number) => brokerConfigEntries({ ...base, offsetsCommitTimeoutMs: timeout }).find((e) => e.name === 'offsets.commit.timeout.ms');
  assert.deepEqual([find(250)?.value, find(250)?.isDefault], ['250', false]);
  assert.deepEqual([find(5000)?.value, find(5000)?.isDefault], ['5000', true]);
});

test('the entries are sorted by name and each is documented', () => {
  const entries = brokerConfigEntries(base);
  const names = entries.map((e) => e.name);
  assert.deepEqual(names, [...names].sort());
  for (const entry of entries) assert.ok(entry.documentation.length > 10, entry.name);
});
