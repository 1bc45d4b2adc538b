// The fixture protocol-level compat tests share: one real cluster for the file, a RawConnection to
// its first broker, and topics made with a raw CreateTopics request whose failure fails the test.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { CreateTopicsApi, type CreateTopicsResponse } from '../../../broker/protocol/apis/createTopics.js';
import { ErrorCode } from '../../../broker/protocol/errors.js';
import { startCluster, type ClusterOptions, type TestCluster } from '../../support/cluster.js';
import { RawConnection } from './rawConnection.js';

export interface RawCluster {
  /** Valid inside tests (set by the `before` hook this fixture registers). */
  readonly cluster: TestCluster;
  readonly conn: RawConnection;
  /** Stops the cluster and starts it again on the same data directory, with a fresh connection. */
  restart(): Promise<void>;
}

/** Registers before/after hooks in the calling scope (file or describe) that start and stop the cluster. */
export function useRawCluster(options: ClusterOptions = {}): RawCluster {
  let cluster: TestCluster | undefined;
  let conn: RawConnection | undefined;
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${what} is used before the fixture's before hook ran`);
    return value;
  };
  before(async () => {
    cluster = await startCluster(options);
    conn = await RawConnection.connect(cluster.port);
  });
  after(async () => {
    conn?.close();
    await cluster?.stop();
  });
  return {
    get cluster() {
      return started(cluster, 'cluster');
    },
    get conn() {
      return started(conn, 'connection');
    },
    async restart() {
      const previous = started(cluster, 'cluster');
      conn?.close();
      await previous.stop();
      cluster = await startCluster({ ...options, dataDir: previous.dataDir });
      conn = await RawConnection.connect(cluster.port);
    },
  };
}

export interface RawTopicSpec {
  readonly partitions?: number;
  readonly configs?: ReadonlyArray<{ name: string; value: string | null }>;
  readonly validateOnly?: boolean;
  /** CreateTopics version; 7 (the first with topic ids) when absent. */
  readonly version?: number;
}

type CreatedTopic = CreateTopicsResponse['topics'][number];

/** Sends one CreateTopics request (RF 1) and returns the broker's answer for the topic, whatever it says. */
export async function requestTopic(conn: RawConnection, name: string, spec: RawTopicSpec = {}): Promise<CreatedTopic> {
  const template = CreateTopicsApi.request.empty();
  const res = await conn.request(CreateTopicsApi, spec.version ?? 7, {
    ...template,
    topics: [{ name, numPartitions: spec.partitions ?? 1, replicationFactor: 1, assignments: [], configs: [...(spec.configs ?? [])] }],
    timeoutMs: 10_000,
    validateOnly: spec.validateOnly ?? false,
  });
  const topic = res.topics[0];
  assert.ok(topic !== undefined, `CreateTopics answered nothing for ${name}`);
  return topic;
}

/** Creates a topic and fails the test unless the broker says NONE; returns the broker's answer (topic id, configs). */
export async function createTopicRaw(conn: RawConnection, name: string, spec: RawTopicSpec = {}): Promise<CreatedTopic> {
  const topic = await requestTopic(conn, name, spec);
  assert.equal(topic.errorCode, ErrorCode.NONE, topic.errorMessage ?? `creating ${name}`);
  return topic;
}
