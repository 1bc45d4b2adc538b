import { ListGroupsApi } from '../../../../../broker/protocol/apis/listGroups.js';
import { at, testAllVersions } from '../roundTrip.js';

testAllVersions(ListGroupsApi, {
  request: (v) => ({ statesFilter: at(v, 4, ['Stable', 'Empty'], []), typesFilter: at(v, 5, ['classic'], []) }),
  response: (v) => ({
    throttleTimeMs: at(v, 1, 5, 0),
    errorCode: 15,
    groups: [{ groupId: 'group-a', protocolType: 'consumer', groupState: at(v, 4, 'Stable', ''), groupType: at(v, 5, 'classic', '') }],
  }),
});
