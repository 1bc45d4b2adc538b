// The in-memory partition store passes the same contract suite as the sql.js store.

import { InMemoryPartitionStore } from '../../../../broker/storage/inMemoryPartitionStore.js';
import { partitionStoreContract } from './partitionStoreContract.js';

partitionStoreContract('in-memory store', {
  open: ({ segmentBytes }) => Promise.resolve(new InMemoryPartitionStore(segmentBytes)),
});
