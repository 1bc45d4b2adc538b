// The supervisor owns a cluster: it holds the data directory's lock, runs the controller, forks one
// process per broker and relays their admin calls, serves the control channel that VS Code windows
// and the CLI attach to, and stops everything on request or after an idle period.

import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { BrokerLiveness } from '../controller/brokerLiveness.js';
import { Controller } from '../controller/controller.js';
import { applyControllerCall } from '../controller/controllerCall.js';
import type { MetadataImage } from '../controller/metadataImage.js';
import { MetadataStore } from '../controller/metadataStore.js';
import type { Logger } from '../logger.js';
import { DEFAULT_BROKER_CONFIG, type BrokerConfig } from '../server/brokerServices.js';
import { lockFilePath, type BrokerEndpoint, type ClusterLock } from './clusterFiles.js';
import type { BrokerAction, BrokerStatus, ClusterStatus, ControlRequest, ControlResponse } from './controlProtocol.js';
import type { ControllerReply, FromBroker, ToBroker } from './ipcMessages.js';
import { acquireSupervisorLock } from './processLock.js';
import { isPortFree } from './portProbe.js';

export interface SupervisorOptions {
  readonly dataDir: string;
  readonly brokers: number;
  /** Port of the first broker; the next ones follow. 0 lets the system pick free ports. */
  readonly port: number;
  /** When the port is taken: true searches upward for a free one, false fails naming the port. */
  readonly searchFreePort: boolean;
  /** Stop after this long with nothing attached; null never stops for idleness. */
  readonly idleTimeoutMs: number | null;
  readonly brokerOverrides?: Partial<BrokerConfig>;
  readonly log: Logger;
}

export class StartupError extends Error {}

type BrokerConfigDefaults = Omit<BrokerConfig, 'nodeId' | 'port' | 'dataDir'>;

function isAlive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function endpointOf(broker: { readonly nodeId: number; readonly port: number }): BrokerEndpoint {
  return { nodeId: broker.nodeId, host: HOST, port: broker.port };
}

interface BrokerProcess {
  readonly nodeId: number;
  child: ChildProcess;
  port: number;
  state: BrokerStatus['state'];
  appliedEpoch: number;
  /** Set by stopBroker/killBroker so the exit that follows is not taken for a crash. */
  intent: 'stop' | 'kill' | null;
  error: string | null;
  /** Fault-control actions on this broker run one after another. */
  actions: Promise<unknown>;
}

const HOST = '127.0.0.1';
const STOP_GRACE_MS = 10_000;

/** Said in the terminal and shown by VS Code, so it names both ways to pick another port. */
function portInUseMessage(port: number): string {
  return `port ${port} on ${HOST} is already in use; choose another with --port (or the kafkaWorkbench.embedded.port setting in VS Code)`;
}

function brokerScript(): string {
  const bundled = path.join(__dirname, 'broker.js');
  return fs.existsSync(bundled) ? bundled : path.join(__dirname, 'brokerMain.js');
}

export class Supervisor {
  private readonly brokers: BrokerProcess[] = [];
  private controlServer: net.Server | undefined;
  private controlPort = 0;
  private readonly token = randomBytes(16).toString('hex');
  private attached = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private stopping: Promise<void> | undefined;
  private resolveStopped!: () => void;
  /** Resolves once the cluster has stopped, for whatever reason. */
  readonly stopped = new Promise<void>((resolve) => (this.resolveStopped = resolve));
  private metadataWaiters: Array<() => void> = [];
  private readonly settings: BrokerConfigDefaults;
  private readonly liveness: BrokerLiveness;
  private readonly timers: NodeJS.Timeout[] = [];
  private booted = false;

  private constructor(
    private readonly options: SupervisorOptions,
    private readonly releaseLock: () => void,
    private readonly store: MetadataStore,
    private readonly controller: Controller,
  ) {
    this.settings = { ...DEFAULT_BROKER_CONFIG, ...options.brokerOverrides };
    this.liveness = new BrokerLiveness(this.settings.sessionTimeoutMs);
  }

  static async start(options: SupervisorOptions): Promise<Supervisor> {
    const release = acquireSupervisorLock(options.dataDir);
    let store: MetadataStore | undefined;
    try {
      store = await MetadataStore.open(path.join(options.dataDir, 'controller'), () => randomUUID().replace(/-/g, '').slice(0, 22));
      const controller = new Controller(store, store.load().clusterId, [], {
        numPartitions: options.brokerOverrides?.defaultNumPartitions ?? DEFAULT_BROKER_CONFIG.defaultNumPartitions,
        // Topics default to min(3, live brokers) replicas.
        replicationFactor: 3,
      });
      const supervisor = new Supervisor(options, release, store, controller);
      try {
        await supervisor.boot();
      } catch (err) {
        await supervisor.stop(`start-up failed: ${err instanceof Error ? err.message : String(err)}`);
        throw err;
      }
      return supervisor;
    } catch (err) {
      if (store) {
        try {
          store.close();
        } catch {
          // already closed by stop()
        }
      }
      release();
      throw err;
    }
  }

  get bootstrapServers(): string {
    return this.brokers.map((b) => `${HOST}:${b.port}`).join(',');
  }

  status(): ClusterStatus {
    const image = this.controller.image();
    const partitions = image.topics.flatMap((t) => t.partitions);
    return {
      clusterId: image.clusterId,
      bootstrapServers: this.bootstrapServers,
      brokers: this.brokers.map((b) => ({
        nodeId: b.nodeId,
        host: HOST,
        port: b.port,
        pid: isAlive(b.child) ? (b.child.pid ?? null) : null,
        state: b.state,
        live: this.controller.isLive(b.nodeId),
        controller: image.controllerId === b.nodeId,
        leaders: partitions.filter((p) => p.leader === b.nodeId).length,
        replicas: partitions.filter((p) => p.replicas.includes(b.nodeId)).length,
        error: b.error,
      })),
      attached: this.attached,
      dataDir: this.options.dataDir,
    };
  }

  /** Stops every broker, the control channel and the controller, and removes the lock files. */
  stop(reason: string): Promise<void> {
    this.stopping ??= this.shutdown(reason);
    return this.stopping;
  }

  private async boot(): Promise<void> {
    const { log } = this.options;
    this.controller.onChange((image) => this.broadcast(image));
    let nextPort = this.options.port;
    for (let i = 0; i < this.options.brokers; i++) {
      const nodeId = i + 1;
      let port = this.options.port === 0 ? 0 : nextPort;
      if (port !== 0 && !(await isPortFree(port))) {
        if (!this.options.searchFreePort) throw new StartupError(portInUseMessage(port));
        while (!(await isPortFree(port))) port++;
      }
      const broker = await this.spawnBroker(nodeId, port);
      nextPort = broker.port + 1;
    }
    const endpoints: BrokerEndpoint[] = this.brokers.map((b) => endpointOf(b));
    this.controller.setBrokers(endpoints);
    this.booted = true;
    await this.waitForMetadataApplied(this.controller.image().epoch);
    this.startControllerTimers();
    await this.startControlServer();
    this.writeLockFile();
    this.armIdleTimer();
    log.info(`cluster ready: ${this.bootstrapServers} (data in ${this.options.dataDir})`);
  }

  /** Forks the broker process for `nodeId` (a new one, or a new incarnation of `existing`) and waits for it to listen. */
  private spawnBroker(nodeId: number, port: number, existing?: BrokerProcess): Promise<BrokerProcess> {
    const child = fork(brokerScript(), [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: [],
    });
    let broker: BrokerProcess;
    if (existing) {
      broker = existing;
      Object.assign(broker, { child, port, state: 'starting', appliedEpoch: -1, intent: null, error: null });
    } else {
      broker = { nodeId, child, port, state: 'starting', appliedEpoch: -1, intent: null, error: null, actions: Promise.resolve() };
      this.brokers.push(broker);
    }
    const config: BrokerConfig = {
      ...this.settings,
      nodeId,
      port,
      dataDir: path.join(this.options.dataDir, `broker-${nodeId}`),
    };
    return new Promise((resolve, reject) => {
      child.on('message', (message: FromBroker) => {
        if (broker.child === child) this.onBrokerMessage(broker, message, resolve, reject);
      });
      child.on('exit', (code, signal) => {
        if (broker.child !== child) return;
        const starting = broker.state === 'starting';
        const how = signal ?? `code ${String(code)}`;
        const intent = broker.intent;
        broker.state = this.stopping || intent === 'stop' ? 'stopped' : intent === 'kill' ? 'killed' : 'failed';
        this.liveness.forget(nodeId);
        if (this.stopping) return;
        // Fenced at once, so its partitions get new leaders without waiting for the session timeout.
        this.controller.fenceBroker(nodeId);
        if (broker.state === 'failed') {
          broker.error ??= `exited unexpectedly (${how})`;
          this.options.log.error(`broker ${nodeId} exited unexpectedly (${how})`);
        } else {
          this.options.log.info(`broker ${nodeId} ${broker.state} (${how})`);
        }
        for (const w of this.metadataWaiters.splice(0)) w();
        if (starting) reject(new StartupError(broker.error ?? `broker ${nodeId} exited during start-up (${how})`));
      });
      this.sendTo(broker, { type: 'start', config, image: this.controller.image() });
    });
  }

  /** Runs a fault-control action on one broker, after any action already under way on it. */
  brokerAction(action: BrokerAction, nodeId: number): Promise<ClusterStatus> {
    const broker = this.brokers.find((b) => b.nodeId === nodeId);
    if (!broker) return Promise.reject(new Error(`there is no broker ${nodeId} (brokers: ${this.brokers.map((b) => b.nodeId).join(', ')})`));
    if (this.stopping) return Promise.reject(new Error('the cluster is stopping'));
    const run = async (): Promise<ClusterStatus> => {
      switch (action) {
        case 'stopBroker':
          await this.takeDown(broker, 'stop');
          break;
        case 'killBroker':
          await this.takeDown(broker, 'kill');
          break;
        case 'restartBroker':
          await this.takeDown(broker, 'stop');
          await this.spawnBroker(nodeId, broker.port, broker);
          this.controller.brokerUp(endpointOf(broker));
          this.options.log.info(`broker ${nodeId} restarted on port ${broker.port}`);
          break;
      }
      return this.status();
    };
    const result = broker.actions.then(run, run);
    broker.actions = result.catch(() => undefined);
    return result;
  }

  /** Graceful stop (leadership moved away first, as Kafka's controlled shutdown) or SIGKILL; waits for the exit. */
  private async takeDown(broker: BrokerProcess, how: 'stop' | 'kill'): Promise<void> {
    if (!isAlive(broker.child)) return;
    broker.intent = how;
    const exited = new Promise<void>((resolve) => broker.child.once('exit', () => resolve()));
    if (how === 'kill') {
      broker.child.kill('SIGKILL');
    } else {
      broker.state = 'stopping';
      this.liveness.forget(broker.nodeId);
      this.controller.fenceBroker(broker.nodeId);
      void this.stopBroker(broker);
    }
    await exited;
  }

  private startControllerTimers(): void {
    const { heartbeatIntervalMs, leaderImbalanceCheckIntervalMs } = this.settings;
    const sessionCheck = setInterval(() => this.fenceSilentBrokers(), Math.max(10, Math.min(heartbeatIntervalMs, 250)));
    const preferred = setInterval(() => {
      if (this.stopping) return;
      const moved = this.controller.electPreferredLeaders();
      if (moved > 0) this.options.log.info(`moved ${moved} partition leader(s) back to their preferred replicas`);
    }, leaderImbalanceCheckIntervalMs);
    for (const t of [sessionCheck, preferred]) {
      t.unref();
      this.timers.push(t);
    }
  }

  private fenceSilentBrokers(): void {
    if (this.stopping) return;
    for (const nodeId of this.liveness.takeExpired()) {
      const broker = this.brokers.find((b) => b.nodeId === nodeId);
      if (!broker || broker.state !== 'running') continue;
      this.options.log.warn(`broker ${nodeId} sent no heartbeat for ${this.settings.sessionTimeoutMs} ms: fenced`);
      broker.state = 'fenced';
      this.controller.fenceBroker(nodeId);
    }
  }

  private onBrokerMessage(
    broker: BrokerProcess,
    message: FromBroker,
    started: (b: BrokerProcess) => void,
    failed: (err: Error) => void,
  ): void {
    switch (message.type) {
      case 'listening':
        broker.port = message.port;
        broker.state = 'running';
        started(broker);
        break;
      case 'startFailed': {
        broker.state = 'failed';
        const error = new StartupError(
          message.portInUse !== null ? portInUseMessage(message.portInUse) : `broker ${broker.nodeId} failed to start: ${message.message}`,
        );
        broker.error = error.message;
        this.options.log.error(error.message);
        failed(error);
        // A broker that cannot start has nothing to do; it must not linger holding its data directory.
        broker.intent = 'stop';
        if (broker.child.connected) broker.child.send({ type: 'shutdown' } satisfies ToBroker);
        break;
      }
      case 'heartbeat':
        this.liveness.heartbeat(broker.nodeId);
        // A fenced broker that speaks again registers again (Kafka: it re-registers and is unfenced).
        if (this.booted && broker.state === 'fenced') {
          broker.state = 'running';
          this.options.log.info(`broker ${broker.nodeId} heartbeats again: unfenced`);
          this.controller.brokerUp(endpointOf(broker));
        }
        break;
      case 'metadataApplied':
        broker.appliedEpoch = Math.max(broker.appliedEpoch, message.epoch);
        for (const w of this.metadataWaiters.splice(0)) w();
        break;
      case 'controllerCall': {
        let reply: ControllerReply;
        try {
          const { call } = message;
          // Only a partition's leader may change its ISR, and a broker speaks only for itself.
          if (call.op === 'alterPartition' && call.args[0].leaderId !== broker.nodeId) {
            throw new Error(`broker ${broker.nodeId} sent alterPartition as leader ${call.args[0].leaderId}`);
          }
          const results = applyControllerCall(this.controller, call);
          reply = { ok: true, results, epoch: this.controller.image().epoch };
        } catch (err) {
          reply = { ok: false, error: err instanceof Error ? err.message : String(err) };
        }
        this.sendTo(broker, { type: 'controllerReply', id: message.id, reply });
        break;
      }
    }
  }

  private sendTo(broker: BrokerProcess, message: ToBroker): void {
    // A SIGKILLed broker can still look connected until its exit is seen; a callback keeps the EPIPE from
    // becoming an unhandled 'error' event that would take the supervisor down. The exit handler fences it.
    if (broker.child.connected) broker.child.send(message, () => undefined);
  }

  private broadcast(image: MetadataImage): void {
    for (const b of this.brokers) this.sendTo(b, { type: 'metadata', image });
  }

  private async waitForMetadataApplied(epoch: number): Promise<void> {
    while (this.brokers.some((b) => b.state === 'running' && b.appliedEpoch < epoch)) {
      await new Promise<void>((resolve) => this.metadataWaiters.push(resolve));
    }
  }

  private startControlServer(): Promise<void> {
    const server = net.createServer((socket) => this.serveControl(socket));
    this.controlServer = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: HOST, port: 0 }, () => {
        const addr = server.address();
        this.controlPort = typeof addr === 'object' && addr ? addr.port : 0;
        resolve();
      });
    });
  }

  private serveControl(socket: net.Socket): void {
    let authenticated = false;
    let attachedHere = false;
    let buffered = '';
    const reply = (response: ControlResponse): void => {
      socket.write(`${JSON.stringify(response)}\n`);
    };
    socket.setEncoding('utf8');
    socket.on('data', (data: string) => {
      buffered += data;
      if (buffered.length > 64 * 1024) {
        socket.destroy();
        return;
      }
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        let request: ControlRequest;
        try {
          request = JSON.parse(line) as ControlRequest;
        } catch {
          socket.destroy();
          return;
        }
        if (request.op === 'hello') {
          authenticated = request.token === this.token;
          if (authenticated) reply({ id: request.id, ok: true });
          else {
            reply({ id: request.id, ok: false, error: 'wrong token' });
            socket.end();
          }
          continue;
        }
        if (!authenticated) {
          reply({ id: request.id, ok: false, error: 'send hello with the lock file token first' });
          socket.end();
          return;
        }
        switch (request.op) {
          case 'attach':
            if (!attachedHere) {
              attachedHere = true;
              this.attached++;
              this.options.log.info(`${request.client} attached (${this.attached} attached)`);
              this.armIdleTimer();
            }
            reply({ id: request.id, ok: true, result: this.status() });
            break;
          case 'status':
            reply({ id: request.id, ok: true, result: this.status() });
            break;
          case 'stop':
            reply({ id: request.id, ok: true });
            void this.stop('stop requested over the control channel');
            break;
          case 'stopBroker':
          case 'killBroker':
          case 'restartBroker': {
            const { id } = request;
            this.brokerAction(request.op, Number(request.nodeId)).then(
              (result) => reply({ id, ok: true, result }),
              (err: unknown) => reply({ id, ok: false, error: err instanceof Error ? err.message : String(err) }),
            );
            break;
          }
          default:
            reply({ id: (request as { id: number }).id, ok: false, error: 'unknown operation' });
        }
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (attachedHere) {
        this.attached--;
        this.options.log.info(`a client detached (${this.attached} attached)`);
        this.armIdleTimer();
      }
    });
  }

  /** With nothing attached, the cluster stops after the idle period; any attach cancels that. */
  private armIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.options.idleTimeoutMs === null || this.attached > 0 || this.stopping) return;
    this.idleTimer = setTimeout(() => void this.stop(`idle for ${this.options.idleTimeoutMs} ms with nothing attached`), this.options.idleTimeoutMs);
    this.idleTimer.unref();
  }

  private writeLockFile(): void {
    const lock: ClusterLock = {
      formatVersion: 1,
      pid: process.pid,
      controlPort: this.controlPort,
      token: this.token,
      bootstrapServers: this.bootstrapServers,
      brokers: this.brokers.map((b) => ({ nodeId: b.nodeId, host: HOST, port: b.port })),
      startedAt: new Date().toISOString(),
    };
    const file = lockFilePath(this.options.dataDir);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(lock, null, 2), { mode: 0o600 });
    fs.renameSync(tmp, file);
  }

  private async shutdown(reason: string): Promise<void> {
    this.options.log.info(`stopping cluster: ${reason}`);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    for (const t of this.timers) clearInterval(t);
    try {
      fs.rmSync(lockFilePath(this.options.dataDir), { force: true });
    } catch {
      // best effort
    }
    this.controlServer?.close();
    await Promise.all(this.brokers.map((b) => this.stopBroker(b)));
    try {
      this.store.close();
    } catch {
      // closed already
    }
    this.releaseLock();
    this.resolveStopped();
  }

  private stopBroker(broker: BrokerProcess): Promise<void> {
    const { child } = broker;
    broker.intent ??= 'stop';
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      if (child.connected) child.send({ type: 'shutdown' } satisfies ToBroker);
      else child.kill('SIGTERM');
    });
  }
}
