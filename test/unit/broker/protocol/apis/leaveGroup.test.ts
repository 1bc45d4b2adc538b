import { LeaveGroupApi } from '../../../../../broker/protocol/apis/leaveGroup.js';
import { at, testAllVersions } from '../roundTrip.js';

testAllVersions(LeaveGroupApi, {
  request: (v) => ({
    groupId: 'group-a',
    memberId: at(v, 0, 'member-1', '', 2),
    members: at(v, 3, [{ memberId: 'member-1', groupInstanceId: 'instance-1', reason: at(v, 5, 'shutting down', null) }], []),
  }),
  response: (v) => ({
    throttleTimeMs: at(v, 1, 5, 0),
    errorCode: 25,
    members: at(v, 3, [{ memberId: 'member-1', groupInstanceId: null, errorCode: 25 }], []),
  }),
});
