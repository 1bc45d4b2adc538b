import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bootstrapProblem, clientOptionsOf, parseConnections } from '../../../../extension/connections/connectionConfig.js';

test('bootstrap lists are host:port, comma-separated', () => {
  assert.equal(bootstrapProblem('localhost:9092'), null);
  assert.equal(bootstrapProblem('a:1, b.example.com:9093,[::1]:9094'), null);
  assert.match(bootstrapProblem('') ?? '', /at least one/);
  assert.match(bootstrapProblem('localhost') ?? '', /not host:port/);
  assert.match(bootstrapProblem('h:70000') ?? '', /not host:port/);
});

test('settings entries become connections; malformed ones are dropped', () => {
  const parsed = parseConnections([
    { id: '1', name: 'prod', bootstrapServers: 'k:9092', sasl: { mechanism: 'SCRAM-SHA-512', username: 'u' }, tls: { caFile: '/ca.pem' } },
    { id: '2', name: 'bad-mech', bootstrapServers: 'k:9092', sasl: { mechanism: 'GSSAPI', username: 'u' } },
    { name: 'no id' },
    'junk',
  ]);
  assert.equal(parsed.length, 2);
  assert.deepEqual(parsed[0], { id: '1', name: 'prod', bootstrapServers: 'k:9092', sasl: { mechanism: 'SCRAM-SHA-512', username: 'u' }, tls: { caFile: '/ca.pem', certFile: null, keyFile: null } });
  assert.equal(parsed[1]?.sasl, null);
  assert.deepEqual(parseConnections(undefined), []);
});

test('client options carry SASL with the secret password and TLS files, and say which file is unreadable', () => {
  const [c] = parseConnections([{ id: '1', name: 'n', bootstrapServers: 'k:1', sasl: { mechanism: 'PLAIN', username: 'u' }, tls: { caFile: '/ca.pem' } }]);
  assert.ok(c);
  const options = clientOptionsOf(c, 'pw', (p) => Buffer.from(`pem of ${p}`));
  assert.deepEqual(options.sasl, { mechanism: 'PLAIN', username: 'u', password: 'pw' });
  assert.equal(String(options.tls?.ca), 'pem of /ca.pem');
  assert.equal(options.tls?.rejectUnauthorized, true);
  assert.ok(options.connectTimeout > 0);
  assert.throws(() => clientOptionsOf(c, 'pw', () => { throw new Error('ENOENT'); }), /cannot read the CA file \/ca\.pem/);
});
