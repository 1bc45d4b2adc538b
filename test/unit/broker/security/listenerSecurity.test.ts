import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applySecurityOverride, checkListenerSecurity, parseSecurityJson, SecuritySettingError } from '../../../../broker/security/listenerSecurity.js';

test('a security file gives protocol, mechanisms, users and tls', () => {
  const s = parseSecurityJson(JSON.stringify({ protocol: 'sasl_ssl', mechanisms: ['SCRAM-SHA-512'], users: [{ name: 'a', password: 'b' }], tls: 'generate' }));
  assert.equal(s.protocol, 'SASL_SSL');
  assert.deepEqual(s.mechanisms, ['SCRAM-SHA-512']);
  assert.deepEqual(s.users, [{ name: 'a', password: 'b' }]);
  assert.equal(s.tls, 'generate');
  assert.ok(s.interBrokerSecret.length >= 16);
});

test('bad security settings are refused with a reason', () => {
  assert.throws(() => parseSecurityJson('{'), SecuritySettingError);
  assert.throws(() => parseSecurityJson('{"protocol":"KERBEROS"}'), /security protocol must be/);
  assert.throws(() => parseSecurityJson('{"protocol":"SASL_PLAINTEXT"}'), /needs at least one SASL user/);
  assert.throws(() => parseSecurityJson('{"mechanisms":["GSSAPI"]}'), /SASL mechanism must be/);
  assert.throws(() => parseSecurityJson('{"tls":{"certFile":"x"}}'), /tls must be/);
});

test('--override keys build the same settings', () => {
  let s = applySecurityOverride(undefined, 'security.protocol', 'SASL_PLAINTEXT');
  s = applySecurityOverride(s ?? undefined, 'sasl.users', 'alice:pa:ss,bob:x');
  s = applySecurityOverride(s ?? undefined, 'sasl.enabled.mechanisms', 'PLAIN,SCRAM-SHA-256');
  assert.ok(s);
  assert.deepEqual(s.users, [{ name: 'alice', password: 'pa:ss' }, { name: 'bob', password: 'x' }]);
  assert.deepEqual(checkListenerSecurity(s).mechanisms, ['PLAIN', 'SCRAM-SHA-256']);
  assert.equal(applySecurityOverride(undefined, 'num.partitions', '3'), null);
  const half = applySecurityOverride(undefined, 'ssl.cert.file', '/c.pem');
  assert.ok(half);
  assert.throws(() => checkListenerSecurity(half), /go together/);
});
