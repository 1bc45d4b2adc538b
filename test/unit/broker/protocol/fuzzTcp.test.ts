// A few thousand mutated frames over TCP against a real CLI-started cluster: the broker answers or closes
// only that connection, stays up, and a normal client works afterwards. Seeded like fuzz.test.ts.

import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ALL_APIS } from '../../../../broker/protocol/apiTable.js';
import { ApiVersionsApi } from '../../../../broker/protocol/apis/apiVersions.js';
import { MetadataApi } from '../../../../broker/protocol/apis/metadata.js';
import { ErrorCode } from '../../../../broker/protocol/errors.js';
import { startCluster, type TestCluster } from '../../../support/cluster.js';
import { kcatConsume, kcatProduce } from '../../../support/kcat.js';
import { RawConnection, frameOf, requestFrame } from '../../../compat/support/rawConnection.js';
import { mulberry32, seedFromEnv } from '../../../support/seededRandom.js';

const FRAMES = 3000;

let cluster: TestCluster;

before(async () => {
  cluster = await startCluster();
});

after(async () => {
  await cluster.stop();
});

test('mutated frames over TCP leave the broker serving normal clients', { timeout: 180_000 }, async (t) => {
  const seed = seedFromEnv('KW_FUZZ_SEED', 'fuzz');
  t.diagnostic(`fuzz seed ${seed} (rerun with KW_FUZZ_SEED=${seed})`);
  const rand = mulberry32(seed);
  const bodies = ALL_APIS.flatMap((api) =>
    Array.from({ length: api.maxVersion - api.minVersion + 1 }, (_, i) => requestFrame(api, api.minVersion + i, api.request.empty(), 1, 'fuzz').subarray(4)),
  );
  let conn = await connect();
  let closes = 0;
  for (let i = 0; i < FRAMES; i++) {
    const body = Buffer.from(bodies[Math.floor(rand() * bodies.length)] ?? Buffer.alloc(0));
    for (let n = 0, flips = 1 + Math.floor(rand() * 3); n < flips && body.length > 8; n++) body[8 + Math.floor(rand() * (body.length - 8))] = Math.floor(rand() * 256);
    const cut = rand() < 0.3 ? body.subarray(0, Math.floor(rand() * body.length)) : body;
    // The size prefix is honest, so each frame is whole and the broker must decide on its content.
    conn.write(frameOf(cut));
    // A probe after each frame: the broker either answers it (the bad frame got an error answer or was
    // served) or has closed this connection only; then the next frame goes over a fresh one.
    conn.write(requestFrame(ApiVersionsApi, 0, ApiVersionsApi.request.empty(), 99, 'probe'));
    const outcome = await Promise.race([closedSocket(conn), drainUntilProbe(conn)]);
    if (outcome === 'closed') {
      closes++;
      conn.close();
      conn = await connect();
    }
  }
  conn.close();
  t.diagnostic(`${closes} of ${FRAMES} frames made the broker close their connection`);

  const check = await RawConnection.connect(cluster.port);
  const versions = await check.request(ApiVersionsApi, 3, { ...ApiVersionsApi.request.empty(), clientSoftwareName: 'probe', clientSoftwareVersion: '1' });
  assert.equal(versions.errorCode, ErrorCode.NONE);
  const metadata = await check.request(MetadataApi, 12, { ...MetadataApi.request.empty(), topics: null });
  assert.ok(metadata.brokers.length >= 1);
  check.close();
  await kcatProduce(cluster.bootstrap, 'after-fuzz', ['still', 'working']);
  assert.deepEqual(await kcatConsume(cluster.bootstrap, 'after-fuzz', 2), ['still', 'working']);
});

/**
 * RawConnection.closed rejects when the socket errors before closing (a reset from the broker), and then
 * never wakes readFrame: watch the socket itself, and keep that rejection from going unhandled.
 */
async function connect(): Promise<RawConnection> {
  const conn = await RawConnection.connect(cluster.port);
  conn.closed.catch(() => undefined);
  return conn;
}

function closedSocket(conn: RawConnection): Promise<string> {
  if (conn.socket.destroyed) return Promise.resolve('closed');
  return new Promise((resolve) => conn.socket.once('close', () => resolve('closed')));
}

/** Reads frames until the probe's answer (correlation id 99) arrives. */
async function drainUntilProbe(conn: RawConnection): Promise<string> {
  for (;;) {
    const frame = await conn.readFrame().catch(() => null);
    if (frame === null) return 'closed';
    if (frame.length >= 4 && frame.readInt32BE(0) === 99) return 'answered';
  }
}
