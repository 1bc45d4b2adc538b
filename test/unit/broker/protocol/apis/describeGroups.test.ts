import { DescribeGroupsApi } from '../../../../../broker/protocol/apis/describeGroups.js';
import { at, testAllVersions } from '../roundTrip.js';
import { OPS_OMITTED } from './sampleValues.js';

testAllVersions(DescribeGroupsApi, {
  request: (v) => ({ groups: ['group-a', 'group-b'], includeAuthorizedOperations: at(v, 3, true, false) }),
  response: (v) => ({
    throttleTimeMs: at(v, 1, 5, 0),
    groups: [{
      errorCode: 69,
      groupId: 'group-a',
      groupState: 'Stable',
      protocolType: 'consumer',
      protocolData: 'range',
      members: [{
        memberId: 'member-1',
        groupInstanceId: at(v, 4, 'instance-1', null),
        clientId: 'client-1',
        clientHost: '/127.0.0.1',
        memberMetadata: Buffer.from([1]),
        memberAssignment: Buffer.from([2, 3]),
      }],
      authorizedOperations: at(v, 3, 0x1f, OPS_OMITTED),
    }],
  }),
});
