import { HeartbeatApi } from '../../../../../broker/protocol/apis/heartbeat.js';
import { at, testAllVersions } from '../roundTrip.js';

testAllVersions(HeartbeatApi, {
  request: (v) => ({ groupId: 'group-a', generationId: 4, memberId: 'member-1', groupInstanceId: at(v, 3, 'instance-1', null) }),
  response: (v) => ({ throttleTimeMs: at(v, 1, 5, 0), errorCode: 27 }),
});
