// The one message protocol between the Produce & Tail webview and its host in the extension.
// Every message has a `type` discriminant and a guard; both sides dispatch on these and nothing else.

/** One header row as typed in the form. */
export interface HeaderField {
  readonly key: string;
  readonly value: string;
}

/** A record as shown in the tail; bytes are already decoded to text by the host. */
export interface TailRecord {
  readonly partition: number;
  /** Decimal string: offsets are 64-bit and would lose precision as numbers. */
  readonly offset: string;
  /** Milliseconds since the epoch as a decimal string. */
  readonly timestamp: string;
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: readonly (readonly [string, string | null])[];
  /** True when the value was not valid UTF-8 and `value` is its bytes as `0x…` hex. */
  readonly valueIsBinary?: boolean;
}

/** Compression codecs a Kafka producer may use. */
export const COMPRESSIONS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
export type Compression = (typeof COMPRESSIONS)[number];

/** Where a (re)started tail begins reading. */
export type TailStart =
  | { readonly kind: 'latest' }
  | { readonly kind: 'earliest' }
  /** The same offset in every chosen partition (clamped by the broker's log range). */
  | { readonly kind: 'offset'; readonly offset: string }
  /** The first record at or after this time (ListOffsets by timestamp), in ms since the epoch. */
  | { readonly kind: 'timestamp'; readonly timestamp: number }
  /** Exactly these offsets: used to jump to records just produced. */
  | { readonly kind: 'exact'; readonly offsets: readonly ProducedOffset[] };

export interface ProducedOffset {
  readonly partition: number;
  readonly offset: string;
}

// Webview -> host

/** The webview's script has loaded and wants the initial state. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/**
 * The user pressed Produce. `partition` null means by key (the Java default partitioner), or any
 * partition when there is no key. Key, value and header values may hold templates ({{counter}}…),
 * expanded per record by the host. `count` records are sent at `ratePerSecond` (0: as fast as possible).
 */
export interface ProduceRequestMessage {
  readonly type: 'produce';
  readonly requestId: number;
  readonly key: string | null;
  readonly value: string;
  readonly headers: readonly HeaderField[];
  readonly partition: number | null;
  readonly compression?: Compression;
  readonly count?: number;
  readonly ratePerSecond?: number;
}

/** The user stopped a running multi-record produce. */
export interface StopProducingMessage {
  readonly type: 'stopProducing';
  readonly requestId: number;
}

/** The user pressed Clear on the tail. */
export interface ClearTailMessage {
  readonly type: 'clearTail';
  /** The webview's list epoch after this clear; later batches carry it (see TailRecordsMessage). */
  readonly epoch?: number;
}

/** (Re)start the tail from `from` on `partitions` (null: all partitions). */
export interface StartTailMessage {
  readonly type: 'startTail';
  readonly from: TailStart;
  readonly partitions: readonly number[] | null;
  /** The webview's list epoch after this restart; later batches carry it (see TailRecordsMessage). */
  readonly epoch?: number;
}

export interface PauseTailMessage {
  readonly type: 'pauseTail';
  readonly paused: boolean;
}

/** Save these records (the ones visible in the tail) to a file the user picks. */
export interface ExportRecordsMessage {
  readonly type: 'exportRecords';
  readonly format: 'json' | 'csv';
  readonly records: readonly TailRecord[];
}

/** Put text on the clipboard (the webview's own clipboard access is unreliable inside VS Code). */
export interface CopyTextMessage {
  readonly type: 'copyText';
  readonly text: string;
}

/**
 * The webview has taken in the `tailRecords` batch `batch` (and drawn a frame since): the host keeps
 * only a few batches unacknowledged, so a tail catching up cannot flood the panel.
 */
export interface TailAckMessage {
  readonly type: 'tailAck';
  readonly batch: number;
}

export type WebviewToHostMessage =
  | ReadyMessage
  | ProduceRequestMessage
  | StopProducingMessage
  | ClearTailMessage
  | StartTailMessage
  | PauseTailMessage
  | ExportRecordsMessage
  | CopyTextMessage
  | TailAckMessage;

// Host -> webview

/** Sent after `ready` and whenever the topic's partitions change. */
export interface InitMessage {
  readonly type: 'init';
  readonly topic: string;
  readonly partitions: readonly number[];
  /** Codecs this host can compress with (zstd only once its wasm compressor has loaded). */
  readonly compressions?: readonly Compression[];
}

/** Progress or end of a `produce`: where the records sent so far landed. */
export interface ProduceResultMessage {
  readonly type: 'produceResult';
  readonly requestId: number;
  /** Where the last record landed. */
  readonly partition: number;
  readonly offset: string;
  /** Every record sent for this request so far (at most the last few hundred). */
  readonly produced?: readonly ProducedOffset[];
  readonly sent?: number;
  readonly total?: number;
  /** False while more records of this request are still to be sent. */
  readonly done?: boolean;
  /** Set when the records were produced outside the form (e.g. "block \"x\" of a.kafka"); `requestId` is then 0. */
  readonly from?: string;
}

/** Reply to `produce` when producing failed (or was refused before anything was sent). */
export interface ProduceFailedMessage {
  readonly type: 'produceFailed';
  readonly requestId: number;
  readonly error: string;
}

/** New records read by the tail, in the order they were read (batched by the host). */
export interface TailRecordsMessage {
  readonly type: 'tailRecords';
  readonly records: readonly TailRecord[];
  /** The id to acknowledge with `tailAck` once the batch is taken in. */
  readonly batch?: number;
  /**
   * Records read before these (and after the previous batch) that the host let go while the webview
   * was behind: they are older than the newest the list keeps, so they count as dropped.
   */
  readonly dropped?: number;
  /**
   * The epoch of the last `startTail` or `clearTail` the host had heard of when it sent this batch: the
   * webview ignores batches from before its latest clear or restart, which were on their way meanwhile.
   */
  readonly epoch?: number;
}

/** The tail's state changed: `live` while it reads, `error` with a reason when it cannot. */
export interface TailStatusMessage {
  readonly type: 'tailStatus';
  readonly state: 'starting' | 'live' | 'paused' | 'error';
  readonly error?: string;
  /** The partitions the tail is assigned. */
  readonly partitions?: readonly number[];
}

/** Outcome of `exportRecords`: `path` saved, or `error`; neither when the user cancelled. */
export interface ExportResultMessage {
  readonly type: 'exportResult';
  readonly path?: string;
  readonly error?: string;
}

export type HostToWebviewMessage =
  | InitMessage
  | ProduceResultMessage
  | ProduceFailedMessage
  | TailRecordsMessage
  | TailStatusMessage
  | ExportResultMessage;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isNullableString(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}

function isNonNegativeInteger(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isOffsetText(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9]{1,19}$/.test(value);
}

function isHeaderField(value: unknown): value is HeaderField {
  return isObject(value) && typeof value.key === 'string' && typeof value.value === 'string';
}

function isProducedOffset(value: unknown): value is ProducedOffset {
  return isObject(value) && isNonNegativeInteger(value.partition) && isOffsetText(value.offset);
}

export function isCompression(value: unknown): value is Compression {
  return typeof value === 'string' && (COMPRESSIONS as readonly string[]).includes(value);
}

export function isTailStart(value: unknown): value is TailStart {
  if (!isObject(value)) {
    return false;
  }
  switch (value.kind) {
    case 'latest':
    case 'earliest':
      return true;
    case 'offset':
      return isOffsetText(value.offset);
    case 'timestamp':
      return isNonNegativeInteger(value.timestamp);
    case 'exact':
      return Array.isArray(value.offsets) && value.offsets.length > 0 && value.offsets.every(isProducedOffset);
    default:
      return false;
  }
}

export function isReadyMessage(value: unknown): value is ReadyMessage {
  return isObject(value) && value.type === 'ready';
}

export function isClearTailMessage(value: unknown): value is ClearTailMessage {
  return isObject(value) && value.type === 'clearTail' && (value.epoch === undefined || isNonNegativeInteger(value.epoch));
}

export function isProduceRequestMessage(value: unknown): value is ProduceRequestMessage {
  return (
    isObject(value) &&
    value.type === 'produce' &&
    Number.isSafeInteger(value.requestId) &&
    isNullableString(value.key) &&
    typeof value.value === 'string' &&
    Array.isArray(value.headers) &&
    value.headers.every(isHeaderField) &&
    (value.partition === null || isNonNegativeInteger(value.partition)) &&
    (value.compression === undefined || isCompression(value.compression)) &&
    (value.count === undefined || (isNonNegativeInteger(value.count) && value.count >= 1)) &&
    (value.ratePerSecond === undefined || (typeof value.ratePerSecond === 'number' && Number.isFinite(value.ratePerSecond) && value.ratePerSecond >= 0))
  );
}

function isTailRecord(value: unknown): value is TailRecord {
  return (
    isObject(value) &&
    Number.isSafeInteger(value.partition) &&
    typeof value.offset === 'string' &&
    typeof value.timestamp === 'string' &&
    isNullableString(value.key) &&
    isNullableString(value.value) &&
    Array.isArray(value.headers) &&
    value.headers.every(
      (header: unknown) => Array.isArray(header) && typeof header[0] === 'string' && isNullableString(header[1]),
    ) &&
    (value.valueIsBinary === undefined || typeof value.valueIsBinary === 'boolean')
  );
}

export function isWebviewToHostMessage(value: unknown): value is WebviewToHostMessage {
  if (!isObject(value)) {
    return false;
  }
  switch (value.type) {
    case 'ready':
      return true;
    case 'clearTail':
      return isClearTailMessage(value);
    case 'produce':
      return isProduceRequestMessage(value);
    case 'stopProducing':
      return Number.isSafeInteger(value.requestId);
    case 'startTail':
      return (
        isTailStart(value.from) &&
        (value.partitions === null || (Array.isArray(value.partitions) && value.partitions.every(isNonNegativeInteger))) &&
        (value.epoch === undefined || isNonNegativeInteger(value.epoch))
      );
    case 'pauseTail':
      return typeof value.paused === 'boolean';
    case 'exportRecords':
      return (value.format === 'json' || value.format === 'csv') && Array.isArray(value.records) && value.records.every(isTailRecord);
    case 'copyText':
      return typeof value.text === 'string';
    case 'tailAck':
      return isNonNegativeInteger(value.batch);
    default:
      return false;
  }
}

export function isHostToWebviewMessage(value: unknown): value is HostToWebviewMessage {
  if (!isObject(value)) {
    return false;
  }
  switch (value.type) {
    case 'init':
      return (
        typeof value.topic === 'string' &&
        Array.isArray(value.partitions) &&
        value.partitions.every(isNonNegativeInteger) &&
        (value.compressions === undefined || (Array.isArray(value.compressions) && value.compressions.every(isCompression)))
      );
    case 'produceResult':
      return (
        Number.isSafeInteger(value.requestId) &&
        isNonNegativeInteger(value.partition) &&
        typeof value.offset === 'string' &&
        (value.produced === undefined || (Array.isArray(value.produced) && value.produced.every(isProducedOffset))) &&
        (value.from === undefined || typeof value.from === 'string')
      );
    case 'produceFailed':
      return Number.isSafeInteger(value.requestId) && typeof value.error === 'string';
    case 'tailRecords':
      return (
        Array.isArray(value.records) &&
        value.records.every(isTailRecord) &&
        (value.batch === undefined || isNonNegativeInteger(value.batch)) &&
        (value.dropped === undefined || isNonNegativeInteger(value.dropped)) &&
        (value.epoch === undefined || isNonNegativeInteger(value.epoch))
      );
    case 'tailStatus':
      return (
        (value.state === 'starting' || value.state === 'live' || value.state === 'paused' || value.state === 'error') &&
        (value.error === undefined || typeof value.error === 'string')
      );
    case 'exportResult':
      return (value.path === undefined || typeof value.path === 'string') && (value.error === undefined || typeof value.error === 'string');
    default:
      return false;
  }
}
