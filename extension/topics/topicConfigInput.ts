// What a user types for topic configs ("cleanup.policy=compact, retention.ms=60000") and for the
// replication factor and added partitions, checked on every keystroke before a request is sent.

const CONFIG_NAME = /^[a-z0-9]+([._-][a-z0-9]+)*$/;

export type ParsedConfigs = { readonly ok: true; readonly configs: Map<string, string> } | { readonly ok: false; readonly error: string };

/** Parses comma-separated `name=value` pairs; empty text means no configs. */
export function parseConfigs(text: string): ParsedConfigs {
  const configs = new Map<string, string>();
  for (const part of text.split(',')) {
    const pair = part.trim();
    if (pair === '') {
      continue;
    }
    const equals = pair.indexOf('=');
    if (equals <= 0) {
      return { ok: false, error: `"${pair}" is not name=value.` };
    }
    const name = pair.slice(0, equals).trim();
    const value = pair.slice(equals + 1).trim();
    if (!CONFIG_NAME.test(name)) {
      return { ok: false, error: `"${name}" is not a config name (like retention.ms).` };
    }
    if (configs.has(name)) {
      return { ok: false, error: `"${name}" is given twice.` };
    }
    configs.set(name, value);
  }
  return { ok: true, configs };
}

export function configsProblem(text: string): string | undefined {
  const parsed = parseConfigs(text);
  return parsed.ok ? undefined : parsed.error;
}

/** `brokers`: how many brokers the cluster has, when known. */
export function replicationFactorProblem(text: string, brokers?: number): string | undefined {
  const trimmed = text.trim();
  if (!/^[0-9]+$/.test(trimmed) || Number(trimmed) < 1) {
    return 'The replication factor must be a whole number of at least 1.';
  }
  if (brokers !== undefined && Number(trimmed) > brokers) {
    return `The cluster has ${brokers} broker${brokers === 1 ? '' : 's'}: at most ${brokers} replica${brokers === 1 ? '' : 's'}.`;
  }
  return undefined;
}

/** The new total partition count must exceed the current one. */
export function newPartitionCountProblem(text: string, current: number): string | undefined {
  const trimmed = text.trim();
  if (!/^[0-9]+$/.test(trimmed)) {
    return 'Enter the new total number of partitions.';
  }
  if (Number(trimmed) <= current) {
    return `The topic has ${current} partition${current === 1 ? '' : 's'}; the new total must be larger (Kafka cannot remove partitions).`;
  }
  if (Number(trimmed) > 10_000) {
    return 'At most 10000 partitions.';
  }
  return undefined;
}
