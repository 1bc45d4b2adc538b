// Parsing and checking of `kafka-workbench start` arguments, kept apart from the CLI so it is unit-tested.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { applySecurityOverride, checkListenerSecurity, parseSecurityJson, SecuritySettingError } from '../security/listenerSecurity.js';
import type { BrokerConfig } from '../server/brokerServices.js';

export class UsageError extends Error {}

export const USAGE = `Usage: kafka-workbench start [options]
       kafka-workbench status [--data-dir DIR]
       kafka-workbench broker stop|kill|restart <id> [--data-dir DIR]

start runs the embedded Kafka-compatible cluster until Ctrl-C. If a cluster already runs for the data
directory, attaches to it instead. status prints the running cluster's brokers; broker stops one
broker gracefully (its partitions get new leaders first), kills it (SIGKILL), or (re)starts it.

Options of start:
  --brokers N          number of brokers, 1 to 5 (default 3)
  --port P             port of the first broker; the next ones follow (default 9092, or the next
                       free one; an explicit port that is taken is an error; 0 picks free ports)
  --data-dir DIR       where topics and records are stored (default ~/.kafka-workbench/data)
  --override K=V       broker setting: auto.create.topics.enable, num.partitions,
                       socket.request.max.bytes, message.max.bytes, group.initial.rebalance.delay.ms,
                       group.min.session.timeout.ms, offsets.topic.num.partitions,
                       offsets.commit.timeout.ms,
                       broker.heartbeat.interval.ms, broker.session.timeout.ms,
                       leader.imbalance.check.interval.seconds (or .ms);
                       listener security: security.protocol (PLAINTEXT, SASL_PLAINTEXT, SSL,
                       SASL_SSL), sasl.enabled.mechanisms (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512,
                       comma-separated), sasl.users (NAME:PASSWORD,...), ssl.certificate=generate
                       (a local CA in DIR/tls/ca.pem signs the listener's certificate; needs the
                       openssl command) or ssl.cert.file and ssl.key.file (PEM)
  --security-file F    listener security as JSON: {"protocol", "mechanisms", "users": [{"name",
                       "password"}], "tls": "generate" | {"certFile", "keyFile"}}
  --background         run as the shared background cluster (used by the VS Code extension)
  --idle-timeout-ms MS with --background: stop after MS with nothing attached (default 600000)
`;

export interface StartArgs {
  readonly brokers: number;
  readonly port: number;
  readonly searchFreePort: boolean;
  readonly dataDir: string;
  readonly background: boolean;
  readonly idleTimeoutMs: number;
  readonly overrides: Partial<BrokerConfig>;
}

export const DEFAULT_BROKERS = 3;
export const MAX_BROKERS = 5;

function integer(flag: string, value: string | undefined, min: number, max: number): number {
  if (value === undefined) throw new UsageError(`${flag} needs a value`);
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}

function applyOverride(overrides: Partial<BrokerConfig>, spec: string | undefined): void {
  const [key, value] = (spec ?? '').split('=', 2);
  if (!key || value === undefined) throw new UsageError(`--override takes KEY=VALUE, not "${spec ?? ''}"`);
  const o = overrides as Record<string, unknown>;
  switch (key) {
    case 'auto.create.topics.enable':
      if (value !== 'true' && value !== 'false') throw new UsageError(`${key} must be true or false`);
      o.autoCreateTopics = value === 'true';
      return;
    case 'num.partitions':
      o.defaultNumPartitions = integer(key, value, 1, 10_000);
      return;
    case 'socket.request.max.bytes':
      o.socketRequestMaxBytes = integer(key, value, 1024, 2 ** 31 - 1);
      return;
    case 'message.max.bytes':
      o.defaultMaxMessageBytes = integer(key, value, 1024, 2 ** 31 - 1);
      return;
    case 'group.initial.rebalance.delay.ms':
      o.groupInitialRebalanceDelayMs = integer(key, value, 0, 300_000);
      return;
    case 'group.min.session.timeout.ms':
      o.groupMinSessionTimeoutMs = integer(key, value, 1, 1_800_000);
      return;
    case 'offsets.topic.num.partitions':
      o.offsetsTopicNumPartitions = integer(key, value, 1, 1000);
      return;
    case 'offsets.commit.timeout.ms':
      o.offsetsCommitTimeoutMs = integer(key, value, 1, 86_400_000);
      return;
    case 'broker.heartbeat.interval.ms':
      o.heartbeatIntervalMs = integer(key, value, 10, 60_000);
      return;
    case 'broker.session.timeout.ms':
      o.sessionTimeoutMs = integer(key, value, 50, 600_000);
      return;
    case 'leader.imbalance.check.interval.seconds':
      o.leaderImbalanceCheckIntervalMs = integer(key, value, 1, 86_400) * 1000;
      return;
    case 'leader.imbalance.check.interval.ms':
      o.leaderImbalanceCheckIntervalMs = integer(key, value, 10, 86_400_000);
      return;
    case 'replica.lag.time.max.ms':
      o.replicaLagTimeMaxMs = integer(key, value, 10, 86_400_000);
      return;
    case 'replica.fetch.wait.max.ms':
      o.replicaFetchWaitMaxMs = integer(key, value, 1, 60_000);
      return;
    default: {
      const security = securityOverride(overrides.security, key, value);
      if (!security) throw new UsageError(`unknown setting "${key}" for --override`);
      o.security = security;
    }
  }
}

function securityOverride(current: BrokerConfig['security'], key: string, value: string): BrokerConfig['security'] | null {
  try {
    return applySecurityOverride(current, key, value);
  } catch (err) {
    if (err instanceof SecuritySettingError) throw new UsageError(err.message);
    throw err;
  }
}

function readSecurityFile(file: string | undefined): NonNullable<BrokerConfig['security']> {
  if (!file) throw new UsageError('--security-file needs a file');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return parseSecurityJson(text);
  } catch (err) {
    if (err instanceof SecuritySettingError) throw new UsageError(`${file}: ${err.message}`);
    throw err;
  }
}

export interface BrokerCommandArgs {
  readonly action: 'stopBroker' | 'killBroker' | 'restartBroker';
  readonly nodeId: number;
  readonly dataDir: string;
}

const BROKER_ACTIONS = { stop: 'stopBroker', kill: 'killBroker', restart: 'restartBroker' } as const;

/** `broker stop|kill|restart <id> [--data-dir DIR]`: which action, on which broker, of which cluster. */
export function parseBrokerArgs(argv: readonly string[], defaultDataDir: string): BrokerCommandArgs {
  const [verb, id, ...rest] = argv;
  const action = verb !== undefined && Object.hasOwn(BROKER_ACTIONS, verb) ? BROKER_ACTIONS[verb as keyof typeof BROKER_ACTIONS] : undefined;
  if (!action) throw new UsageError(`broker needs stop, kill or restart, not "${verb ?? ''}"`);
  const nodeId = integer('the broker id', id, 1, MAX_BROKERS);
  return { action, nodeId, dataDir: parseDataDirOnly(rest, defaultDataDir) };
}

/** Options of commands that only name the cluster: `--data-dir DIR`. */
export function parseDataDirOnly(argv: readonly string[], defaultDataDir: string): string {
  let dataDir = defaultDataDir;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--data-dir' || arg.startsWith('--data-dir=')) {
      const dir = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (!dir) throw new UsageError('--data-dir needs a directory');
      dataDir = path.resolve(dir);
    } else {
      throw new UsageError(`unknown option "${arg}"`);
    }
  }
  return dataDir;
}

export function parseStartArgs(argv: readonly string[], defaultDataDir: string): StartArgs {
  let brokers = DEFAULT_BROKERS;
  let port = 9092;
  let searchFreePort = true;
  let dataDir = defaultDataDir;
  let background = false;
  let idleTimeoutMs = 600_000;
  const overrides: Partial<BrokerConfig> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--brokers':
        brokers = integer('--brokers', value(), 1, MAX_BROKERS);
        break;
      case '--port':
        port = integer('--port', value(), 0, 65535);
        searchFreePort = false;
        break;
      case '--data-dir': {
        const dir = value();
        if (!dir) throw new UsageError('--data-dir needs a directory');
        dataDir = path.resolve(dir);
        break;
      }
      case '--background':
        background = true;
        break;
      case '--idle-timeout-ms':
        idleTimeoutMs = integer('--idle-timeout-ms', value(), 0, 7 * 24 * 3600 * 1000);
        break;
      case '--override':
        applyOverride(overrides, value());
        break;
      case '--security-file':
        (overrides as Record<string, unknown>).security = readSecurityFile(value());
        break;
      default:
        throw new UsageError(`unknown option "${arg}"`);
    }
  }
  if (overrides.security) {
    try {
      (overrides as Record<string, unknown>).security = checkListenerSecurity(overrides.security);
    } catch (err) {
      if (err instanceof SecuritySettingError) throw new UsageError(err.message);
      throw err;
    }
  }
  return { brokers, port, searchFreePort, dataDir, background, idleTimeoutMs, overrides };
}
