// Test harness: N real brokers (TCP listeners on 127.0.0.1, sql.js logs in temp dirs) in this process,
// sharing one in-process Controller; stop/start fence and re-register a broker as the supervisor would.
import { Controller } from '../../../../broker/controller/controller.js';
import { localControllerChannel } from '../../../../broker/controller/localControllerChannel.js';
import { MetadataStore } from '../../../../broker/controller/metadataStore.js';
import type { Logger } from '../../../../broker/logger.js';
import { Broker } from '../../../../broker/server/broker.js';
import { DEFAULT_BROKER_CONFIG, type BrokerConfig } from '../../../../broker/server/brokerServices.js';
import { tempDir } from '../../../support/tempDir.js';
import * as path from 'node:path';

const quiet: Logger = process.env['KW_BROKER_LOGS']
  ? { info: (m) => console.error(m), warn: (m) => console.error(m), error: (m) => console.error(m) }
  : { info: () => undefined, warn: () => undefined, error: () => undefined };

export class InProcessCluster {
  private readonly running = new Map<number, Broker>();

  private constructor(
    readonly controller: Controller,
    private readonly dataDir: string,
    private readonly overrides: Partial<BrokerConfig>,
  ) {
    controller.onChange((image) => {
      for (const b of this.running.values()) void b.applyMetadata(image);
    });
  }

  static async start(brokers: number, overrides: Partial<BrokerConfig> = {}): Promise<InProcessCluster> {
    const dataDir = tempDir('repl');
    const store = await MetadataStore.open(path.join(dataDir, 'controller'), () => 'repl-test-cluster');
    const controller = new Controller(store, store.load().clusterId, [], { numPartitions: 1, replicationFactor: Math.min(3, brokers) });
    const cluster = new InProcessCluster(controller, dataDir, overrides);
    for (let id = 1; id <= brokers; id++) await cluster.startBroker(id);
    return cluster;
  }

  broker(id: number): Broker {
    const b = this.running.get(id);
    if (!b) throw new Error(`broker ${id} is not running`);
    return b;
  }

  isRunning(id: number): boolean {
    return this.running.has(id);
  }

  async startBroker(id: number): Promise<Broker> {
    const config: BrokerConfig = {
      ...DEFAULT_BROKER_CONFIG,
      replicaLagTimeMaxMs: 1000,
      replicaFetchWaitMaxMs: 200,
      ...this.overrides,
      nodeId: id,
      port: 0,
      dataDir: path.join(this.dataDir, `broker-${id}`),
    };
    const broker = await Broker.start(config, localControllerChannel(this.controller), this.controller.image(), quiet);
    this.running.set(id, broker);
    this.controller.brokerUp({ nodeId: id, host: '127.0.0.1', port: broker.port });
    return broker;
  }

  /** Closes a broker; with `fence` the controller learns at once (as when its process exits). */
  async stopBroker(id: number, fence = true): Promise<void> {
    const b = this.broker(id);
    this.running.delete(id);
    await b.close();
    if (fence) this.controller.fenceBroker(id);
  }

  async close(): Promise<void> {
    for (const id of [...this.running.keys()]) await this.stopBroker(id, false);
  }
}
