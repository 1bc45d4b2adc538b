// The kafka-workbench command line: `start` runs the embedded cluster in the foreground (the same
// supervisor and broker code the extension uses), or attaches to the one already running for the
// data directory. `--background` is how the extension starts a shared cluster.

import * as os from 'node:os';
import * as path from 'node:path';
import { readClusterLock } from '../cluster/clusterFiles.js';
import { ControlConnection } from '../cluster/controlConnection.js';
import { isProcessAlive } from '../cluster/processLock.js';
import { AlreadyRunningError } from '../cluster/processLock.js';
import { StartupError, Supervisor } from '../cluster/supervisor.js';
import { stderrLogger } from '../logger.js';
import type { ClusterStatus } from '../cluster/controlProtocol.js';
import { parseBrokerArgs, parseDataDirOnly, parseStartArgs, UsageError, USAGE } from './startArgs.js';

const EXIT_USAGE = 2;
const EXIT_ALREADY_RUNNING = 3;

export function defaultDataDir(): string {
  return path.join(os.homedir(), '.kafka-workbench', 'data');
}

function fail(message: string, code = 1): never {
  process.stderr.write(`kafka-workbench: ${message}\n`);
  process.exit(code);
}

async function attach(dataDir: string): Promise<boolean> {
  const lock = readClusterLock(dataDir);
  if (!lock || !isProcessAlive(lock.pid)) return false;
  const client = await ControlConnection.open(lock.controlPort, lock.token);
  await client.attach(`cli-${process.pid}`);
  process.stdout.write(`Kafka cluster ready: ${lock.bootstrapServers} (already running, pid ${lock.pid}; attached)\n`);
  const leave = (): void => {
    client.close();
    process.exit(0);
  };
  process.on('SIGINT', leave);
  process.on('SIGTERM', leave);
  client.onClose(() => {
    process.stdout.write('The cluster stopped.\n');
    process.exit(0);
  });
  return true;
}

async function start(argv: string[]): Promise<void> {
  const args = parseStartArgs(argv, defaultDataDir());
  const log = stderrLogger('supervisor');
  if (!args.background && (await attach(args.dataDir).catch(() => false))) return;
  let supervisor: Supervisor;
  try {
    supervisor = await Supervisor.start({
      dataDir: args.dataDir,
      brokers: args.brokers,
      port: args.port,
      searchFreePort: args.searchFreePort,
      idleTimeoutMs: args.background ? args.idleTimeoutMs : null,
      brokerOverrides: args.overrides,
      log,
    });
  } catch (err) {
    if (err instanceof AlreadyRunningError) {
      if (args.background) fail(`already running: ${err.message}`, EXIT_ALREADY_RUNNING);
      if (await attach(args.dataDir).catch(() => false)) return;
      fail(err.message, EXIT_ALREADY_RUNNING);
    }
    if (err instanceof StartupError) fail(err.message);
    throw err;
  }
  const onSignal = (signal: string): void => {
    void supervisor.stop(`received ${signal}`);
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGHUP', () => onSignal('SIGHUP'));
  process.stdout.write(`Kafka cluster ready: ${supervisor.bootstrapServers}\n`);
  await supervisor.stopped;
  process.exit(0);
}

/** Opens the control channel of the cluster running for `dataDir`, or fails saying none runs. */
async function connect(dataDir: string): Promise<ControlConnection> {
  const lock = readClusterLock(dataDir);
  if (!lock || !isProcessAlive(lock.pid)) fail(`no cluster is running for ${dataDir} (start one with: kafka-workbench start --data-dir ${dataDir})`);
  return ControlConnection.open(lock.controlPort, lock.token);
}

function formatStatus(status: ClusterStatus): string {
  const rows = status.brokers.map((b) =>
    [
      String(b.nodeId),
      `${b.host}:${b.port}`,
      b.state,
      b.live ? 'up' : 'down',
      b.controller ? 'controller' : '',
      `leaders ${b.leaders}`,
      `replicas ${b.replicas}`,
      b.pid !== null ? `pid ${b.pid}` : '',
      b.error ?? '',
    ].join('\t'),
  );
  return `cluster ${status.clusterId} (${status.dataDir}), bootstrap ${status.bootstrapServers}\n${rows.join('\n')}\n`;
}

async function status(argv: string[]): Promise<void> {
  const client = await connect(parseDataDirOnly(argv, defaultDataDir()));
  try {
    process.stdout.write(formatStatus(await client.status()));
  } finally {
    client.close();
  }
}

async function brokerCommand(argv: string[]): Promise<void> {
  const args = parseBrokerArgs(argv, defaultDataDir());
  const client = await connect(args.dataDir);
  try {
    const after = await client.brokerAction(args.action, args.nodeId);
    process.stdout.write(formatStatus(after));
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  } finally {
    client.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      return start(rest);
    case 'status':
      return status(rest);
    case 'broker':
      return brokerCommand(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return;
    default:
      fail(`unknown command "${command}"\n\n${USAGE}`, EXIT_USAGE);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof UsageError) fail(`${err.message}\n\n${USAGE}`, EXIT_USAGE);
  fail(err instanceof Error ? (err.stack ?? err.message) : String(err));
});
