// The `{{...}}` placeholders a record template may use: the common faker-style names (in both the
// older and the current @faker-js spellings used by "Tools for Apache Kafka" files), a counter and
// the timestamp, each generated here from a seeded random source without faker itself.

export interface PlaceholderContext {
  /** A number in [0, 1). */
  readonly random: () => number;
  /** 1-based position of the record within one run. */
  readonly counter: number;
  readonly now: number;
}

export interface PlaceholderDefinition {
  /** Every spelling that means this placeholder; the first is the preferred one. */
  readonly names: readonly string[];
  readonly documentation: string;
  /** Whether `(n)` or `(min, max)` arguments are accepted. */
  readonly takesRange?: boolean;
  generate(context: PlaceholderContext, args: readonly number[]): string;
}

const FIRST_NAMES = ['Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances', 'Edsger', 'Radia', 'Tim', 'Katherine', 'John', 'Hedy', 'Donald'];
const LAST_NAMES = ['Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Allen', 'Dijkstra', 'Perlman', 'Berners-Lee', 'Johnson', 'McCarthy', 'Lamarr', 'Knuth'];
const JOB_TITLES = ['Engineer', 'Designer', 'Analyst', 'Manager', 'Architect', 'Consultant', 'Developer', 'Administrator'];
const COUNTRIES = ['France', 'Japan', 'Brazil', 'Canada', 'Kenya', 'Norway', 'India', 'Mexico', 'Australia', 'Germany', 'Chile', 'Vietnam'];
const CITIES = ['Lyon', 'Osaka', 'Recife', 'Calgary', 'Mombasa', 'Bergen', 'Pune', 'Puebla', 'Perth', 'Leipzig', 'Valparaiso', 'Hue'];
const STREETS = ['Main Street', 'Oak Avenue', 'Maple Road', 'Station Lane', 'Harbour Way', 'Mill Street'];
const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne'];
const COMPANY_SUFFIXES = ['Inc', 'LLC', 'Group', 'and Sons', 'Ltd'];
const PRODUCTS = ['Chair', 'Keyboard', 'Lamp', 'Bicycle', 'Kettle', 'Backpack', 'Notebook', 'Headphones'];
const ADJECTIVES = ['Small', 'Sleek', 'Rustic', 'Ergonomic', 'Handmade', 'Modern', 'Durable', 'Quiet'];
const COLORS = ['red', 'orange', 'yellow', 'green', 'blue', 'indigo', 'violet', 'teal', 'black', 'white'];
const WORDS = ['kafka', 'stream', 'record', 'topic', 'broker', 'offset', 'lambda', 'river', 'signal', 'harbor', 'amber', 'quartz', 'meadow', 'vector', 'pixel', 'orbit'];
const DOMAINS = ['example.com', 'example.org', 'example.net'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAY_MS = 86_400_000;

function pick<T>(context: PlaceholderContext, items: readonly T[]): T {
  return items[Math.floor(context.random() * items.length)];
}

function integerBetween(context: PlaceholderContext, min: number, max: number): number {
  return min + Math.floor(context.random() * (max - min + 1));
}

/** `(max)` or `(min, max)`; defaults otherwise. */
function rangeOf(args: readonly number[], defaultMax: number): [number, number] {
  if (args.length >= 2) {
    return [Math.min(args[0], args[1]), Math.max(args[0], args[1])];
  }
  if (args.length === 1) {
    return [0, args[0]];
  }
  return [0, defaultMax];
}

function hex(context: PlaceholderContext, digits: number): string {
  let text = '';
  for (let index = 0; index < digits; index++) {
    text += Math.floor(context.random() * 16).toString(16);
  }
  return text;
}

function uuid(context: PlaceholderContext): string {
  const variant = (8 + Math.floor(context.random() * 4)).toString(16);
  return `${hex(context, 8)}-${hex(context, 4)}-4${hex(context, 3)}-${variant}${hex(context, 3)}-${hex(context, 12)}`;
}

function firstName(context: PlaceholderContext): string {
  return pick(context, FIRST_NAMES);
}

function lastName(context: PlaceholderContext): string {
  return pick(context, LAST_NAMES);
}

function words(context: PlaceholderContext, count: number): string {
  return Array.from({ length: count }, () => pick(context, WORDS)).join(' ');
}

function isoDate(milliseconds: number): string {
  return new Date(milliseconds).toISOString();
}

export const PLACEHOLDERS: readonly PlaceholderDefinition[] = [
  { names: ['counter'], documentation: 'The position of the record in this run: 1, 2, 3…', generate: (c) => String(c.counter) },
  { names: ['timestamp'], documentation: 'The current time in milliseconds since the epoch.', generate: (c) => String(c.now) },
  { names: ['string.uuid', 'random.uuid', 'datatype.uuid'], documentation: 'A random UUID (version 4).', generate: uuid },
  { names: ['person.firstName', 'name.firstName'], documentation: 'A first name.', generate: firstName },
  { names: ['person.lastName', 'name.lastName'], documentation: 'A last name.', generate: lastName },
  { names: ['person.fullName', 'name.findName', 'name.fullName'], documentation: 'A first and last name.', generate: (c) => `${firstName(c)} ${lastName(c)}` },
  { names: ['person.jobTitle', 'name.jobTitle'], documentation: 'A job title.', generate: (c) => pick(c, JOB_TITLES) },
  {
    names: ['internet.email'],
    documentation: 'An e-mail address at an example domain.',
    generate: (c) => `${firstName(c).toLowerCase()}.${lastName(c).toLowerCase()}@${pick(c, DOMAINS)}`,
  },
  {
    names: ['internet.userName', 'internet.username'],
    documentation: 'A user name.',
    generate: (c) => `${firstName(c).toLowerCase()}${integerBetween(c, 1, 99)}`,
  },
  { names: ['internet.url'], documentation: 'A URL at an example domain.', generate: (c) => `https://${pick(c, DOMAINS)}/${pick(c, WORDS)}` },
  {
    names: ['internet.ip', 'internet.ipv4'],
    documentation: 'An IPv4 address.',
    generate: (c) => Array.from({ length: 4 }, () => integerBetween(c, 1, 254)).join('.'),
  },
  {
    names: ['number.int', 'random.number', 'datatype.number'],
    documentation: 'A whole number; `(max)` or `(min, max)` bound it (default 0 to 99999).',
    takesRange: true,
    generate: (c, args) => {
      const [min, max] = rangeOf(args, 99_999);
      return String(integerBetween(c, Math.ceil(min), Math.floor(max)));
    },
  },
  {
    names: ['number.float', 'datatype.float', 'random.float'],
    documentation: 'A number with two decimals; `(max)` or `(min, max)` bound it (default 0 to 100).',
    takesRange: true,
    generate: (c, args) => {
      const [min, max] = rangeOf(args, 100);
      return (min + c.random() * (max - min)).toFixed(2);
    },
  },
  { names: ['datatype.boolean', 'random.boolean'], documentation: 'true or false.', generate: (c) => String(c.random() < 0.5) },
  { names: ['date.past'], documentation: 'An ISO date and time within the past year.', generate: (c) => isoDate(c.now - Math.floor(c.random() * 365 * DAY_MS)) },
  { names: ['date.future'], documentation: 'An ISO date and time within the next year.', generate: (c) => isoDate(c.now + Math.floor(c.random() * 365 * DAY_MS)) },
  { names: ['date.recent'], documentation: 'An ISO date and time within the past day.', generate: (c) => isoDate(c.now - Math.floor(c.random() * DAY_MS)) },
  { names: ['date.soon'], documentation: 'An ISO date and time within the next day.', generate: (c) => isoDate(c.now + Math.floor(c.random() * DAY_MS)) },
  {
    names: ['date.anytime'],
    documentation: 'An ISO date and time within ten years either side of now.',
    generate: (c) => isoDate(c.now + Math.floor((c.random() * 2 - 1) * 3650 * DAY_MS)),
  },
  { names: ['date.month'], documentation: 'A month name.', generate: (c) => pick(c, MONTHS) },
  { names: ['date.weekday'], documentation: 'A weekday name.', generate: (c) => pick(c, WEEKDAYS) },
  { names: ['location.country', 'address.country'], documentation: 'A country.', generate: (c) => pick(c, COUNTRIES) },
  { names: ['location.city', 'address.city'], documentation: 'A city.', generate: (c) => pick(c, CITIES) },
  {
    names: ['location.streetAddress', 'address.streetAddress'],
    documentation: 'A street address.',
    generate: (c) => `${integerBetween(c, 1, 999)} ${pick(c, STREETS)}`,
  },
  {
    names: ['location.zipCode', 'address.zipCode'],
    documentation: 'A five-digit postal code.',
    generate: (c) => String(integerBetween(c, 10_000, 99_999)),
  },
  {
    names: ['company.name', 'company.companyName'],
    documentation: 'A company name.',
    generate: (c) => `${pick(c, COMPANIES)} ${pick(c, COMPANY_SUFFIXES)}`,
  },
  {
    names: ['commerce.productName'],
    documentation: 'A product name.',
    generate: (c) => `${pick(c, ADJECTIVES)} ${pick(c, PRODUCTS)}`,
  },
  { names: ['commerce.price'], documentation: 'A price with two decimals.', generate: (c) => (1 + c.random() * 999).toFixed(2) },
  { names: ['color.human', 'commerce.color'], documentation: 'A color name.', generate: (c) => pick(c, COLORS) },
  { names: ['lorem.word', 'random.word'], documentation: 'A word.', generate: (c) => pick(c, WORDS) },
  { names: ['lorem.words', 'random.words'], documentation: 'A few words.', generate: (c) => words(c, 3) },
  {
    names: ['lorem.sentence'],
    documentation: 'A short sentence.',
    generate: (c) => {
      const text = words(c, 6);
      return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
    },
  },
  {
    names: ['system.semver'],
    documentation: 'A semantic version such as 1.4.2.',
    generate: (c) => `${integerBetween(c, 0, 9)}.${integerBetween(c, 0, 20)}.${integerBetween(c, 0, 30)}`,
  },
  {
    names: ['phone.number', 'phone.phoneNumber'],
    documentation: 'A phone number.',
    generate: (c) => `+1-555-${String(integerBetween(c, 0, 9999)).padStart(4, '0')}`,
  },
];

const BY_NAME = new Map<string, PlaceholderDefinition>();
for (const definition of PLACEHOLDERS) {
  for (const name of definition.names) {
    BY_NAME.set(name, definition);
  }
}

export function placeholderDefinition(name: string): PlaceholderDefinition | undefined {
  return BY_NAME.get(name);
}

export function allPlaceholderNames(): string[] {
  return [...BY_NAME.keys()];
}
