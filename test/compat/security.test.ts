// Listener security against real clients: SASL PLAIN and SCRAM-SHA-512 with kafkajs and kcat (right
// credentials work across two replicating brokers; wrong ones get SASL_AUTHENTICATION_FAILED and a
// closed connection), requests before authentication close the connection, and TLS with a generated
// CA is trusted through that CA and refused without it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { MetadataApi } from '../../broker/protocol/apis/metadata.js';
import { SaslAuthenticateApi } from '../../broker/protocol/apis/saslAuthenticate.js';
import { SaslHandshakeApi } from '../../broker/protocol/apis/saslHandshake.js';
import { ErrorCode } from '../../broker/protocol/errors.js';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { runKcat } from '../support/kcat.js';
import { kafkajsClient } from './support/clients.js';
import { RawConnection } from './support/rawConnection.js';

const USER = 'alice';
const PASSWORD = 'wonder-land';

function saslKcat(bootstrap: string, mechanism: string, password: string): string[] {
  return ['-b', bootstrap, '-X', 'security.protocol=SASL_PLAINTEXT', '-X', `sasl.mechanism=${mechanism}`, '-X', `sasl.username=${USER}`, '-X', `sasl.password=${password}`];
}

describe('SASL listener', () => {
  let cluster: TestCluster;

  before(async () => {
    cluster = await startCluster({
      brokers: 2,
      extraArgs: ['--override', 'security.protocol=SASL_PLAINTEXT', '--override', 'sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-512', '--override', `sasl.users=${USER}:${PASSWORD}`],
    });
  });
  after(async () => {
    await cluster.stop();
  });

  test('kafkajs with SCRAM-SHA-512 creates a replicated topic, produces and consumes', async () => {
    const kafka = kafkajsClient(cluster.bootstrap, { sasl: { mechanism: 'scram-sha-512', username: USER, password: PASSWORD } });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'secured', numPartitions: 1, replicationFactor: 2 }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'secured', acks: -1, messages: [{ key: 'k', value: 'v1' }, { key: 'k', value: 'v2' }] });
    await producer.disconnect();
    const got = await runKcat([...saslKcat(cluster.bootstrap, 'PLAIN', PASSWORD), '-C', '-t', 'secured', '-o', 'beginning', '-e', '-q', '-f', '%s\\n']);
    assert.equal(got.exitCode, 0, got.stderr);
    assert.deepEqual(got.stdout.trim().split('\n'), ['v1', 'v2']);
  });

  test('kafkajs with a wrong SCRAM password fails with an authentication error', async () => {
    const kafka = kafkajsClient(cluster.bootstrap, { sasl: { mechanism: 'scram-sha-512', username: USER, password: 'wrong' }, retry: { retries: 0 } });
    const admin = kafka.admin();
    await assert.rejects(admin.connect(), (err: Error) => /SASL|authentication/i.test(`${err.name} ${err.message}`));
    await admin.disconnect();
  });

  test('kcat with PLAIN: right password lists metadata, wrong one is refused', async () => {
    const ok = await runKcat([...saslKcat(cluster.bootstrap, 'PLAIN', PASSWORD), '-L', '-m', '10']);
    assert.equal(ok.exitCode, 0, ok.stderr);
    assert.match(ok.stdout, /2 brokers/);
    const bad = await runKcat([...saslKcat(cluster.bootstrap, 'SCRAM-SHA-512', 'nope'), '-L', '-m', '3']);
    assert.notEqual(bad.exitCode, 0);
    assert.match(bad.stderr, /SASL authentication error|Authentication failed/i);
  });

  test('wrong credentials on the wire: SASL_AUTHENTICATION_FAILED, then the connection closes', async () => {
    const conn = await RawConnection.connect(cluster.port);
    const handshake = await conn.request(SaslHandshakeApi, 1, { mechanism: 'PLAIN' });
    assert.deepEqual(handshake, { errorCode: ErrorCode.NONE, mechanisms: ['PLAIN', 'SCRAM-SHA-512'] });
    const auth = await conn.request(SaslAuthenticateApi, 2, { authBytes: Buffer.from(`\u0000${USER}\u0000bad`) });
    assert.equal(auth.errorCode, ErrorCode.SASL_AUTHENTICATION_FAILED);
    assert.ok(auth.errorMessage);
    await conn.closed;
  });

  test('an unsupported mechanism is answered with the enabled ones, then the connection closes', async () => {
    const conn = await RawConnection.connect(cluster.port);
    const handshake = await conn.request(SaslHandshakeApi, 1, { mechanism: 'GSSAPI' });
    assert.deepEqual(handshake, { errorCode: ErrorCode.UNSUPPORTED_SASL_MECHANISM, mechanisms: ['PLAIN', 'SCRAM-SHA-512'] });
    await conn.closed;
  });

  test('a request before authentication closes the connection unanswered', async () => {
    const conn = await RawConnection.connect(cluster.port);
    conn.sendRequest(MetadataApi, 1, { ...MetadataApi.request.empty(), topics: null });
    await conn.closed;
    await assert.rejects(conn.readFrame());
  });

  test('a v0 handshake carries the PLAIN token bare', async () => {
    const conn = await RawConnection.connect(cluster.port);
    assert.equal((await conn.request(SaslHandshakeApi, 0, { mechanism: 'PLAIN' })).errorCode, ErrorCode.NONE);
    const token = Buffer.from(`\u0000${USER}\u0000${PASSWORD}`);
    const size = Buffer.alloc(4);
    size.writeInt32BE(token.length);
    conn.write(Buffer.concat([size, token]));
    assert.equal((await conn.readFrame()).length, 0, 'an empty reply means success');
    const metadata = await conn.request(MetadataApi, 1, { ...MetadataApi.request.empty(), topics: null });
    assert.equal(metadata.brokers.length, 2);
    conn.close();
  });
});

describe('TLS listener with a generated CA', () => {
  let cluster: TestCluster;
  let caFile: string;

  before(async () => {
    cluster = await startCluster({ brokers: 2, extraArgs: ['--override', 'security.protocol=SSL', '--override', 'ssl.certificate=generate'] });
    caFile = path.join(cluster.dataDir, 'tls', 'ca.pem');
  });
  after(async () => {
    await cluster.stop();
  });

  test('kcat trusting the generated CA produces and consumes', async () => {
    assert.ok(fs.existsSync(caFile));
    const tls = ['-b', cluster.bootstrap, '-X', 'security.protocol=ssl', '-X', `ssl.ca.location=${caFile}`];
    const produced = await runKcat([...tls, '-P', '-t', 'tls-topic'], { input: 'one\ntwo\n' });
    assert.equal(produced.exitCode, 0, produced.stderr);
    const got = await runKcat([...tls, '-C', '-t', 'tls-topic', '-o', 'beginning', '-e', '-q', '-f', '%s\\n']);
    assert.equal(got.exitCode, 0, got.stderr);
    assert.deepEqual(got.stdout.trim().split('\n'), ['one', 'two']);
  });

  test('kafkajs with the CA works; an untrusted certificate is refused by kcat and kafkajs', async () => {
    const trusted = kafkajsClient(cluster.bootstrap, { ssl: { ca: [fs.readFileSync(caFile, 'utf8')] } }).admin();
    await trusted.connect();
    assert.ok((await trusted.listTopics()).includes('tls-topic'));
    await trusted.disconnect();
    const bad = await runKcat(['-b', cluster.bootstrap, '-X', 'security.protocol=ssl', '-L', '-m', '3']);
    assert.notEqual(bad.exitCode, 0);
    assert.match(bad.stderr, /certificate verify failed/);
    const untrusted = kafkajsClient(cluster.bootstrap, { ssl: true, retry: { retries: 0 } }).admin();
    await assert.rejects(untrusted.connect(), /certificate|self.signed|issuer/i);
    await untrusted.disconnect();
  });
});
