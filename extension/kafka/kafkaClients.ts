// The Kafka clients one connection to a cluster needs (admin for metadata and topics, a producer),
// created lazily for one bootstrap list and closed together.

import { Admin, Producer, compatibilityPartitioner } from '@platformatic/kafka';
import type { ClientConnectionOptions } from '../connections/connectionConfig.js';
import { enableZstd } from './zstdCodec.js';

const CLIENT_ID = 'kafka-workbench';

export class KafkaClients {
  private adminClient: Admin | undefined;
  private producerClient: Producer | undefined;

  /**
   * `connection`: SASL, TLS and connect timeout of the cluster; every other client of the same cluster
   * (the tail, .kafka consumers) must use it too.
   */
  constructor(
    readonly bootstrapBrokers: readonly string[],
    readonly connection: Partial<ClientConnectionOptions> = {},
  ) {}

  admin(): Admin {
    this.adminClient ??= new Admin({
      ...this.connection,
      clientId: `${CLIENT_ID}-admin`,
      bootstrapBrokers: [...this.bootstrapBrokers],
      retries: 2,
      retryDelay: 250,
    });
    return this.adminClient;
  }

  producer(): Producer {
    // Start loading the zstd compressor now so a zstd send finds it ready; a load failure is
    // reported where compression is chosen (availableCompressions) and by the send itself.
    enableZstd().catch(() => undefined);
    this.producerClient ??= new Producer({
      ...this.connection,
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
