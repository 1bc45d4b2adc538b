// Real Kafka clients (kafkajs, @platformatic/kafka) pointed at a test cluster, quiet and with test-friendly timeouts.
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';

// kafkajs warns on every producer that its default partitioner changed in 2.0; tests do not care.
process.env['KAFKAJS_NO_PARTITIONER_WARNING'] = '1';

export function kafkajsClient(bootstrap: string, config: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId: 'kafka-workbench-compat',
    brokers: bootstrap.split(','),
    logLevel: process.env['KW_CLIENT_LOGS'] ? logLevel.DEBUG : logLevel.NOTHING,
    // A broker under test that is slow to answer is a failure to report, not to retry for minutes.
    retry: { retries: 3, initialRetryTime: 100 },
    connectionTimeout: 5_000,
    requestTimeout: 15_000,
    ...config,
  });
}

/** Options for @platformatic/kafka's Producer/Consumer/Admin constructors, for spreading into them. */
export function platformaticOptions(bootstrap: string): { clientId: string; bootstrapBrokers: string[]; timeout: number; retries: number } {
  return { clientId: 'kafka-workbench-compat', bootstrapBrokers: bootstrap.split(','), timeout: 15_000, retries: 3 };
}
