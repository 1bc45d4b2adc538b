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
}

// Webview -> host

/** The webview's script has loaded and wants the initial state. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** The user pressed Produce. `partition` null means the partitioner chooses from the key. */
export interface ProduceRequestMessage {
  readonly type: 'produce';
  readonly requestId: number;
  readonly key: string | null;
  readonly value: string;
  readonly headers: readonly HeaderField[];
  readonly partition: number | null;
}

/** The user pressed Clear on the tail. */
export interface ClearTailMessage {
  readonly type: 'clearTail';
}

export type WebviewToHostMessage = ReadyMessage | ProduceRequestMessage | ClearTailMessage;

// Host -> webview

/** Sent after `ready` and whenever the topic's partitions change. */
export interface InitMessage {
  readonly type: 'init';
  readonly topic: string;
  readonly partitions: readonly number[];
}

/** Reply to `produce` when the broker acknowledged the record. */
export interface ProduceResultMessage {
  readonly type: 'produceResult';
  readonly requestId: number;
  readonly partition: number;
  readonly offset: string;
}

/** Reply to `produce` when producing failed. */
export interface ProduceFailedMessage {
  readonly type: 'produceFailed';
  readonly requestId: number;
  readonly error: string;
}

/** New records read by the tail, in the order they were read. */
export interface TailRecordsMessage {
  readonly type: 'tailRecords';
  readonly records: readonly TailRecord[];
}

/** The tail's state changed: `live` while it reads, `error` with a reason when it cannot. */
export interface TailStatusMessage {
  readonly type: 'tailStatus';
  readonly state: 'starting' | 'live' | 'error';
  readonly error?: string;
}

export type HostToWebviewMessage =
  | InitMessage
  | ProduceResultMessage
  | ProduceFailedMessage
  | TailRecordsMessage
  | TailStatusMessage;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isNullableString(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}

function isHeaderField(value: unknown): value is HeaderField {
  return isObject(value) && typeof value.key === 'string' && typeof value.value === 'string';
}

export function isReadyMessage(value: unknown): value is ReadyMessage {
  return isObject(value) && value.type === 'ready';
}

export function isClearTailMessage(value: unknown): value is ClearTailMessage {
  return isObject(value) && value.type === 'clearTail';
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
    (value.partition === null || (Number.isSafeInteger(value.partition) && (value.partition as number) >= 0))
  );
}

export function isWebviewToHostMessage(value: unknown): value is WebviewToHostMessage {
  return isReadyMessage(value) || isProduceRequestMessage(value) || isClearTailMessage(value);
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
    )
  );
}

export function isInitMessage(value: unknown): value is InitMessage {
  return (
    isObject(value) &&
    value.type === 'init' &&
    typeof value.topic === 'string' &&
    Array.isArray(value.partitions) &&
    value.partitions.every((p: unknown) => Number.isSafeInteger(p))
  );
}

export function isProduceResultMessage(value: unknown): value is ProduceResultMessage {
  return (
    isObject(value) &&
    value.type === 'produceResult' &&
    Number.isSafeInteger(value.requestId) &&
    Number.isSafeInteger(value.partition) &&
    typeof value.offset === 'string'
  );
}

export function isProduceFailedMessage(value: unknown): value is ProduceFailedMessage {
  return (
    isObject(value) &&
    value.type === 'produceFailed' &&
    Number.isSafeInteger(value.requestId) &&
    typeof value.error === 'string'
  );
}

export function isTailRecordsMessage(value: unknown): value is TailRecordsMessage {
  return isObject(value) && value.type === 'tailRecords' && Array.isArray(value.records) && value.records.every(isTailRecord);
}

export function isTailStatusMessage(value: unknown): value is TailStatusMessage {
  return (
    isObject(value) &&
    value.type === 'tailStatus' &&
    (value.state === 'starting' || value.state === 'live' || value.state === 'error') &&
    (value.error === undefined || typeof value.error === 'string')
  );
}

export function isHostToWebviewMessage(value: unknown): value is HostToWebviewMessage {
  return (
    isInitMessage(value) ||
    isProduceResultMessage(value) ||
    isProduceFailedMessage(value) ||
    isTailRecordsMessage(value) ||
    isTailStatusMessage(value)
  );
}
