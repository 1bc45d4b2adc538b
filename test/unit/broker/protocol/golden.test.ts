// Golden bytes: every request a real client sent (kafkajs, kcat/librdkafka, @platformatic/kafka) and every
// response our broker sent back, as captured by test/tools/captureGolden.ts, decodes with the API's
// schema and re-encodes to the same bytes, header included.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ALL_APIS } from '../../../../broker/protocol/apiTable.js';
import { readRequestHeader, readResponseHeader, writeRequestHeader, writeResponseHeader } from '../../../../broker/protocol/header.js';
import { Reader } from '../../../../broker/protocol/reader.js';
import { isFlexible } from '../../../../broker/protocol/schema.js';
import { Writer } from '../../../../broker/protocol/writer.js';
import { repoRoot } from '../../../support/repoRoot.js';
import { roundTripBytes } from './roundTrip.js';

const GOLDEN_ROOT = join(repoRoot, 'test', 'fixtures', 'golden');
const FIXTURE_NAME = /^([A-Za-z]+)-v(\d+)-(request|response)\.hex$/;

function readHex(path: string): Buffer {
  const hex = readFileSync(path, 'utf8').replace(/\s+/g, '');
  assert.match(hex, /^([0-9a-f]{2})*$/, `${path} holds hex digits`);
  return Buffer.from(hex, 'hex');
}

const clients = readdirSync(GOLDEN_ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

test('there are golden fixtures for kafkajs, kcat and platformatic', () => {
  assert.deepEqual(clients, ['kafkajs', 'kcat', 'platformatic']);
});

for (const client of clients) {
  describe(`golden bytes from ${client}`, () => {
    const dir = join(GOLDEN_ROOT, client);
    for (const file of readdirSync(dir).sort()) {
      const match = FIXTURE_NAME.exec(file);
      test(file, () => {
        assert.ok(match, `${file} is named <Api>-v<version>-<request|response>.hex`);
        const [, apiName, versionText, side] = match;
        const api = ALL_APIS.find((a) => a.name === apiName);
        assert.ok(api, `${apiName} is in the API table`);
        const version = Number(versionText);
        assert.ok(version >= api.minVersion && version <= api.maxVersion, `v${version} is served (${api.minVersion}-${api.maxVersion})`);
        const flexible = isFlexible(api, version);
        const frame = readHex(join(dir, file));
        const r = new Reader(frame);
        const header = new Writer();
        if (side === 'request') {
          const decoded = readRequestHeader(r, flexible);
          assert.equal(decoded.apiKey, api.key);
          assert.equal(decoded.apiVersion, version);
          writeRequestHeader(header, decoded, flexible);
        } else {
          writeResponseHeader(header, readResponseHeader(r, api.key, flexible), api.key, flexible);
        }
        assert.equal(header.toBuffer().toString('hex'), frame.subarray(0, r.offset).toString('hex'), 'the header re-encodes to the same bytes');
        roundTripBytes(api, version, side === 'request' ? 'request' : 'response', frame.subarray(r.offset));
      });
    }
  });
}
