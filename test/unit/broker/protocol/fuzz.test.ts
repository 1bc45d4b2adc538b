// Fuzzing the sans-io request path in process: random frames and mutated real frames of every API and
// version go through the Dispatcher (stub handlers answering empty responses). It must never throw anything
// but ProtocolDecodeError, never hang, and not grow the heap. Seeded: prints its seed, takes KW_FUZZ_SEED.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { ALL_APIS, type AnyApiSchema } from '../../../../broker/protocol/apiTable.js';
import { FetchApi } from '../../../../broker/protocol/apis/fetch.js';
import { ProduceApi } from '../../../../broker/protocol/apis/produce.js';
import { writeRequestHeader } from '../../../../broker/protocol/header.js';
import { ProtocolDecodeError } from '../../../../broker/protocol/reader.js';
import { isFlexible } from '../../../../broker/protocol/schema.js';
import { Writer } from '../../../../broker/protocol/writer.js';
import { encodeBatch } from '../../../../broker/records/records.js';
import { Dispatcher } from '../../../../broker/server/dispatcher.js';
import { route } from '../../../../broker/server/route.js';
import { mulberry32, seedFromEnv } from '../../../support/seededRandom.js';

const RANDOM_FRAMES = 100_000;
const MUTATIONS_PER_REAL_FRAME = 60;
/** Heap growth allowed across the whole run, after a full GC: the decoder must not retain frames. */
const HEAP_GROWTH_BOUND_BYTES = 32 * 1024 * 1024;

function forceGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/** The body of a request frame (header + request), without the size prefix the Dispatcher never sees. */
function requestBody(api: AnyApiSchema, version: number, body: unknown): Buffer {
  const flexible = isFlexible(api, version);
  const w = new Writer();
  writeRequestHeader(w, { apiKey: api.key, apiVersion: version, correlationId: 7, clientId: 'fuzz' }, flexible);
  api.request.write(w, body, version, flexible);
  return Buffer.concat(w.toFrame()).subarray(4);
}

function realFrames(): Buffer[] {
  const frames: Buffer[] = [];
  for (const api of ALL_APIS) {
    for (let v = api.minVersion; v <= api.maxVersion; v++) frames.push(requestBody(api, v, api.request.empty()));
  }
  // A few with real content, so mutations reach nested arrays, records and tagged fields.
  const batch = encodeBatch({ records: [{ key: 'k', value: 'v', headers: [{ key: 'h', value: 'x' }] }] });
  for (let v = ProduceApi.minVersion; v <= ProduceApi.maxVersion; v++) {
    frames.push(requestBody(ProduceApi, v, {
      transactionalId: null, acks: -1, timeoutMs: 1000, topicData: [{ name: 'topic', partitionData: [{ index: 0, records: batch }] }],
    }));
  }
  const emptyFetch = FetchApi.request.empty();
  for (let v = FetchApi.minVersion; v <= FetchApi.maxVersion; v++) {
    frames.push(requestBody(FetchApi, v, {
      ...emptyFetch,
      sessionEpoch: 0,
      topics: [{ topic: 'topic', topicId: '0123456789abcdef0123456789abcdef', partitions: [{
        partition: 0, currentLeaderEpoch: 1, fetchOffset: 5n, lastFetchedEpoch: 1, logStartOffset: 0n, partitionMaxBytes: 1000,
        replicaDirectoryId: '0123456789abcdef0123456789abcdef',
      }] }],
      forgottenTopicsData: [{ topic: 'gone', topicId: 'fedcba9876543210fedcba9876543210', partitions: [1, 2] }],
      rackId: 'rack',
    }));
  }
  return frames;
}

function mutate(frame: Buffer, rand: () => number): Buffer {
  const out = Buffer.from(frame);
  const byte = (): number => Math.floor(rand() * 256);
  switch (Math.floor(rand() * 6)) {
    case 0: // flip a few bytes past the api key and version, so the frame still reaches a decoder
      for (let i = 0, n = 1 + Math.floor(rand() * 4); i < n && out.length > 4; i++) out[4 + Math.floor(rand() * (out.length - 4))] = byte();
      return out;
    case 1: // truncate
      return out.subarray(0, Math.floor(rand() * out.length));
    case 2: // trailing garbage
      return Buffer.concat([out, Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 16) }, byte))]);
    case 3: { // a huge or negative length/count somewhere
      if (out.length < 12) return out;
      const at = 8 + Math.floor(rand() * (out.length - 11));
      out.writeInt32BE([-1, -2, 0x7fffffff, 0x10000000, 1 << 20][Math.floor(rand() * 5)] ?? -1, at);
      return out;
    }
    case 4: { // invalid UTF-8 in place of some bytes
      if (out.length < 10) return out;
      const at = 8 + Math.floor(rand() * (out.length - 9));
      out[at] = 0xc3;
      out[at + 1] = 0x28;
      return out;
    }
    default: // a varint that never ends (flexible versions)
      if (out.length < 10) return out;
      out.fill(0xff, 8 + Math.floor(rand() * (out.length - 9)), Math.min(out.length, 8 + Math.floor(rand() * (out.length - 9)) + 12));
      return out;
  }
}

function randomFrame(rand: () => number): Buffer {
  const length = Math.floor(rand() * (rand() < 0.9 ? 64 : 2048));
  const frame = Buffer.alloc(length);
  for (let i = 0; i < length; i++) frame[i] = Math.floor(rand() * 256);
  // Most random frames name a real API and version, so they get past the header into a decoder.
  const api = ALL_APIS[Math.floor(rand() * ALL_APIS.length)];
  if (api && length >= 4 && rand() < 0.8) {
    frame.writeInt16BE(api.key, 0);
    frame.writeInt16BE(api.minVersion + Math.floor(rand() * (api.maxVersion - api.minVersion + 1)), 2);
  }
  return frame;
}

test('the request decoder survives random and mutated frames', { timeout: 120_000 }, async (t) => {
  const seed = seedFromEnv('KW_FUZZ_SEED', 'fuzz');
  t.diagnostic(`fuzz seed ${seed} (rerun with KW_FUZZ_SEED=${seed})`);
  const rand = mulberry32(seed);
  const dispatcher = new Dispatcher(ALL_APIS.map((api) => route(api, () => api.response.empty())));
  const gc = forceGc();
  gc();
  const heapBefore = process.memoryUsage().heapUsed;

  let decoded = 0;
  let refused = 0;
  const run = async (frame: Buffer, what: string): Promise<void> => {
    try {
      await dispatcher.dispatch(frame, 'fuzz:1');
      decoded++;
    } catch (err) {
      if (err instanceof ProtocolDecodeError) {
        refused++;
        return;
      }
      assert.fail(`${what} (seed ${seed}) threw ${String(err)}: ${frame.toString('hex').slice(0, 400)}`);
    }
  };

  for (let i = 0; i < RANDOM_FRAMES; i++) await run(randomFrame(rand), `random frame #${i}`);
  const real = realFrames();
  for (const frame of real) {
    await run(frame, 'unmutated real frame');
    for (let m = 0; m < MUTATIONS_PER_REAL_FRAME; m++) await run(mutate(frame, rand), 'mutated real frame');
  }

  gc();
  const growth = process.memoryUsage().heapUsed - heapBefore;
  t.diagnostic(`${decoded} frames answered, ${refused} refused with ProtocolDecodeError, heap growth ${Math.round(growth / 1024)} KiB`);
  assert.ok(decoded + refused >= RANDOM_FRAMES + real.length * MUTATIONS_PER_REAL_FRAME);
  assert.ok(decoded > real.length, 'valid frames are answered, not refused');
  assert.ok(growth < HEAP_GROWTH_BOUND_BYTES, `heap grew by ${growth} bytes after GC (bound ${HEAP_GROWTH_BOUND_BYTES})`);
});
