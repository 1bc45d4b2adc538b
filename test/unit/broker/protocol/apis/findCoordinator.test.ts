import { FindCoordinatorApi } from '../../../../../broker/protocol/apis/findCoordinator.js';
import { at, testAllVersions } from '../roundTrip.js';

testAllVersions(FindCoordinatorApi, {
  request: (v) => ({
    key: at(v, 0, 'group-a', '', 3),
    keyType: at(v, 1, 1, 0),
    coordinatorKeys: at(v, 4, ['group-a', 'group-b'], []),
  }),
  response: (v) => ({
    throttleTimeMs: at(v, 1, 5, 0),
    errorCode: at(v, 0, 15, 0, 3),
    errorMessage: at(v, 1, 'loading', null, 3),
    nodeId: at(v, 0, 2, 0, 3),
    host: at(v, 0, '127.0.0.1', '', 3),
    port: at(v, 0, 9093, 0, 3),
    coordinators: at(v, 4, [
      { key: 'group-a', nodeId: 2, host: '127.0.0.1', port: 9093, errorCode: 0, errorMessage: null },
      { key: 'group-b', nodeId: -1, host: '', port: -1, errorCode: 15, errorMessage: 'not yet' },
    ], []),
  }),
});
