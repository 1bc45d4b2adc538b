// serveConnection over a real socket with handlers the test controls: pipelined Produce requests run
// side by side (up to a cap) while their answers still leave in request order; other requests stay serial.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { after, test } from 'node:test';
import type { Logger } from '../../../../broker/logger.js';
import { ApiVersionsApi } from '../../../../broker/protocol/apis/apiVersions.js';
import { ProduceApi, type ProduceRequest, type ProduceResponse } from '../../../../broker/protocol/apis/produce.js';
import { readResponseHeader } from '../../../../broker/protocol/header.js';
import { Reader } from '../../../../broker/protocol/reader.js';
import { MAX_OVERLAPPING_PRODUCES, serveConnection } from '../../../../broker/server/connection.js';
import { Dispatcher } from '../../../../broker/server/dispatcher.js';
import { route } from '../../../../broker/server/route.js';
import { RawConnection } from '../../../compat/support/rawConnection.js';
import { waitFor } from '../../../support/waitFor.js';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A request the handler holds until the test lets it finish. */
interface Held {
  readonly name: string;
  readonly finish: () => void;
}

function heldRoutes() {
  const started: Held[] = [];
  const hold = (name: string): Promise<void> =>
    new Promise<void>((resolve) => started.push({ name, finish: resolve }));
  const produce = route(ProduceApi, async (request: ProduceRequest): Promise<ProduceResponse> => {
    const name = request.topicData[0]?.name ?? '?';
    await hold(name);
    return { responses: [{ name, partitionResponses: [] }], throttleTimeMs: 0, nodeEndpoints: [] };
  });
  const apiVersions = route(ApiVersionsApi, async () => {
    await hold('api-versions');
    return ApiVersionsApi.response.empty();
  });
  return { started, dispatcher: new Dispatcher([produce, apiVersions]) };
}

const servers: net.Server[] = [];
after(() => {
  for (const s of servers) s.close();
});

async function listen(dispatcher: Dispatcher, maxQueuedBytes?: number, accepted?: (socket: net.Socket) => void): Promise<number> {
  const server = net.createServer((socket) => {
    accepted?.(socket);
    serveConnection(socket, dispatcher, 1024 * 1024, quiet, undefined, maxQueuedBytes);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

function produceBody(name: string): ProduceRequest {
  return { transactionalId: null, acks: -1, timeoutMs: 1000, topicData: [{ name, partitionData: [] }] };
}

/** The next response's correlation id and, for a Produce answer, its topic name. */
async function nextAnswer(conn: RawConnection, produce: boolean): Promise<{ correlationId: number; name?: string }> {
  const frame = await conn.readFrame();
  const r = new Reader(frame);
  const correlationId = readResponseHeader(r, produce ? ProduceApi.key : ApiVersionsApi.key, produce);
  if (!produce) return { correlationId };
  const body = ProduceApi.response.read(r, 9, true);
  return { correlationId, name: body.responses[0]?.name };
}

test('pipelined produces run side by side and are answered in request order', async () => {
  const { started, dispatcher } = heldRoutes();
  const conn = await RawConnection.connect(await listen(dispatcher));
  try {
    const first = conn.sendRequest(ProduceApi, 9, produceBody('p1'));
    const second = conn.sendRequest(ProduceApi, 9, produceBody('p2'));
    await waitFor(() => started.length === 2, { what: 'both produces started while the first still waits' });
    assert.deepEqual(started.map((h) => h.name), ['p1', 'p2']);
    // The second finishes first; its answer must still wait for the first one's.
    started[1]?.finish();
    let answered = false;
    const read = nextAnswer(conn, true).then((a) => {
      answered = true;
      return a;
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(answered, false, 'no answer before the first produce finished');
    started[0]?.finish();
    assert.deepEqual(await read, { correlationId: first, name: 'p1' });
    assert.deepEqual(await nextAnswer(conn, true), { correlationId: second, name: 'p2' });
  } finally {
    conn.close();
  }
});

test('a request after a produce runs while the produce waits; other requests stay one at a time', async () => {
  const { started, dispatcher } = heldRoutes();
  const conn = await RawConnection.connect(await listen(dispatcher));
  try {
    const produce = conn.sendRequest(ProduceApi, 9, produceBody('p1'));
    const v1 = conn.sendRequest(ApiVersionsApi, 0, ApiVersionsApi.request.empty());
    const v2 = conn.sendRequest(ApiVersionsApi, 0, ApiVersionsApi.request.empty());
    await waitFor(() => started.length === 2, { what: 'the produce and the first ApiVersions started' });
    assert.deepEqual(started.map((h) => h.name), ['p1', 'api-versions']);
    // The second ApiVersions waits for the first to finish, as every non-produce request does.
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(started.length, 2);
    started[1]?.finish();
    await waitFor(() => started.length === 3, { what: 'the second ApiVersions started after the first finished' });
    started[2]?.finish();
    started[0]?.finish();
    assert.equal((await nextAnswer(conn, true)).correlationId, produce);
    assert.equal((await nextAnswer(conn, false)).correlationId, v1);
    assert.equal((await nextAnswer(conn, false)).correlationId, v2);
  } finally {
    conn.close();
  }
});

test(`at most ${MAX_OVERLAPPING_PRODUCES} produces wait at once; the one past the cap waits for the last admitted produce to finish`, async () => {
  const { started, dispatcher } = heldRoutes();
  const conn = await RawConnection.connect(await listen(dispatcher));
  try {
    const ids: number[] = [];
    for (let i = 0; i <= MAX_OVERLAPPING_PRODUCES + 1; i++) ids.push(conn.sendRequest(ProduceApi, 9, produceBody(`p${i}`)));
    // The cap's own request starts too (it is run, not overlapped); the one after it waits.
    await waitFor(() => started.length === MAX_OVERLAPPING_PRODUCES + 1, { what: 'the produces up to the cap started' });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(started.length, MAX_OVERLAPPING_PRODUCES + 1);
    started[0]?.finish();
    assert.equal((await nextAnswer(conn, true)).correlationId, ids[0]);
    await new Promise((resolve) => setImmediate(resolve));
    // Still held: the cap's own request has not finished, so the last one waits for it.
    assert.equal(started.length, MAX_OVERLAPPING_PRODUCES + 1);
    for (const h of started.slice(1)) h.finish();
    await waitFor(() => started.length === MAX_OVERLAPPING_PRODUCES + 2, { what: 'the last produce started' });
    started[MAX_OVERLAPPING_PRODUCES + 1]?.finish();
    for (const id of ids.slice(1)) assert.equal((await nextAnswer(conn, true)).correlationId, id);
  } finally {
    conn.close();
  }
});

test('a malformed request after a waiting produce closes the connection once the produce is answered', async () => {
  const { started, dispatcher } = heldRoutes();
  const conn = await RawConnection.connect(await listen(dispatcher));
  try {
    const produce = conn.sendRequest(ProduceApi, 9, produceBody('p1'));
    // API key 999 is served by no route.
    const bad = Buffer.alloc(12);
    bad.writeInt32BE(8, 0);
    bad.writeInt16BE(999, 4);
    conn.write(bad);
    await waitFor(() => started.length === 1, { what: 'the produce started' });
    started[0]?.finish();
    assert.equal((await nextAnswer(conn, true)).correlationId, produce);
    await conn.closed;
  } finally {
    conn.close();
  }
});

test('past its queued-bytes bound a connection stops reading until answers go out, then reads the rest', async () => {
  const { started, dispatcher } = heldRoutes();
  let serverSide: net.Socket | undefined;
  const maxQueued = 64 * 1024;
  const conn = await RawConnection.connect(await listen(dispatcher, maxQueued, (socket) => (serverSide = socket)));
  try {
    // 40 produces of about 32 KB each (a long topic name pads them): 1.3 MB, far past the bound.
    const ids: number[] = [];
    for (let i = 0; i < 40; i++) ids.push(conn.sendRequest(ProduceApi, 9, produceBody(`p${i}-`.padEnd(32_000, 'x'))));
    await waitFor(() => serverSide?.isPaused() === true, { what: 'the broker to stop reading the socket' });
    // What was read stops near the bound (plus one socket read), not at the 1.3 MB the client sent,
    // and fewer produces started than the overlap cap would allow.
    await new Promise((resolve) => setImmediate(resolve));
    const readWhilePaused = serverSide?.bytesRead ?? 0;
    assert.ok(readWhilePaused < 1_000_000, `read ${readWhilePaused} bytes while over the bound`);
    assert.ok(started.length < MAX_OVERLAPPING_PRODUCES, `${started.length} produces started`);
    // Answering lets it read on; every request is answered, in order.
    const finishAll = setInterval(() => {
      for (const h of started) h.finish();
    }, 1);
    try {
      for (const id of ids) assert.equal((await nextAnswer(conn, true)).correlationId, id);
    } finally {
      clearInterval(finishAll);
    }
    assert.equal(started.length, 40);
    assert.equal(serverSide?.isPaused(), false);
  } finally {
    conn.close();
  }
});
