// The sql.js partition store, on real files in fresh temp dirs, against the shared contract suite.

import { after } from 'node:test';
import type { Logger } from '../../../../broker/logger.js';
import { ActiveMemoryBudget } from '../../../../broker/storage/activeMemoryBudget.js';
import { openPartitionStore, type PartitionStore } from '../../../../broker/storage/partitionStore.js';
import { SegmentCache } from '../../../../broker/storage/segmentCache.js';
import { tempDir } from '../../../support/tempDir.js';
import { partitionStoreContract } from './partitionStoreContract.js';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const opened: PartitionStore[] = [];
after(async () => {
  for (const s of opened) await s.close();
});

partitionStoreContract('sql.js store', {
  open: async ({ segmentBytes }) => {
    const store = await openPartitionStore(
      tempDir('contract'),
      { segmentCache: new SegmentCache(), activeMemory: new ActiveMemoryBudget(), ...(segmentBytes !== undefined ? { segmentBytes } : {}) },
      quiet,
    );
    opened.push(store);
    return store;
  },
});
