import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AlterOp, applyIncrementalChanges, effectiveTopicConfigs, InvalidConfigError, normalizeConfigValue, normalizeTopicConfigs,
  TOPIC_CONFIG_KEYS,
} from '../../../../broker/controller/topicConfigs.js';

function rejects(fn: () => unknown, message: RegExp): void {
  assert.throws(fn, (err: unknown) => err instanceof InvalidConfigError && message.test(err.message));
}

describe('topic config validation', () => {
  test('accepts the values Kafka accepts and normalizes them', () => {
    assert.equal(normalizeConfigValue('cleanup.policy', 'compact'), 'compact');
    assert.equal(normalizeConfigValue('cleanup.policy', ' delete , compact '), 'delete,compact');
    assert.equal(normalizeConfigValue('retention.ms', '-1'), '-1');
    assert.equal(normalizeConfigValue('retention.ms', ' 1000 '), '1000');
    assert.equal(normalizeConfigValue('retention.bytes', '-5'), '-5');
    assert.equal(normalizeConfigValue('segment.bytes', '14'), '14');
    assert.equal(normalizeConfigValue('min.insync.replicas', '2'), '2');
    assert.equal(normalizeConfigValue('message.timestamp.type', 'LogAppendTime'), 'LogAppendTime');
    assert.equal(normalizeConfigValue('unclean.leader.election.enable', 'TRUE'), 'true');
    assert.equal(normalizeConfigValue('flush.messages', '9223372036854775807'), '9223372036854775807');
  });

  test('rejects bad values with Kafka\'s message naming the key', () => {
    rejects(() => normalizeConfigValue('retention.ms', 'abc'), /^Invalid value abc for configuration retention\.ms: Not a number of type LONG$/);
    rejects(() => normalizeConfigValue('retention.ms', '-2'), /^Invalid value -2 for configuration retention\.ms: Value must be at least -1$/);
    rejects(() => normalizeConfigValue('segment.bytes', '13'), /configuration segment\.bytes: Value must be at least 14/);
    rejects(() => normalizeConfigValue('segment.bytes', '4294967296'), /segment\.bytes: Not a number of type INT/);
    rejects(() => normalizeConfigValue('min.insync.replicas', '0'), /min\.insync\.replicas: Value must be at least 1/);
    rejects(() => normalizeConfigValue('cleanup.policy', 'shred'), /^Invalid value shred for configuration cleanup\.policy: String must be one of: compact, delete$/);
    rejects(() => normalizeConfigValue('message.timestamp.type', 'Now'), /message\.timestamp\.type: String must be one of: CreateTime, LogAppendTime/);
    rejects(() => normalizeConfigValue('unclean.leader.election.enable', 'yes'), /either true or false/);
    rejects(() => normalizeConfigValue('max.message.bytes', null), /max\.message\.bytes/);
    rejects(() => normalizeConfigValue('no.such.key', '1'), /^Unknown topic config name: no\.such\.key$/);
  });

  test('a whole set fails on its first bad entry', () => {
    assert.deepEqual(normalizeTopicConfigs({ 'retention.ms': '10', 'cleanup.policy': 'compact' }), { 'retention.ms': '10', 'cleanup.policy': 'compact' });
    rejects(() => normalizeTopicConfigs({ 'retention.ms': '10', 'max.message.bytes': 'x' }), /max\.message\.bytes/);
  });

  test('every key has a default that passes its own validation and a documentation string', () => {
    for (const key of TOPIC_CONFIG_KEYS) {
      assert.equal(normalizeConfigValue(key.name, key.defaultValue), key.defaultValue, key.name);
      assert.ok(key.documentation.length > 20, key.name);
    }
    const segment = TOPIC_CONFIG_KEYS.find((k) => k.name === 'segment.bytes');
    assert.equal(segment?.defaultValue, String(64 * 1024 * 1024));
    assert.match(segment?.documentation ?? '', /1 GiB/);
  });
});

describe('effective configs', () => {
  test('overrides are DYNAMIC_TOPIC_CONFIG (1), the rest DEFAULT_CONFIG (5), defaults replaceable', () => {
    const all = effectiveTopicConfigs({ 'retention.ms': '5' }, { 'max.message.bytes': '2000' });
    assert.equal(all.length, TOPIC_CONFIG_KEYS.length);
    const byName = new Map(all.map((c) => [c.key.name, c]));
    assert.deepEqual([byName.get('retention.ms')?.value, byName.get('retention.ms')?.source], ['5', 1]);
    assert.deepEqual([byName.get('max.message.bytes')?.value, byName.get('max.message.bytes')?.source], ['2000', 5]);
    assert.deepEqual([byName.get('cleanup.policy')?.value, byName.get('cleanup.policy')?.source], ['delete', 5]);
  });
});

describe('incremental changes', () => {
  test('SET, DELETE, APPEND and SUBTRACT', () => {
    let c = applyIncrementalChanges({}, [{ name: 'retention.ms', op: AlterOp.SET, value: '100' }]);
    assert.deepEqual(c, { 'retention.ms': '100' });
    c = applyIncrementalChanges(c, [{ name: 'cleanup.policy', op: AlterOp.APPEND, value: 'compact' }]);
    assert.equal(c['cleanup.policy'], 'delete,compact', 'APPEND starts from the default when not overridden');
    c = applyIncrementalChanges(c, [{ name: 'cleanup.policy', op: AlterOp.SUBTRACT, value: 'delete' }]);
    assert.equal(c['cleanup.policy'], 'compact');
    c = applyIncrementalChanges(c, [{ name: 'retention.ms', op: AlterOp.DELETE, value: null }]);
    assert.deepEqual(c, { 'cleanup.policy': 'compact' });
  });

  test('rejects APPEND on a non-list key, bad values, unknown keys and unknown operations', () => {
    rejects(() => applyIncrementalChanges({}, [{ name: 'retention.ms', op: AlterOp.APPEND, value: '1' }]), /append is not allowed for config key: retention\.ms/);
    rejects(() => applyIncrementalChanges({}, [{ name: 'retention.ms', op: AlterOp.SET, value: '-9' }]), /retention\.ms/);
    rejects(() => applyIncrementalChanges({}, [{ name: 'bogus', op: AlterOp.DELETE, value: null }]), /bogus/);
    rejects(() => applyIncrementalChanges({}, [{ name: 'retention.ms', op: 7, value: '1' }]), /operation 7/);
    rejects(() => applyIncrementalChanges({}, [{ name: 'cleanup.policy', op: AlterOp.SUBTRACT, value: 'delete' }]), /cleanup\.policy/);
  });
});
