// The Kafka clients one connection to a cluster needs (admin for metadata and topics, a producer),
// created lazily for one bootstrap list and closed together.

import { Admin, Producer, compatibilityPartitioner } from '@platformatic/kafka';

const CLIENT_ID = 'kafka-workbench';

export class KafkaClients {
  private adminClient: Admin | undefined;
  private producerClient: Producer | undefined;

  constructor(readonly bootstrapBrokers: readonly string[]) {}

  admin(): Admin {
    this.adminClient ??= new Admin({
      clientId: `${CLIENT_ID}-admin`,
      bootstrapBrokers: [...this.bootstrapBrokers],
      retries: 2,
      retryDelay: 250,
    });
    return this.adminClient;
  }

  producer(): Producer {
    this.producerClient ??= new Producer({
      clientId: `${CLIENT_ID}-producer`,
      bootstrapBrokers: [...this.bootstrapBrokers],
      // Java's default partitioner, so "by key" sends a key where any Kafka client would.
      partitioner: compatibilityPartitioner,
      idempotent: false,
      acks: -1,
      retries: 2,
      retryDelay: 250,
    });
    return this.producerClient;
  }

  async close(): Promise<void> {
    const closing: Promise<void>[] = [];
    if (this.adminClient !== undefined) {
      closing.push(this.adminClient.close());
    }
    if (this.producerClient !== undefined) {
      closing.push(this.producerClient.close());
    }
    this.adminClient = undefined;
    this.producerClient = undefined;
    await Promise.allSettled(closing);
  }
}
