// Parsing and checking of `kafka-workbench start` arguments, kept apart from the CLI so it is unit-tested.

import * as path from 'node:path';
import type { BrokerConfig } from '../server/brokerServices.js';

export class UsageError extends Error {}

export const USAGE = `Usage: kafka-workbench start [options]

Runs the embedded Kafka-compatible cluster until Ctrl-C. If a cluster already runs for the data
directory, attaches to it instead.

Options:
  --brokers N          number of brokers (only 1 until the replicated cluster lands)
  --port P             port of the first broker; the next ones follow (default 9092, or the next
                       free one; an explicit port that is taken is an error; 0 picks free ports)
  --data-dir DIR       where topics and records are stored (default ~/.kafka-workbench/data)
  --override K=V       broker setting: auto.create.topics.enable, num.partitions,
                       socket.request.max.bytes, message.max.bytes, group.initial.rebalance.delay.ms,
                       group.min.session.timeout.ms, offsets.topic.num.partitions
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

export const MAX_BROKERS_NOW = 1;

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
    default:
      throw new UsageError(`unknown setting "${key}" for --override`);
  }
}

export function parseStartArgs(argv: readonly string[], defaultDataDir: string): StartArgs {
  let brokers = 1;
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
        brokers = integer('--brokers', value(), 1, 5);
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
      default:
        throw new UsageError(`unknown option "${arg}"`);
    }
  }
  if (brokers > MAX_BROKERS_NOW) {
    throw new UsageError(
      `--brokers ${brokers} is not supported yet: replication between brokers is still being built, so the cluster runs ${MAX_BROKERS_NOW} broker for now`,
    );
  }
  return { brokers, port, searchFreePort, dataDir, background, idleTimeoutMs, overrides };
}
