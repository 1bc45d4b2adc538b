import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ErrorCode } from '../../../../broker/protocol/errors.js';
import { AuthSession, INTER_BROKER_MECHANISM } from '../../../../broker/security/authSession.js';
import { defaultListenerSecurity, type ListenerSecurity } from '../../../../broker/security/listenerSecurity.js';
import { INTER_BROKER_USER, SaslCredentials } from '../../../../broker/security/saslCredentials.js';

const security: ListenerSecurity = {
  ...defaultListenerSecurity(),
  protocol: 'SASL_PLAINTEXT',
  mechanisms: ['PLAIN', 'SCRAM-SHA-256'],
  users: [{ name: 'alice', password: 'secret' }],
};
const credentials = new SaslCredentials(security);
const plain = (user: string, password: string): Buffer => Buffer.from(`\u0000${user}\u0000${password}`);

test('a plaintext listener lets every request through and refuses SASL requests', () => {
  const s = new AuthSession(null);
  assert.ok(s.authenticated && s.allows(0) && s.allows(3));
  assert.equal(s.handshake('PLAIN', 1).errorCode, ErrorCode.ILLEGAL_SASL_STATE);
});

test('before authentication only ApiVersions and SaslHandshake, then only SaslAuthenticate', () => {
  const s = new AuthSession(credentials);
  assert.equal(s.authenticated, false);
  assert.deepEqual([18, 17, 36, 3, 0].map((k) => s.allows(k)), [true, true, false, false, false]);
  assert.deepEqual(s.handshake('PLAIN', 1), { errorCode: ErrorCode.NONE, mechanisms: ['PLAIN', 'SCRAM-SHA-256'] });
  assert.deepEqual([18, 17, 36, 3].map((k) => s.allows(k)), [false, false, true, false]);
  const result = s.authenticate(plain('alice', 'secret'));
  assert.equal(result.errorCode, ErrorCode.NONE);
  assert.ok(s.authenticated && s.allows(3) && !s.mustClose);
  assert.equal(s.principal, 'alice');
  assert.equal(s.handshake('PLAIN', 1).errorCode, ErrorCode.ILLEGAL_SASL_STATE, 'no second handshake');
});

test('wrong credentials answer SASL_AUTHENTICATION_FAILED and the connection must close', () => {
  const s = new AuthSession(credentials);
  s.handshake('PLAIN', 1);
  const result = s.authenticate(plain('alice', 'nope'));
  assert.equal(result.errorCode, ErrorCode.SASL_AUTHENTICATION_FAILED);
  assert.match(result.errorMessage ?? '', /Invalid username or password/);
  assert.ok(s.mustClose && !s.authenticated && !s.allows(3));
});

test('an unsupported mechanism is refused with the enabled ones, then the connection closes', () => {
  const s = new AuthSession(credentials);
  assert.deepEqual(s.handshake('SCRAM-SHA-512', 1), { errorCode: ErrorCode.UNSUPPORTED_SASL_MECHANISM, mechanisms: ['PLAIN', 'SCRAM-SHA-256'] });
  assert.ok(s.mustClose);
});

test('SaslAuthenticate before a handshake is an illegal state', () => {
  const s = new AuthSession(credentials);
  assert.equal(s.authenticate(plain('alice', 'secret')).errorCode, ErrorCode.ILLEGAL_SASL_STATE);
  assert.ok(s.mustClose);
});

test('a v0 handshake switches to bare tokens', () => {
  const s = new AuthSession(credentials);
  s.handshake('PLAIN', 0);
  assert.ok(s.expectsRawToken);
  assert.equal(s.rawToken(plain('alice', 'secret')).length, 0);
  assert.ok(s.authenticated);
});

test('the internal inter-broker user authenticates with the cluster secret only', () => {
  const ok = new AuthSession(credentials);
  assert.equal(ok.handshake(INTER_BROKER_MECHANISM, 1).errorCode, ErrorCode.NONE);
  assert.equal(ok.authenticate(plain(INTER_BROKER_USER, security.interBrokerSecret)).errorCode, ErrorCode.NONE);
  const bad = new AuthSession(credentials);
  bad.handshake(INTER_BROKER_MECHANISM, 1);
  assert.equal(bad.authenticate(plain(INTER_BROKER_USER, 'guess')).errorCode, ErrorCode.SASL_AUTHENTICATION_FAILED);
  const viaPlain = new AuthSession(credentials);
  viaPlain.handshake('PLAIN', 1);
  assert.equal(viaPlain.authenticate(plain(INTER_BROKER_USER, security.interBrokerSecret)).errorCode, ErrorCode.SASL_AUTHENTICATION_FAILED);
});
