// Parsing and checking of `kafka-workbench start` arguments, kept apart from the CLI so it is unit-tested.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { applySecurityOverride, checkListenerSecurity, parseSecurityJson, SecuritySettingError } from '../security/listenerSecurity.js';
import type { BrokerConfig } from '../server/brokerServices.js';

export class UsageError extends Error {}


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

/** The broker settings that take a whole number, with the range each accepts. */
type IntegerField = { [K in keyof BrokerConfig]-?: BrokerConfig[K] extends number ? K : never }[keyof BrokerConfig];

interface IntegerSetting {
  readonly field: IntegerField;
  readonly min: number;
  readonly max: number;
  /** Multiplies the value given, e.g. 1000 for a setting given in seconds but kept in milliseconds. */
  readonly scale?: number;
}

const INTEGER_SETTINGS: Readonly<Record<string, IntegerSetting>> = {
  'num.partitions': { field: 'defaultNumPartitions', min: 1, max: 10_000 },
  'socket.request.max.bytes': { field: 'socketRequestMaxBytes', min: 1024, max: 2 ** 31 - 1 },
  'message.max.bytes': { field: 'defaultMaxMessageBytes', min: 1024, max: 2 ** 31 - 1 },
  'group.initial.rebalance.delay.ms': { field: 'groupInitialRebalanceDelayMs', min: 0, max: 300_000 },
  'group.min.session.timeout.ms': { field: 'groupMinSessionTimeoutMs', min: 1, max: 1_800_000 },
  'offsets.topic.num.partitions': { field: 'offsetsTopicNumPartitions', min: 1, max: 1000 },
  'offsets.commit.timeout.ms': { field: 'offsetsCommitTimeoutMs', min: 1, max: 86_400_000 },
  'broker.heartbeat.interval.ms': { field: 'heartbeatIntervalMs', min: 10, max: 60_000 },
  'broker.session.timeout.ms': { field: 'sessionTimeoutMs', min: 50, max: 600_000 },
  'leader.imbalance.check.interval.seconds': { field: 'leaderImbalanceCheckIntervalMs', min: 1, max: 86_400, scale: 1000 },
  'leader.imbalance.check.interval.ms': { field: 'leaderImbalanceCheckIntervalMs', min: 10, max: 86_400_000 },
  'replica.lag.time.max.ms': { field: 'replicaLagTimeMaxMs', min: 10, max: 86_400_000 },
  'replica.fetch.wait.max.ms': { field: 'replicaFetchWaitMaxMs', min: 1, max: 60_000 },
};

function applyOverride(overrides: Partial<BrokerConfig>, spec: string | undefined): void {
  const [key, value] = (spec ?? '').split('=', 2);
  if (!key || value === undefined) throw new UsageError(`--override takes KEY=VALUE, not "${spec ?? ''}"`);
  const o = overrides as Record<string, unknown>;
  const setting = Object.hasOwn(INTEGER_SETTINGS, key) ? INTEGER_SETTINGS[key] : undefined;
  if (setting) {
    o[setting.field] = integer(key, value, setting.min, setting.max) * (setting.scale ?? 1);
    return;
  }
  if (key === 'auto.create.topics.enable') {
    if (value !== 'true' && value !== 'false') throw new UsageError(`${key} must be true or false`);
    o.autoCreateTopics = value === 'true';
    return;
  }
  const security = securityOverride(overrides.security, key, value);
  if (!security) throw new UsageError(`unknown setting "${key}" for --override`);
  o.security = security;
}

/**
 * Comma-separated items wrapped at `width` columns: the first line starts at column `firstColumn`,
 * the next ones are indented by `indent`.
 */
function wrapList(items: readonly string[], firstColumn: number, indent: number, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    const next = line === '' ? item : `${line}, ${item}`;
    const column = lines.length === 0 ? firstColumn : indent;
    if (line !== '' && column + next.length > width - 1) {
      lines.push(`${line},`);
      line = item;
    } else {
      line = next;
    }
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

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
  --override K=V       broker setting: ${wrapList(['auto.create.topics.enable', ...Object.keys(INTEGER_SETTINGS)], 39, 23, 100)};
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
