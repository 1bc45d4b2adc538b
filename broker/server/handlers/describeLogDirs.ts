// DescribeLogDirs: this broker's one log directory (its data dir) with the size of each partition it
// hosts, and (v4+) the file system's total and usable bytes.

import * as fs from 'node:fs';
import { DescribeLogDirsApi, type DescribeLogDirsResponse } from '../../protocol/apis/describeLogDirs.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { BrokerServices } from '../brokerServices.js';
import { route, type Route } from '../route.js';

type LogDirTopic = DescribeLogDirsResponse['results'][number]['topics'][number];

function diskSpace(dir: string): { totalBytes: bigint; usableBytes: bigint } {
  try {
    const s = fs.statfsSync(dir, { bigint: true });
    return { totalBytes: s.blocks * s.bsize, usableBytes: s.bavail * s.bsize };
  } catch {
    return { totalBytes: -1n, usableBytes: -1n };
  }
}

export function describeLogDirsRoute(services: BrokerServices): Route {
  return route(DescribeLogDirsApi, (request) => {
    const image = services.metadata();
    const wanted = request.topics === null ? null : new Map(request.topics.map((t) => [t.topic, new Set(t.partitions)]));
    const topics: LogDirTopic[] = [];
    for (const topic of image.topics) {
      const partitionsWanted = wanted?.get(topic.name);
      if (wanted !== null && partitionsWanted === undefined) continue;
      const partitions: LogDirTopic['partitions'] = [];
      for (const p of topic.partitions) {
        if (partitionsWanted !== undefined && !partitionsWanted.has(p.partition)) continue;
        const hosted = services.replicas.partition(topic.name, p.partition);
        if (!hosted) continue;
        partitions.push({ partitionIndex: p.partition, partitionSize: BigInt(hosted.log.sizeBytes()), offsetLag: 0n, isFutureKey: false });
      }
      if (partitions.length > 0) topics.push({ name: topic.name, partitions });
    }
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      results: [{ errorCode: ErrorCode.NONE, logDir: services.config.dataDir, topics, ...diskSpace(services.config.dataDir) }],
    };
  });
}
