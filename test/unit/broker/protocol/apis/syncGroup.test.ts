import { SyncGroupApi } from '../../../../../broker/protocol/apis/syncGroup.js';
import { at, testAllVersions } from '../roundTrip.js';

testAllVersions(SyncGroupApi, {
  request: (v) => ({
    groupId: 'group-a',
    generationId: 4,
    memberId: 'member-1',
    groupInstanceId: at(v, 3, 'instance-1', null),
    protocolType: at(v, 5, 'consumer', null),
    protocolName: at(v, 5, 'range', null),
    assignments: [{ memberId: 'member-1', assignment: Buffer.from([1, 2, 3]) }],
  }),
  response: (v) => ({
    throttleTimeMs: at(v, 1, 5, 0),
    errorCode: 27,
    protocolType: at(v, 5, 'consumer', null),
    protocolName: at(v, 5, 'range', null),
    assignment: Buffer.from([9, 8]),
  }),
});
