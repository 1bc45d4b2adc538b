import { DeleteGroupsApi } from '../../../../../broker/protocol/apis/deleteGroups.js';
import { testAllVersions } from '../roundTrip.js';

testAllVersions(DeleteGroupsApi, {
  request: () => ({ groupsNames: ['group-a', 'group-b'] }),
  response: () => ({ throttleTimeMs: 5, results: [{ groupId: 'group-a', errorCode: 68 }, { groupId: 'group-b', errorCode: 69 }] }),
});
