import assert from 'node:assert/strict';
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { test } from 'node:test';
import { SaslAuthenticationError } from '../../../../broker/security/saslErrors.js';
import { ScramServerExchange, scramCredential, type ScramHash } from '../../../../broker/security/scram.js';

// RFC 7677 section 3: user "user", password "pencil".
const RFC_SALT = Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64');
const RFC_SERVER_NONCE = '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0';

test('SCRAM-SHA-256 follows the RFC 7677 test vector', () => {
  const credential = scramCredential('sha256', 'pencil', RFC_SALT, 4096);
  const server = new ScramServerExchange('sha256', (u) => (u === 'user' ? credential : undefined), RFC_SERVER_NONCE);
  assert.equal(
    server.first('n,,n=user,r=rOprNGfwEbeRWgbNEkqO'),
    'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
  );
  const result = server.final('c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=');
  assert.deepEqual(result, { serverFinal: 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=', username: 'user' });
});

/** A client computing its proof the RFC 5802 way, to drive the server with any password. */
function clientFinal(hash: ScramHash, password: string, clientFirstBare: string, serverFirst: string): string {
  const attrs = new Map(serverFirst.split(',').map((p) => [p[0], p.slice(2)]));
  const salted = pbkdf2Sync(password, Buffer.from(attrs.get('s') ?? '', 'base64'), Number(attrs.get('i')), hash === 'sha256' ? 32 : 64, hash);
  const clientKey = createHmac(hash, salted).update('Client Key').digest();
  const storedKey = createHash(hash).update(clientKey).digest();
  const withoutProof = `c=biws,r=${attrs.get('r') ?? ''}`;
  const signature = createHmac(hash, storedKey).update(`${clientFirstBare},${serverFirst},${withoutProof}`).digest();
  const proof = Buffer.from(clientKey.map((b, i) => b ^ signature[i]));
  return `${withoutProof},p=${proof.toString('base64')}`;
}

for (const hash of ['sha256', 'sha512'] as const) {
  test(`SCRAM ${hash}: right password passes, wrong password and unknown user fail alike at the last step`, () => {
    const credential = scramCredential(hash, 'secret');
    const lookup = (u: string): typeof credential | undefined => (u === 'alice' ? credential : undefined);
    const run = (user: string, password: string): string => {
      const server = new ScramServerExchange(hash, lookup);
      const bare = `n=${user},r=abcdefNONCE+/=`;
      const serverFirst = server.first(`n,,${bare}`);
      assert.match(serverFirst, /^r=abcdefNONCE\+\/=.+,s=.+,i=4096$/);
      return server.final(clientFinal(hash, password, bare, serverFirst)).username;
    };
    assert.equal(run('alice', 'secret'), 'alice');
    assert.throws(() => run('alice', 'wrong'), SaslAuthenticationError);
    assert.throws(() => run('mallory', 'secret'), SaslAuthenticationError);
  });
}

test('SCRAM usernames decode =2C and =3D; malformed messages are refused', () => {
  const credential = scramCredential('sha256', 'pw');
  const seen: string[] = [];
  const server = new ScramServerExchange('sha256', (u) => (seen.push(u), credential));
  server.first('n,,n=a=2Cb=3Dc,r=xyz');
  assert.deepEqual(seen, ['a,b=c']);
  assert.throws(() => new ScramServerExchange('sha256', () => credential).first('garbage'), SaslAuthenticationError);
  assert.throws(() => new ScramServerExchange('sha256', () => credential).first('p=tls-unique,,n=a,r=x'), SaslAuthenticationError);
  assert.throws(() => new ScramServerExchange('sha256', () => credential).first('n,,n=a=XYb,r=x'), SaslAuthenticationError);
  const s = new ScramServerExchange('sha256', () => credential);
  s.first('n,,n=a,r=x');
  assert.throws(() => s.final('c=biws,r=other,p=AAAA'), /nonce mismatch/);
});
