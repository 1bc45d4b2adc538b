import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authenticatePlain, parsePlainMessage } from '../../../../broker/security/plainMechanism.js';
import { SaslAuthenticationError } from '../../../../broker/security/saslErrors.js';

const token = (s: string): Buffer => Buffer.from(s, 'utf8');

test('PLAIN splits authzid, user and password', () => {
  assert.deepEqual(parsePlainMessage(token('\u0000alice\u0000s3cr:et')), { authzid: '', username: 'alice', password: 's3cr:et' });
  assert.deepEqual(parsePlainMessage(token('alice\u0000alice\u0000pw')), { authzid: 'alice', username: 'alice', password: 'pw' });
});

test('PLAIN refuses malformed messages and a foreign authzid', () => {
  for (const bad of ['alice', '\u0000alice', '\u0000\u0000pw', '\u0000alice\u0000', 'bob\u0000alice\u0000pw', '\u0000a\u0000b\u0000c']) {
    assert.throws(() => parsePlainMessage(token(bad)), SaslAuthenticationError, JSON.stringify(bad));
  }
});

test('PLAIN checks the password; unknown users and wrong passwords fail with one message', () => {
  const users = new Map([['alice', 'secret']]);
  const lookup = (u: string): string | undefined => users.get(u);
  assert.equal(authenticatePlain(token('\u0000alice\u0000secret'), lookup), 'alice');
  assert.throws(() => authenticatePlain(token('\u0000alice\u0000wrong'), lookup), /Invalid username or password/);
  assert.throws(() => authenticatePlain(token('\u0000bob\u0000secret'), lookup), /Invalid username or password/);
});
