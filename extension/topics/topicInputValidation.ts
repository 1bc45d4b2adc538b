// Validation of what a user types when creating a topic, run on every keystroke by the input boxes.
// Mirrors the broker's own rules so most mistakes are caught before a request is sent.

const MAX_TOPIC_NAME_LENGTH = 249;
const LEGAL_TOPIC_NAME = /^[a-zA-Z0-9._-]+$/;
const MAX_PARTITIONS = 10_000;

/** Returns a message explaining why `name` is not a legal topic name, or undefined when it is. */
export function topicNameProblem(name: string): string | undefined {
  if (name.length === 0) {
    return 'A topic name cannot be empty.';
  }
  if (name === '.' || name === '..') {
    return `"${name}" is not allowed as a topic name.`;
  }
  if (name.length > MAX_TOPIC_NAME_LENGTH) {
    return `A topic name has at most ${MAX_TOPIC_NAME_LENGTH} characters (this one has ${name.length}).`;
  }
  if (!LEGAL_TOPIC_NAME.test(name)) {
    return 'A topic name may only contain letters, digits, ".", "_" and "-".';
  }
  return undefined;
}

/** Returns a message explaining why `text` is not a usable partition count, or undefined when it is. */
export function partitionCountProblem(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^[0-9]+$/.test(trimmed)) {
    return 'The number of partitions must be a positive whole number.';
  }
  const count = Number(trimmed);
  if (count < 1) {
    return 'A topic needs at least one partition.';
  }
  if (count > MAX_PARTITIONS) {
    return `At most ${MAX_PARTITIONS} partitions.`;
  }
  return undefined;
}

/** Parses a partition count that `partitionCountProblem` accepted. */
export function parsePartitionCount(text: string): number {
  const problem = partitionCountProblem(text);
  if (problem !== undefined) {
    throw new RangeError(problem);
  }
  return Number(text.trim());
}
