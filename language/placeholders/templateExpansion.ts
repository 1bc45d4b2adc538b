// Finds `{{...}}` placeholders in a template and replaces them with generated values; one seed
// per record, so a key, its headers and its value see the same random sequence (as in the
// "Tools for Apache Kafka" extension, `{{string.uuid}}` in the key and the value match).

import { placeholderDefinition, type PlaceholderContext } from './placeholderCatalog.js';

export interface PlaceholderUse {
  /** Offset in the template of `{{`. */
  readonly start: number;
  /** Offset just after `}}`. */
  readonly end: number;
  readonly name: string;
  /** Raw text between the parentheses, if any. */
  readonly argumentText: string | undefined;
}

const PLACEHOLDER = /\{\{\s*([^{}()\s]*)\s*(?:\(([^)]*)\))?\s*\}\}/g;

export function findPlaceholders(template: string): PlaceholderUse[] {
  const uses: PlaceholderUse[] = [];
  if (!template.includes('{{')) {
    return uses;
  }
  for (const match of template.matchAll(PLACEHOLDER)) {
    uses.push({ start: match.index, end: match.index + match[0].length, name: match[1], argumentText: match[2] });
  }
  return uses;
}

/** The numeric arguments of `(5)` or `(1, 10)`; undefined when they are not numbers. */
export function placeholderArguments(argumentText: string | undefined): number[] | undefined {
  if (argumentText === undefined || argumentText.trim() === '') {
    return [];
  }
  const parts = argumentText.split(',').map((part) => part.trim());
  if (parts.length > 2 || parts.some((part) => !/^-?\d+(\.\d+)?$/.test(part))) {
    return undefined;
  }
  return parts.map(Number);
}

/** Why a placeholder use cannot be expanded, or undefined when it can. */
export function placeholderProblem(use: PlaceholderUse): string | undefined {
  const definition = placeholderDefinition(use.name);
  if (definition === undefined) {
    return `Unsupported placeholder "{{${use.name}}}". See docs/kafka-files.md for the supported ones.`;
  }
  if (use.argumentText !== undefined && use.argumentText.trim() !== '') {
    if (definition.takesRange !== true) {
      return `The placeholder "${use.name}" takes no arguments.`;
    }
    if (placeholderArguments(use.argumentText) === undefined) {
      return `Invalid arguments "(${use.argumentText})" for "${use.name}": expected (max) or (min, max).`;
    }
  }
  return undefined;
}

/** A small, fast, seedable generator (mulberry32): good enough for test data, never for secrets. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface RecordSeed {
  readonly seed: number;
  readonly counter: number;
  readonly now: number;
}

/** Replaces every supported placeholder; unsupported ones are left as written (diagnostics name them). */
export function expandTemplate(template: string, record: RecordSeed): string {
  const uses = findPlaceholders(template);
  if (uses.length === 0) {
    return template;
  }
  const context: PlaceholderContext = { random: seededRandom(record.seed), counter: record.counter, now: record.now };
  let result = '';
  let position = 0;
  for (const use of uses) {
    const definition = placeholderDefinition(use.name);
    const args = placeholderArguments(use.argumentText);
    result += template.slice(position, use.start);
    result += definition === undefined || args === undefined ? template.slice(use.start, use.end) : definition.generate(context, args);
    position = use.end;
  }
  return result + template.slice(position);
}
