// A kafkajs group member in its own process, so a test can crash it with SIGKILL (no LeaveGroup, no
// final commit). Prints "ready", then "M <partition> <offset>" per record and "A <json partitions>" per join.
// Arguments: bootstrap topic groupId sessionTimeoutMs
import { kafkajsClient } from './support/clients.js';

async function main(): Promise<void> {
  const [bootstrap, topic, groupId, sessionTimeout] = process.argv.slice(2);
  if (bootstrap === undefined || topic === undefined || groupId === undefined || sessionTimeout === undefined) {
    throw new Error('usage: groupsConsumerChild bootstrap topic groupId sessionTimeoutMs');
  }
  const consumer = kafkajsClient(bootstrap).consumer({
    groupId,
    sessionTimeout: Number(sessionTimeout),
    heartbeatInterval: 200,
    rebalanceTimeout: 10_000,
    maxWaitTimeInMs: 200,
  });
  consumer.on(consumer.events.GROUP_JOIN, (event) => {
    process.stdout.write(`A ${JSON.stringify(event.payload.memberAssignment[topic] ?? [])}\n`);
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ partition, message }) => {
      process.stdout.write(`M ${partition} ${message.offset}\n`);
      return Promise.resolve();
    },
  });
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
