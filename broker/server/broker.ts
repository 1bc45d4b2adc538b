// One broker: its replicas, its request routes, and its TCP listener on 127.0.0.1. It is given a
// controller channel and metadata images; it never decides cluster metadata itself.

import type * as net from 'node:net';
import type { MetadataImage } from '../controller/metadataImage.js';
import type { Logger } from '../logger.js';
import { GroupCoordinator } from '../group/groupCoordinator.js';
import { offsetsTopicView } from '../group/offsetsTopic.js';
import { OffsetsTopicStore } from '../group/offsetsTopicStore.js';
import { ErrorCode } from '../protocol/errors.js';
import { ReplicaManager } from '../log/replicaManager.js';
import { setInterBrokerSecurity } from '../security/interBrokerConnection.js';
import { createListener } from '../security/listener.js';
import { ReplicationCoordinator } from '../replication/replicationCoordinator.js';
import type { BrokerConfig, BrokerServices, ControllerChannel } from './brokerServices.js';
import { serveConnection } from './connection.js';
import { Dispatcher } from './dispatcher.js';
import { storeOptionsOf } from './handlers/topicConfig.js';
import { buildRoutes } from './routes.js';

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} on 127.0.0.1 is already in use`);
    this.name = 'PortInUseError';
  }
}

export class Broker {
  private constructor(
    readonly config: BrokerConfig,
    readonly port: number,
    private readonly server: net.Server,
    private readonly sockets: Set<net.Socket>,
    private readonly services: BrokerServices & { close(): Promise<void> },
  ) {}

  static async start(config: BrokerConfig, controller: ControllerChannel, initial: MetadataImage, log: Logger): Promise<Broker> {
    setInterBrokerSecurity(config.security);
    const replicas = new ReplicaManager(config.nodeId, config.dataDir, storeOptionsOf, log);
    let image = initial;
    replicas.onChange(() => {
      image = replicas.metadata ?? image;
    });
    const metadata = (): MetadataImage => replicas.metadata ?? image;
    const replication = new ReplicationCoordinator(
      { nodeId: config.nodeId, replicaLagTimeMaxMs: config.replicaLagTimeMaxMs, replicaFetchWaitMaxMs: config.replicaFetchWaitMaxMs },
      replicas,
      controller,
      log,
    );
    const offsetStore = new OffsetsTopicStore(
      offsetsTopicView(replicas, metadata, config.nodeId, { commitTimeoutMs: config.offsetsCommitTimeoutMs, replication: () => replication }),
      (line) => log.info(line),
    );
    const groups = new GroupCoordinator({
      partitionExists: (topic, partition) => metadata().topics.some((t) => t.name === topic && t.partitions.some((p) => p.partition === partition)),
      offsetStore,
      ownership: (groupId) => offsetStore.ownership(groupId),
      initialRebalanceDelayMs: config.groupInitialRebalanceDelayMs,
      minSessionTimeoutMs: config.groupMinSessionTimeoutMs,
      log: (line) => log.info(line),
    });
    // Offsets partitions this broker starts (or stops) leading are loaded (or their groups unloaded).
    // Registered after replication's listener, so a partition loads once its log has become leader.
    replicas.onChange(() => {
      if (offsetStore.refresh().length > 0) groups.unloadGroups((groupId) => offsetStore.ownership(groupId) !== ErrorCode.NONE);
    });
    const services = {
      config,
      replicas,
      controller,
      replication,
      log,
      metadata,
      close: async () => {
        groups.close();
        await replication.close();
        await replicas.close();
      },
    };
    await replicas.applyMetadata(initial);
    let boundPort = config.port;
    const dispatcher: Dispatcher = new Dispatcher(buildRoutes(services, groups, () => boundPort, () => dispatcher.supported()));
    const sockets = new Set<net.Socket>();
    const server = createListener(config.security, config.dataDir, log, (socket, auth) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      serveConnection(socket, dispatcher, config.socketRequestMaxBytes, log, auth);
    });
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new PortInUseError(config.port) : err));
      server.listen({ host: config.host, port: config.port, exclusive: true }, () => {
        const addr = server.address();
        resolve(typeof addr === 'object' && addr ? addr.port : config.port);
      });
    });
    boundPort = port;
    log.info(`broker ${config.nodeId} listening on ${config.host}:${port}`);
    return new Broker(config, port, server, sockets, services);
  }

  /** This broker's partition replicas, for tools and tests. */
  get replicas(): ReplicaManager {
    return this.services.replicas;
  }

  applyMetadata(image: MetadataImage): Promise<void> {
    return this.services.replicas.applyMetadata(image);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
    await this.services.close();
  }
}
