// Which topics the Topics view lists and in what order: a name filter (case-insensitive substring,
// or a glob with * and ?), internal topics only when asked, sorted by name or partition count.

export type TopicSort = 'name' | 'partitions';

export interface ListingOptions {
  readonly filter: string;
  readonly sort: TopicSort;
  readonly showInternal: boolean;
}

interface Listable {
  readonly name: string;
  readonly partitions: readonly unknown[];
  readonly internal?: boolean;
}

function nameMatcher(filter: string): (name: string) => boolean {
  const trimmed = filter.trim().toLowerCase();
  if (trimmed === '') {
    return () => true;
  }
  if (!/[*?]/.test(trimmed)) {
    return (name) => name.toLowerCase().includes(trimmed);
  }
  const pattern = trimmed.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  const expression = new RegExp(`^${pattern}$`);
  return (name) => expression.test(name.toLowerCase());
}

export function listTopics<T extends Listable>(topics: readonly T[], options: ListingOptions): T[] {
  const matches = nameMatcher(options.filter);
  const shown = topics.filter((topic) => (options.showInternal || !(topic.internal ?? topic.name.startsWith('__'))) && matches(topic.name));
  return shown.sort((a, b) =>
    options.sort === 'partitions' ? b.partitions.length - a.partitions.length || a.name.localeCompare(b.name) : a.name.localeCompare(b.name),
  );
}

/** "1.5 MB" style sizes for the tree. */
export function formatBytes(bytes: bigint | number | undefined): string {
  if (bytes === undefined) {
    return '?';
  }
  let value = Number(bytes);
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
