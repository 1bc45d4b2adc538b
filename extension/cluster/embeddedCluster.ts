// Brings this window onto the shared embedded cluster: attaches to the supervisor named by the lock
// file, or starts one and waits for its lock, and keeps the attachment open while the window lives.

import type { ClusterLock } from '../../broker/cluster/clusterFiles.js';
import type { BrokerAction, ClusterStatus } from '../../broker/cluster/controlProtocol.js';
import type { ClusterState } from './clusterState.js';
import { ControlConnection } from '../../broker/cluster/controlConnection.js';
import { isProcessAlive } from '../../broker/cluster/processLock.js';
import { readClusterLock, waitForClusterLock } from './lockFileReader.js';
import {
  ALREADY_RUNNING_EXIT_CODE,
  describeEarlyExit,
  launchSupervisor,
  type LaunchedSupervisor,
} from './supervisorLauncher.js';

export interface EmbeddedClusterOptions {
  readonly dataDir: string;
  /** undefined: let the supervisor pick 9092 or the next free port. */
  readonly port: number | undefined;
  readonly idleTimeoutMs: number;
  /** Brokers of a cluster this window starts; one already running keeps its own count. */
  readonly brokers?: number;
  readonly cliPath: string;
  readonly nodePath: string;
  /** Names this user to the supervisor, e.g. vscode-window-<pid>. */
  readonly clientName: string;
  readonly startTimeoutMs: number;
  /** Writes the listener security file for a start from the current settings; undefined: PLAINTEXT. Throws on bad settings. */
  readonly securityFile?: () => string | undefined;
  readonly log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

type StateListener = (state: ClusterState) => void;

export class EmbeddedCluster {
  private current: ClusterState = { kind: 'stopped' };
  private readonly listeners = new Set<StateListener>();
  private connection: ControlConnection | undefined;
  private starting: Promise<void> | undefined;
  private disposed = false;

  constructor(private readonly options: EmbeddedClusterOptions) {}

  get state(): ClusterState {
    return this.current;
  }

  onDidChangeState(listener: StateListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Attaches to the running cluster or starts it; settles with the state reached, never rejects. */
  ensureRunning(): Promise<void> {
    if (this.current.kind === 'running' || this.disposed) {
      return Promise.resolve();
    }
    this.starting ??= this.start().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  /** The supervisor's view of every broker (up/down, controller, leader and replica counts); undefined when not attached. */
  async status(): Promise<ClusterStatus | undefined> {
    return this.connection?.status();
  }

  /** Stops, kills or restarts one embedded broker through the supervisor's control channel. */
  async brokerAction(action: BrokerAction, nodeId: number): Promise<ClusterStatus> {
    if (this.connection === undefined) {
      throw new Error('The embedded cluster is not running.');
    }
    return this.connection.brokerAction(action, nodeId);
  }

  /**
   * Stops the whole cluster, for every window attached to it, and settles once its supervisor has
   * exited (so its files can be deleted). Nothing to do when none is running.
   */
  async stop(timeoutMs = 30_000): Promise<void> {
    await this.starting;
    const lock = await readClusterLock(this.options.dataDir);
    if (lock === undefined || !isProcessAlive(lock.pid)) {
      this.connection?.close();
      return;
    }
    const connection = this.connection ?? (await ControlConnection.open(lock.controlPort, lock.token));
    // The supervisor may close the channel before its answer arrives: the exit below is what counts.
    await connection.stopCluster().catch(() => undefined);
    const deadline = Date.now() + timeoutMs;
    while (isProcessAlive(lock.pid)) {
      if (Date.now() >= deadline) {
        throw new Error(`The embedded cluster's supervisor (pid ${lock.pid}) did not stop within ${Math.round(timeoutMs / 1000)} s.`);
      }
      await new Promise<void>((resolve) => setTimeout(resolve, 100));
    }
    connection.close();
    if (this.connection === connection) {
      // Stopped now, not when the socket's close event comes, so a start right after really starts.
      this.connection = undefined;
      this.setState({ kind: 'stopped', reason: 'The embedded cluster was stopped.' });
    }
  }

  /** Detaches this window; the cluster keeps running for other users until it is idle. */
  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
    this.connection?.close();
    this.connection = undefined;
  }

  private setState(state: ClusterState): void {
    if (this.disposed) {
      return;
    }
    this.current = state;
    for (const listener of [...this.listeners]) {
      listener(state);
    }
  }

  private async start(): Promise<void> {
    this.setState({ kind: 'starting' });
    try {
      const existing = await readClusterLock(this.options.dataDir);
      if (existing !== undefined && isProcessAlive(existing.pid)) {
        try {
          await this.attach(existing);
          return;
        } catch (error) {
          this.options.log('warn', `Could not attach to the supervisor (pid ${existing.pid}) named by the lock file: ${String(error)}; starting a new one.`);
        }
      }
      const supervisor = this.launch();
      const lock = await waitForClusterLock(this.options.dataDir, {
        timeoutMs: this.options.startTimeoutMs,
        notFromPid: existing?.pid,
        abortReason: () => this.earlyExitReason(supervisor),
      });
      await this.attach(lock);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.options.log('error', message);
      this.setState({ kind: 'error', message });
    }
  }

  private launch(): LaunchedSupervisor {
    const { dataDir, port, idleTimeoutMs, cliPath, nodePath, brokers } = this.options;
    const securityFile = this.options.securityFile?.();
    this.options.log('info', `Starting the embedded cluster: ${cliPath} start --background${port === undefined ? '' : ` --port ${port}`} --data-dir ${dataDir}${securityFile === undefined ? '' : ` --security-file ${securityFile}`}`);
    const supervisor = launchSupervisor({ nodePath, cliPath, dataDir, port, idleTimeoutMs, brokers, securityFile });
    void supervisor.exited.then((exit) => {
      this.options.log(
        exit.code === 0 || exit.code === ALREADY_RUNNING_EXIT_CODE ? 'info' : 'error',
        `Supervisor launch process exited (code ${exit.code}, signal ${exit.signal})${exit.output ? `: ${exit.output}` : ''}`,
      );
    });
    return supervisor;
  }

  private earlyExitReason(supervisor: LaunchedSupervisor): string | undefined {
    const exit = supervisor.exitStatus();
    if (exit === undefined || exit.code === 0 || exit.code === ALREADY_RUNNING_EXIT_CODE) {
      // Still running, or another window won the race to start it: keep waiting for the lock.
      return undefined;
    }
    return describeEarlyExit(exit);
  }

  private async attach(lock: ClusterLock): Promise<void> {
    const connection = await ControlConnection.open(lock.controlPort, lock.token);
    try {
      await connection.attach(this.options.clientName);
      const status = await connection.status();
      if (this.disposed) {
        connection.close();
        return;
      }
      this.connection = connection;
      connection.onClose(() => this.onConnectionClosed(connection));
      this.options.log('info', `Attached to the embedded cluster (supervisor pid ${lock.pid}) at ${status.bootstrapServers}.`);
      this.setState({ kind: 'running', bootstrapServers: status.bootstrapServers, brokers: status.brokers });
    } catch (error) {
      connection.close();
      throw error;
    }
  }

  private onConnectionClosed(connection: ControlConnection): void {
    if (this.connection !== connection) {
      return;
    }
    this.connection = undefined;
    this.options.log('warn', 'The connection to the embedded cluster supervisor closed.');
    this.setState({ kind: 'stopped', reason: 'The embedded cluster stopped.' });
  }
}
