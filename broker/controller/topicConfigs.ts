// The topic configs this cluster knows: each key's type, default, validation and documentation, with
// Kafka's names, wire type codes and error messages. The controller validates against it; brokers read effective values.

export type ConfigType = 'BOOLEAN' | 'STRING' | 'INT' | 'LONG' | 'LIST';

/** DescribeConfigs config_type codes (v3+). */
export const CONFIG_TYPE_CODE: Readonly<Record<ConfigType, number>> = { BOOLEAN: 1, STRING: 2, INT: 3, LONG: 5, LIST: 7 };

/** DescribeConfigs config_source codes. */
export const ConfigSource = {
  DYNAMIC_TOPIC_CONFIG: 1,
  STATIC_BROKER_CONFIG: 4,
  DEFAULT_CONFIG: 5,
} as const;

export interface TopicConfigKey {
  readonly name: string;
  readonly type: ConfigType;
  readonly defaultValue: string;
  /** The broker config that sets this key's default for every topic, as Kafka names it. */
  readonly brokerSynonym: string;
  readonly documentation: string;
  /** Values of a STRING or LIST key, when only some are allowed. */
  readonly allowed?: readonly string[];
  readonly min?: bigint;
}

const INT_MAX = 2147483647n;
const INT_MIN = -2147483648n;
const LONG_MAX = 9223372036854775807n;
const LONG_MIN = -9223372036854775808n;

/** Our segment.bytes default: 64 MiB, not Kafka's 1 GiB, because sql.js holds an active segment whole in memory. */
export const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;

export const TOPIC_CONFIG_KEYS: readonly TopicConfigKey[] = [
  {
    name: 'cleanup.policy',
    type: 'LIST',
    defaultValue: 'delete',
    brokerSynonym: 'log.cleanup.policy',
    allowed: ['compact', 'delete'],
    documentation:
      'How old log segments are discarded: "delete" removes them by retention time or size, "compact" keeps the latest record of each key. Both may be given.',
  },
  {
    name: 'delete.retention.ms',
    type: 'LONG',
    defaultValue: '86400000',
    brokerSynonym: 'log.cleaner.delete.retention.ms',
    min: 0n,
    documentation: 'How long delete tombstones are kept in a compacted topic, so consumers reading from the start see them.',
  },
  {
    name: 'flush.messages',
    type: 'LONG',
    defaultValue: String(LONG_MAX),
    brokerSynonym: 'log.flush.interval.messages',
    min: 1n,
    documentation:
      'Force an fsync of the journal after this many appended batches, before they are acknowledged. The default leaves flushing to flush.ms.',
  },
  {
    name: 'flush.ms',
    type: 'LONG',
    defaultValue: '1000',
    brokerSynonym: 'log.flush.interval.ms',
    min: 0n,
    documentation:
      'The longest time appended data may wait before the journal is fsynced. Differs from Kafka (which leaves this to the OS): 1000 ms here; 0 turns the timer off.',
  },
  {
    name: 'max.message.bytes',
    type: 'INT',
    defaultValue: '1048588',
    brokerSynonym: 'message.max.bytes',
    min: 0n,
    documentation: 'The largest record batch size allowed in this topic; larger batches are rejected with MESSAGE_TOO_LARGE.',
  },
  {
    name: 'message.timestamp.type',
    type: 'STRING',
    defaultValue: 'CreateTime',
    brokerSynonym: 'log.message.timestamp.type',
    allowed: ['CreateTime', 'LogAppendTime'],
    documentation: 'Whether record timestamps are the producer\'s (CreateTime) or the broker\'s time of append (LogAppendTime).',
  },
  {
    name: 'min.insync.replicas',
    type: 'INT',
    defaultValue: '1',
    brokerSynonym: 'min.insync.replicas',
    min: 1n,
    documentation: 'With acks=all, the least number of in-sync replicas that must have a write for it to succeed.',
  },
  {
    name: 'retention.bytes',
    type: 'LONG',
    defaultValue: '-1',
    brokerSynonym: 'log.retention.bytes',
    documentation: 'The largest size a partition may grow to before old segments are deleted (delete policy); -1 means no limit.',
  },
  {
    name: 'retention.ms',
    type: 'LONG',
    defaultValue: '604800000',
    brokerSynonym: 'log.retention.ms',
    min: -1n,
    documentation: 'How long a segment is kept after its newest record before it is deleted (delete policy); -1 means no time limit.',
  },
  {
    name: 'segment.bytes',
    type: 'INT',
    defaultValue: String(DEFAULT_SEGMENT_BYTES),
    brokerSynonym: 'log.segment.bytes',
    min: 14n,
    documentation:
      'The size at which a log segment is sealed and a new one started. Differs from Kafka: the default is 64 MiB, not 1 GiB, since the active segment is held in memory.',
  },
  {
    name: 'segment.ms',
    type: 'LONG',
    defaultValue: '604800000',
    brokerSynonym: 'log.roll.ms',
    min: 1n,
    documentation: 'The time after which the active segment is sealed even if it is not full, so retention can delete it.',
  },
  {
    name: 'unclean.leader.election.enable',
    type: 'BOOLEAN',
    defaultValue: 'false',
    brokerSynonym: 'unclean.leader.election.enable',
    documentation: 'Whether a replica outside the ISR may become leader as a last resort, at the cost of losing data.',
  },
];

const BY_NAME = new Map(TOPIC_CONFIG_KEYS.map((k) => [k.name, k]));

export function topicConfigKey(name: string): TopicConfigKey | undefined {
  return BY_NAME.get(name);
}

export class InvalidConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidConfigError';
  }
}

function invalid(value: string, key: string, why: string): InvalidConfigError {
  return new InvalidConfigError(`Invalid value ${value} for configuration ${key}: ${why}`);
}

function parseInteger(key: TopicConfigKey, value: string): bigint {
  const [lo, hi] = key.type === 'INT' ? [INT_MIN, INT_MAX] : [LONG_MIN, LONG_MAX];
  const trimmed = value.trim();
  if (!/^[+-]?\d+$/.test(trimmed)) throw invalid(value, key.name, `Not a number of type ${key.type}`);
  const n = BigInt(trimmed);
  if (n < lo || n > hi) throw invalid(value, key.name, `Not a number of type ${key.type}`);
  if (key.min !== undefined && n < key.min) throw invalid(value, key.name, `Value must be at least ${key.min}`);
  return n;
}

/** The value as it will be stored (trimmed, lists normalized), or an InvalidConfigError naming the key. */
export function normalizeConfigValue(name: string, value: string | null): string {
  const key = BY_NAME.get(name);
  if (!key) throw new InvalidConfigError(`Unknown topic config name: ${name}`);
  if (value === null) throw invalid('null', name, 'Null value not supported for topic configs');
  switch (key.type) {
    case 'INT':
    case 'LONG':
      return String(parseInteger(key, value));
    case 'BOOLEAN': {
      const v = value.trim().toLowerCase();
      if (v !== 'true' && v !== 'false') throw invalid(value, name, 'Expected value to be either true or false');
      return v;
    }
    case 'STRING': {
      const v = value.trim();
      if (key.allowed && !key.allowed.includes(v)) throw invalid(value, name, `String must be one of: ${key.allowed.join(', ')}`);
      return v;
    }
    case 'LIST': {
      const items = splitList(value);
      if (items.length === 0) throw invalid(value, name, 'Empty list');
      for (const item of items) {
        if (key.allowed && !key.allowed.includes(item)) {
          throw invalid(item, name, `String must be one of: ${key.allowed.join(', ')}`);
        }
      }
      return [...new Set(items)].join(',');
    }
  }
}

export function splitList(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Validates and normalizes a whole set of topic overrides; the first bad entry throws. */
export function normalizeTopicConfigs(configs: Readonly<Record<string, string | null>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(configs)) out[name] = normalizeConfigValue(name, value);
  return out;
}

export interface EffectiveConfig {
  readonly key: TopicConfigKey;
  readonly value: string;
  readonly source: number;
}

/** Every known key with its effective value: the topic's override, else the default (which `defaults` may replace). */
export function effectiveTopicConfigs(
  overrides: Readonly<Record<string, string>>,
  defaults: Readonly<Record<string, string>> = {},
): EffectiveConfig[] {
  return TOPIC_CONFIG_KEYS.map((key) => {
    const own = overrides[key.name];
    if (own !== undefined) return { key, value: own, source: ConfigSource.DYNAMIC_TOPIC_CONFIG };
    return { key, value: defaults[key.name] ?? key.defaultValue, source: ConfigSource.DEFAULT_CONFIG };
  });
}

/** IncrementalAlterConfigs operations, as numbered on the wire. */
export const AlterOp = { SET: 0, DELETE: 1, APPEND: 2, SUBTRACT: 3 } as const;

export interface ConfigChange {
  readonly name: string;
  readonly op: number;
  readonly value: string | null;
}

/** Applies incremental changes to a topic's overrides; APPEND and SUBTRACT only work on LIST keys. */
export function applyIncrementalChanges(
  current: Readonly<Record<string, string>>,
  changes: readonly ConfigChange[],
): Record<string, string> {
  const next: Record<string, string> = { ...current };
  for (const c of changes) {
    const key = BY_NAME.get(c.name);
    if (!key) throw new InvalidConfigError(`Unknown topic config name: ${c.name}`);
    switch (c.op) {
      case AlterOp.SET:
        next[c.name] = normalizeConfigValue(c.name, c.value);
        break;
      case AlterOp.DELETE:
        delete next[c.name];
        break;
      case AlterOp.APPEND:
      case AlterOp.SUBTRACT: {
        if (key.type !== 'LIST') {
          const verb = c.op === AlterOp.APPEND ? 'append' : 'subtract';
          throw new InvalidConfigError(`Config value ${verb} is not allowed for config key: ${c.name}`);
        }
        const base = splitList(next[c.name] ?? key.defaultValue);
        const items = splitList(c.value ?? '');
        const list = c.op === AlterOp.APPEND ? [...base, ...items.filter((i) => !base.includes(i))] : base.filter((i) => !items.includes(i));
        next[c.name] = normalizeConfigValue(c.name, list.join(','));
        break;
      }
      default:
        throw new InvalidConfigError(`Unknown config operation ${c.op} for configuration ${c.name}`);
    }
  }
  return next;
}
