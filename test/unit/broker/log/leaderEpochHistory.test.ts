// Leader epoch end offsets, following Kafka's LeaderEpochFileCache.endOffsetFor.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LeaderEpochHistory } from '../../../../broker/log/leaderEpochHistory.js';

test('end offsets of current, older, missing and future epochs', () => {
  const h = new LeaderEpochHistory();
  h.assign(1, 0n);
  h.assign(1, 5n);
  h.assign(3, 10n);
  h.assign(2, 12n); // older than the last: ignored
  assert.deepEqual(h.entries, [{ epoch: 1, startOffset: 0n }, { epoch: 3, startOffset: 10n }]);
  assert.deepEqual(h.endOffsetFor(3, 3, 20n), { epoch: 3, endOffset: 20n });
  assert.deepEqual(h.endOffsetFor(1, 3, 20n), { epoch: 1, endOffset: 10n });
  assert.deepEqual(h.endOffsetFor(2, 3, 20n), { epoch: 1, endOffset: 10n });
  assert.deepEqual(h.endOffsetFor(0, 3, 20n), { epoch: 0, endOffset: 0n });
  assert.deepEqual(h.endOffsetFor(4, 3, 20n), { epoch: -1, endOffset: -1n });
  // A leader whose epoch has not written yet: that epoch began at the log end.
  assert.deepEqual(h.endOffsetFor(3, 5, 20n), { epoch: 3, endOffset: 20n });
  assert.deepEqual(h.endOffsetFor(5, 5, 20n), { epoch: 5, endOffset: 20n });
});
