// Producer ids are unique across restarts (blocks reserved on disk) and across nodes (disjoint ranges).

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PRODUCER_ID_BLOCK_SIZE, ProducerIdManager } from '../../../../broker/log/producerIdManager.js';
import { tempDir } from '../../../support/tempDir.js';

test('ids never repeat across restarts, even past a block boundary', () => {
  const dir = tempDir('pid');
  const seen = new Set<bigint>();
  for (let restart = 0; restart < 3; restart++) {
    const ids = new ProducerIdManager(dir, 1);
    for (let i = 0; i < Number(PRODUCER_ID_BLOCK_SIZE) + 5; i++) {
      const id = ids.nextProducerId();
      assert.ok(!seen.has(id), `id ${id} handed out twice`);
      seen.add(id);
    }
  }
  assert.ok(fs.existsSync(path.join(dir, 'producer-id-block')));
});

test('two nodes hand out disjoint ids', () => {
  const a = new ProducerIdManager(tempDir('pid-a'), 1).nextProducerId();
  const b = new ProducerIdManager(tempDir('pid-b'), 2).nextProducerId();
  assert.notEqual(a, b);
  assert.ok(a >= 0n && b >= 0n);
});

test('a corrupt reservation file is refused, not silently reset', () => {
  const dir = tempDir('pid-bad');
  fs.writeFileSync(path.join(dir, 'producer-id-block'), 'garbage');
  assert.throws(() => new ProducerIdManager(dir, 1), /does not hold a producer id/);
});
