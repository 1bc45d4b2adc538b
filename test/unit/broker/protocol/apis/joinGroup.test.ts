import { JoinGroupApi } from '../../../../../broker/protocol/apis/joinGroup.js';
import { at, testAllVersions } from '../roundTrip.js';

testAllVersions(JoinGroupApi, {
  request: (v) => ({
    groupId: 'group-a',
    sessionTimeoutMs: 10000,
    rebalanceTimeoutMs: at(v, 1, 30000, -1),
    memberId: 'member-1',
    groupInstanceId: at(v, 5, 'instance-1', null),
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: Buffer.from([0, 1, 2]) }, { name: 'roundrobin', metadata: Buffer.alloc(0) }],
    reason: at(v, 8, 'rejoining', null),
  }),
  response: (v) => ({
    throttleTimeMs: at(v, 2, 5, 0),
    errorCode: 79,
    generationId: 4,
    protocolType: at(v, 7, 'consumer', null),
    protocolName: 'range',
    leader: 'member-1',
    skipAssignment: at(v, 9, true, false),
    memberId: 'member-2',
    members: [{ memberId: 'member-1', groupInstanceId: at(v, 5, 'instance-1', null), metadata: Buffer.from([5, 6]) }],
  }),
});
