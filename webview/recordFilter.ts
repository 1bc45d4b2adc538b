// The tail's filter: plain text or a regular expression, matched over a record's key, value and
// header names and values. A pattern that does not compile is reported, never half-applied.

import type { TailRecord } from './protocol.js';

export type FilterMode = 'text' | 'regex';

export interface FilterSpec {
  readonly mode: FilterMode;
  readonly pattern: string;
  readonly caseSensitive: boolean;
}

export type RecordPredicate = (record: TailRecord) => boolean;

export type CompiledFilter =
  | { readonly ok: true; readonly matches: RecordPredicate; readonly active: boolean }
  | { readonly ok: false; readonly error: string };

function fieldsOf(record: TailRecord): (string | null)[] {
  const fields: (string | null)[] = [record.key, record.value];
  for (const [name, value] of record.headers) {
    fields.push(name, value);
  }
  return fields;
}

/** Compiles `spec`; an empty pattern matches everything. */
export function compileFilter(spec: FilterSpec): CompiledFilter {
  if (spec.pattern.length === 0) {
    return { ok: true, matches: () => true, active: false };
  }
  if (spec.mode === 'text') {
    const needle = spec.caseSensitive ? spec.pattern : spec.pattern.toLowerCase();
    return {
      ok: true,
      active: true,
      matches: (record) =>
        fieldsOf(record).some((field) => field !== null && (spec.caseSensitive ? field : field.toLowerCase()).includes(needle)),
    };
  }
  let expression: RegExp;
  try {
    // No 'g' flag: a global RegExp keeps lastIndex between test() calls and would skip matches.
    expression = new RegExp(spec.pattern, spec.caseSensitive ? 'u' : 'iu');
  } catch (error) {
    return { ok: false, error: `Invalid regular expression: ${error instanceof Error ? error.message : String(error)}` };
  }
  return { ok: true, active: true, matches: (record) => fieldsOf(record).some((field) => field !== null && expression.test(field)) };
}
