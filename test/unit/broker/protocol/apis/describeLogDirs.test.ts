import { DescribeLogDirsApi } from '../../../../../broker/protocol/apis/describeLogDirs.js';
import { at, testAllVersions } from '../roundTrip.js';

testAllVersions(DescribeLogDirsApi, {
  request: () => ({ topics: [{ topic: 'orders', partitions: [0, 1] }] }),
  response: (v) => ({
    throttleTimeMs: 5,
    errorCode: at(v, 3, 31, 0),
    results: [{
      errorCode: 57,
      logDir: '/data/kafka',
      topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, partitionSize: 1024n, offsetLag: 3n, isFutureKey: true }] }],
      totalBytes: at(v, 4, 1000000000n, -1n),
      usableBytes: at(v, 4, 500000000n, -1n),
    }],
  }),
});
