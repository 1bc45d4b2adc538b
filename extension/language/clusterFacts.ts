// Answers the language server's cluster facts request from the connected cluster: topic and group
// names, auto.create.topics.enable, and one topic's partitions and offsets.

import type { Admin } from '@platformatic/kafka';
import type { ClusterFacts, ClusterFactsParams, TopicFacts } from '../../language/protocol.js';
import { describeTopics } from '../kafka/topicCatalog.js';

const BROKER_RESOURCE = 4;
export const NOT_CONNECTED: ClusterFacts = { connected: false, topics: [], groups: [], autoCreateTopics: undefined };

async function autoCreateTopics(admin: Admin): Promise<boolean | undefined> {
  const metadata = await admin.metadata({ topics: [] });
  const brokerId = [...metadata.brokers.keys()][0];
  if (brokerId === undefined) {
    return undefined;
  }
  const described = await admin.describeConfigs({
    resources: [{ resourceType: BROKER_RESOURCE, resourceName: String(brokerId), configurationKeys: ['auto.create.topics.enable'] }],
  });
  const value = described[0]?.configs.find((config) => config.name === 'auto.create.topics.enable')?.value;
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

async function topicFacts(admin: Admin, name: string): Promise<TopicFacts | undefined> {
  const topic = (await describeTopics(admin)).find((candidate) => candidate.name === name);
  if (topic === undefined) {
    return undefined;
  }
  return {
    name,
    partitions: topic.partitions.map((partition) => ({
      partition: partition.partition,
      leader: partition.leader,
      earliestOffset: partition.earliestOffset?.toString(),
      latestOffset: partition.latestOffset?.toString(),
    })),
  };
}

/** Each part fails on its own: a broker that cannot describe configs still yields topic names. */
export async function readClusterFacts(admin: Admin, params: ClusterFactsParams): Promise<ClusterFacts> {
  const [topics, groups, autoCreate, topic] = await Promise.all([
    admin.listTopics({ includeInternals: false }).then((names) => names.filter((name) => !name.startsWith('__')).sort()),
    admin.listGroups().then((listed) => [...listed.keys()].sort(), () => [] as string[]),
    autoCreateTopics(admin).catch(() => undefined),
    params.topic === undefined ? Promise.resolve(undefined) : topicFacts(admin, params.topic).catch(() => undefined),
  ]);
  return { connected: true, topics, groups, autoCreateTopics: autoCreate, ...(topic === undefined ? {} : { topic }) };
}
