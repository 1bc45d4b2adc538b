import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  describeSecurity,
  embeddedClientOptions,
  generatedCaFile,
  parseEmbeddedSecurity,
  securityFileJson,
  writeSecurityFile,
} from '../../../../extension/cluster/embeddedSecurity.js';
import { parseSecurityJson } from '../../../../broker/security/listenerSecurity.js';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
function freshDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-embedded-security-'));
  dirs.push(dir);
  return dir;
}

describe('parseEmbeddedSecurity', () => {
  it('defaults to PLAINTEXT with no file and no client options', () => {
    const s = parseEmbeddedSecurity({});
    assert.equal(s.protocol, 'PLAINTEXT');
    assert.equal(securityFileJson(s), undefined);
    assert.deepEqual(embeddedClientOptions(s, '/nowhere'), {});
    assert.equal(describeSecurity(s), '');
  });

  it('names the setting at fault', () => {
    assert.throws(() => parseEmbeddedSecurity({ protocol: 'KERBEROS' }), /security\.protocol/);
    assert.throws(() => parseEmbeddedSecurity({ protocol: 'SASL_PLAINTEXT', mechanisms: ['GSSAPI'], users: [{ name: 'a', password: 'b' }] }), /mechanisms/);
    assert.throws(() => parseEmbeddedSecurity({ protocol: 'SASL_PLAINTEXT' }), /at least one user/);
    assert.throws(() => parseEmbeddedSecurity({ protocol: 'SASL_PLAINTEXT', users: [{ name: '', password: 'x' }] }), /users/);
    assert.throws(() => parseEmbeddedSecurity({ protocol: 'SSL', certFile: '/c.pem' }), /go together/);
  });

  it('gives a security file the broker accepts, with the users and a generated certificate', () => {
    const s = parseEmbeddedSecurity({ protocol: 'sasl_ssl', mechanisms: ['SCRAM-SHA-512', 'PLAIN'], users: [{ name: 'alice', password: 'a:b' }, { name: 'bob', password: 'pw' }] });
    const json = securityFileJson(s);
    assert.ok(json);
    const broker = parseSecurityJson(json);
    assert.equal(broker.protocol, 'SASL_SSL');
    assert.deepEqual(broker.mechanisms, ['SCRAM-SHA-512', 'PLAIN']);
    assert.deepEqual(broker.users, [{ name: 'alice', password: 'a:b' }, { name: 'bob', password: 'pw' }]);
    assert.equal(broker.tls, 'generate');
    assert.equal(describeSecurity(s), 'SASL_SSL · SCRAM-SHA-512 as alice');
  });

  it('passes a user certificate on to the broker', () => {
    const s = parseEmbeddedSecurity({ protocol: 'SSL', certFile: '/c.pem', keyFile: '/k.pem' });
    assert.deepEqual(parseSecurityJson(securityFileJson(s) ?? '').tls, { certFile: '/c.pem', keyFile: '/k.pem' });
  });
});

describe('writeSecurityFile', () => {
  it('writes a file only this user reads, and removes it for PLAINTEXT', () => {
    const dir = freshDir();
    const file = writeSecurityFile(dir, parseEmbeddedSecurity({ protocol: 'SASL_PLAINTEXT', users: [{ name: 'u', password: 'p' }] }));
    assert.ok(file);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(parseSecurityJson(fs.readFileSync(file, 'utf8')).users[0]?.name, 'u');
    assert.equal(writeSecurityFile(dir, parseEmbeddedSecurity({})), undefined);
    assert.equal(fs.existsSync(file), false);
  });
});

describe('embeddedClientOptions', () => {
  it('logs in as the first user with the first mechanism', () => {
    const s = parseEmbeddedSecurity({ protocol: 'SASL_PLAINTEXT', mechanisms: ['SCRAM-SHA-256'], users: [{ name: 'alice', password: 'one' }, { name: 'bob', password: 'two' }] });
    const options = embeddedClientOptions(s, '/nowhere');
    assert.deepEqual(options.sasl, { mechanism: 'SCRAM-SHA-256', username: 'alice', password: 'one' });
    assert.equal(options.tls, undefined);
  });

  it('trusts the generated CA in <dataDir>/tls/', () => {
    const dir = freshDir();
    fs.mkdirSync(path.dirname(generatedCaFile(dir)), { recursive: true });
    fs.writeFileSync(generatedCaFile(dir), 'CA PEM');
    const options = embeddedClientOptions(parseEmbeddedSecurity({ protocol: 'SSL' }), dir);
    assert.equal(options.tls?.ca?.toString(), 'CA PEM');
    assert.equal(options.tls?.rejectUnauthorized, true);
    assert.equal(options.sasl, undefined);
  });

  it('trusts a given CA file, else the given certificate itself', () => {
    const read = (file: string): Buffer => Buffer.from(`content of ${file}`);
    const withCa = parseEmbeddedSecurity({ protocol: 'SSL', certFile: '/c.pem', keyFile: '/k.pem', caFile: '/ca.pem' });
    assert.equal(embeddedClientOptions(withCa, '/d', read).tls?.ca?.toString(), 'content of /ca.pem');
    const selfSigned = parseEmbeddedSecurity({ protocol: 'SSL', certFile: '/c.pem', keyFile: '/k.pem' });
    assert.equal(embeddedClientOptions(selfSigned, '/d', read).tls?.ca?.toString(), 'content of /c.pem');
  });

  it('says which CA file it could not read', () => {
    assert.throws(() => embeddedClientOptions(parseEmbeddedSecurity({ protocol: 'SSL' }), '/no/such/dir'), /CA file \/no\/such\/dir\/tls\/ca\.pem/);
  });
});
