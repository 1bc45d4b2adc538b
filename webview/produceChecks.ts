// Checks of the produce form run before anything is sent; each returns a message to show in place,
// or undefined when the input is fine.

import { expandTemplate } from './recordTemplates.js';

export const MAX_PRODUCE_COUNT = 1_000_000;

/** When the value is meant to be JSON: is it, once its placeholders are filled in? */
export function jsonValueProblem(value: string): string | undefined {
  const sample = expandTemplate(value, { counter: 1, timestamp: 0, uuid: () => '00000000-0000-4000-8000-000000000000' });
  try {
    JSON.parse(sample);
    return undefined;
  } catch (error) {
    return `The value is not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** `text` is the explicit partition typed or chosen; `partitions` the topic's partition indexes. */
export function partitionProblem(text: string, partitions: readonly number[]): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') {
    return undefined;
  }
  if (!/^[0-9]+$/.test(trimmed)) {
    return 'The partition must be a whole number (or empty for "by key").';
  }
  const partition = Number(trimmed);
  if (!partitions.includes(partition)) {
    const count = partitions.length;
    return count === 0
      ? `Partition ${partition} does not exist: the topic's partitions are not known yet.`
      : `Partition ${partition} is out of range: this topic has partitions 0 to ${count - 1}.`;
  }
  return undefined;
}

export function countProblem(text: string): string | undefined {
  if (!/^[0-9]+$/.test(text.trim()) || Number(text) < 1) {
    return 'The number of records must be a whole number of at least 1.';
  }
  if (Number(text) > MAX_PRODUCE_COUNT) {
    return `At most ${MAX_PRODUCE_COUNT.toLocaleString('en-US')} records at once.`;
  }
  return undefined;
}

export function rateProblem(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') {
    return undefined;
  }
  const rate = Number(trimmed);
  if (!Number.isFinite(rate) || rate < 0) {
    return 'The rate must be a number of records per second (0 or empty: as fast as possible).';
  }
  return undefined;
}
