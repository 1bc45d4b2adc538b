// Which properties each block kind accepts, what their values may be and what they mean: the one
// table the parser, diagnostics, completion and hover read.

import type { BlockKind } from '../parser/kafkaFileModel.js';

export interface PropertyDefinition {
  readonly name: string;
  readonly documentation: string;
  /** Values offered by completion (not necessarily the only valid ones). */
  readonly suggestedValues: readonly string[];
}

export const RECORD_FORMATS = ['string', 'json', 'double', 'float', 'integer', 'long', 'short'] as const;
/** Formats of the "Tools for Apache Kafka" extension that this one does not implement. */
export const UNSUPPORTED_FORMATS = ['avro'] as const;
/** Node's Buffer encodings, accepted in `string(<encoding>)`. */
export const STRING_ENCODINGS = ['utf8', 'utf-8', 'utf16le', 'ucs2', 'latin1', 'binary', 'base64', 'base64url', 'hex', 'ascii'] as const;

const formatDoc = (side: 'key' | 'value', reading: boolean): string =>
  `How the record ${side} is ${reading ? 'decoded for display' : 'encoded'}: ${[...(reading ? ['none'] : []), ...RECORD_FORMATS].join(', ')}, ` +
  `or \`string(<encoding>)\` with a Node.js encoding such as base64. Default: string (UTF-8).`;

const PRODUCER_PROPERTIES: readonly PropertyDefinition[] = [
  { name: 'topic', documentation: 'The topic to produce to. Required.', suggestedValues: [] },
  { name: 'key', documentation: 'The record key. Placeholders such as `{{string.uuid}}` are allowed. Without it the record has no key.', suggestedValues: [] },
  {
    name: 'headers',
    documentation: 'Record headers as a comma-separated list of `name=value` pairs, e.g. `source=web, version=1`.',
    suggestedValues: [],
  },
  { name: 'key-format', documentation: formatDoc('key', false), suggestedValues: [...RECORD_FORMATS, 'string(base64)'] },
  { name: 'value-format', documentation: formatDoc('value', false), suggestedValues: [...RECORD_FORMATS, 'json-lines', 'string(base64)'] },
  {
    name: 'every',
    documentation: 'Produce repeatedly at this interval until stopped, e.g. `5s`, `1m`, `500ms`, `1h`.',
    suggestedValues: ['1s', '5s', '1m'],
  },
  {
    name: 'count',
    documentation: 'How many records one run produces (1 to 10000). Use `{{counter}}`, `{{string.uuid}}` or `{{timestamp}}` in the value to tell them apart.',
    suggestedValues: ['10', '100'],
  },
  {
    name: 'value-file',
    documentation: 'Read the value from this file (relative to the `.kafka` file) instead of the block text.',
    suggestedValues: [],
  },
];

const CONSUMER_PROPERTIES: readonly PropertyDefinition[] = [
  { name: 'topic', documentation: 'The topic to consume. Required.', suggestedValues: [] },
  {
    name: 'from',
    documentation:
      'Where a group without committed offsets starts: `earliest`, `latest` (default), an offset such as `42`, or a date and time such as `2024-05-01T12:00:00Z`.',
    suggestedValues: ['earliest', 'latest', '0'],
  },
  {
    name: 'partitions',
    documentation: 'Only these partitions: a number (`0`), a list (`0,2`), a range (`0-2`) or a mix (`0,2-3`). Default: all.',
    suggestedValues: ['0', '0,1', '0-2'],
  },
  { name: 'key-format', documentation: formatDoc('key', true), suggestedValues: ['none', ...RECORD_FORMATS] },
  { name: 'value-format', documentation: formatDoc('value', true), suggestedValues: ['none', ...RECORD_FORMATS] },
];

export function propertiesOf(kind: BlockKind): readonly PropertyDefinition[] {
  return kind === 'producer' ? PRODUCER_PROPERTIES : CONSUMER_PROPERTIES;
}

export function propertyDefinition(kind: BlockKind, name: string): PropertyDefinition | undefined {
  return propertiesOf(kind).find((definition) => definition.name === name);
}

/** Levenshtein distance, capped: enough to say "did you mean". Stops as soon as a row exceeds the cap. */
function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) {
    return cap + 1;
  }
  let previous = new Int32Array(b.length + 1);
  let current = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) {
    previous[j] = j;
  }
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMinimum = Math.min(rowMinimum, current[j]);
    }
    if (rowMinimum > cap) {
      return cap + 1;
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length];
}

/**
 * The parser asks about every `name: value` line of a PRODUCER block, and big files repeat the same
 * few names, so answers are remembered (bounded, so a file of distinct names cannot grow it).
 */
const closestCache = new Map<string, string | undefined>();
const CLOSEST_CACHE_LIMIT = 1_000;

/** The known property a misspelt name most likely meant, if one is close enough. */
export function closestPropertyName(kind: BlockKind, name: string): string | undefined {
  const cacheKey = `${kind}:${name}`;
  if (closestCache.has(cacheKey)) {
    return closestCache.get(cacheKey);
  }
  const lower = name.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const definition of [...propertiesOf(kind), ...propertiesOf(kind === 'producer' ? 'consumer' : 'producer')]) {
    const distance = editDistance(lower, definition.name, 2);
    if (distance <= 2 && (best === undefined || distance < best.distance)) {
      best = { name: definition.name, distance };
    }
  }
  if (closestCache.size >= CLOSEST_CACHE_LIMIT) {
    closestCache.clear();
  }
  closestCache.set(cacheKey, best?.name);
  return best?.name;
}
