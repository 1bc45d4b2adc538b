// OffsetDelete: drops a group's committed offsets for some partitions, unless its members consume them.

import type { GroupCoordinator } from '../../group/groupCoordinator.js';
import { OffsetDeleteApi } from '../../protocol/apis/offsetDelete.js';
import { route, type Route } from '../route.js';

export function offsetDeleteRoute(groups: GroupCoordinator): Route {
  return route(OffsetDeleteApi, async (request) => {
    const result = await groups.deleteOffsets(
      request.groupId,
      request.topics.flatMap((t) => t.partitions.map((p) => ({ topic: t.name, partition: p.partitionIndex }))),
    );
    const byTopic = new Map<string, Array<{ partitionIndex: number; errorCode: number }>>();
    for (const p of result.partitions) {
      const list = byTopic.get(p.topic) ?? [];
      list.push({ partitionIndex: p.partition, errorCode: p.errorCode });
      byTopic.set(p.topic, list);
    }
    return { errorCode: result.errorCode, throttleTimeMs: 0, topics: [...byTopic].map(([name, partitions]) => ({ name, partitions })) };
  });
}
