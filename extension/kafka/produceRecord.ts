// Turns the Produce & Tail form into records and sends them: placeholders filled per record, the
// partition chosen here (Java's murmur2 for a key, one sticky partition per send without one) so
// every record's exact offset is known, N records at a rate, with the chosen compression.

import { randomInt, randomUUID } from 'node:crypto';
import type { MessageToProduce, Producer } from '@platformatic/kafka';
import { COMPRESSIONS, type Compression, type HeaderField, type ProducedOffset } from '../../webview/protocol.js';
import { expandTemplate, type TemplateContext } from '../../webview/recordTemplates.js';
import { partitionForKey } from './murmur2.js';
import { canProduceZstd, enableZstd } from './zstdCodec.js';

export interface ProduceForm {
  /** null: no key. */
  readonly key: string | null;
  readonly value: string;
  readonly headers: readonly HeaderField[];
  /** null: by key (murmur2), or one partition per send when there is no key. */
  readonly partition: number | null;
  readonly compression?: Compression;
  readonly count?: number;
  readonly ratePerSecond?: number;
}

export interface ProducedAt {
  readonly partition: number;
  readonly offset: bigint;
}

/**
 * Codecs the extension's @platformatic/kafka can compress with: all of them, zstd through
 * zstdCodec.ts where Node's zlib has none; zstd is left out only if its compressor fails to load.
 */
export async function availableCompressions(): Promise<Compression[]> {
  try {
    await enableZstd();
  } catch {
    // The panel then shows zstd as unavailable instead of failing every zstd send.
  }
  return COMPRESSIONS.filter((codec) => codec !== 'zstd' || canProduceZstd());
}

function templateContext(counter: number): TemplateContext {
  return { counter, timestamp: Date.now(), uuid: randomUUID };
}

/**
 * The record the form describes, its placeholders filled for record number `counter` (1-based);
 * header rows without a name are left out (unfinished rows). `partitionCount` given: the partition
 * is chosen here, by key, or `stickyPartition` for a record without a key.
 */
export function recordFromForm(
  topic: string,
  form: ProduceForm,
  counter = 1,
  partitionCount?: number,
  stickyPartition = 0,
): MessageToProduce {
  const context = templateContext(counter);
  const headers = new Map<Buffer, Buffer>();
  for (const header of form.headers) {
    if (header.key.length > 0) {
      headers.set(Buffer.from(expandTemplate(header.key, context), 'utf8'), Buffer.from(expandTemplate(header.value, context), 'utf8'));
    }
  }
  const key = form.key === null ? undefined : Buffer.from(expandTemplate(form.key, context), 'utf8');
  let partition = form.partition ?? undefined;
  if (partition === undefined && partitionCount !== undefined) {
    partition = key === undefined ? stickyPartition : partitionForKey(key, partitionCount);
  }
  return {
    topic,
    key,
    value: Buffer.from(expandTemplate(form.value, context), 'utf8'),
    headers,
    ...(partition === undefined ? {} : { partition }),
  };
}

/** Each sent record's offset: the broker answers a base offset per partition, records follow in order. */
export function offsetsOfSend(
  messages: readonly MessageToProduce[],
  baseOffsets: ReadonlyMap<number, bigint>,
): ProducedOffset[] {
  const nextInPartition = new Map<number, bigint>(baseOffsets);
  return messages.map((message) => {
    const partition = message.partition ?? -1;
    const offset = nextInPartition.get(partition);
    if (offset === undefined) {
      throw new Error(`The broker did not say where partition ${partition}'s records were written.`);
    }
    nextInPartition.set(partition, offset + 1n);
    return { partition, offset: offset.toString() };
  });
}

/** How many records to send in one request when going as fast as possible. */
const CHUNK = 500;
/** Rate-limited sends are grouped by this tick. */
const TICK_MS = 100;

export interface ProduceRun {
  /** Called after each send with where its records landed and how many were sent so far. */
  progress(produced: readonly ProducedOffset[], sent: number): void;
  /** True when the user asked to stop. */
  stopped(): boolean;
}

/** Records due at `elapsedMs` into a run at `ratePerSecond` (0: everything at once). */
export function recordsDue(elapsedMs: number, ratePerSecond: number, total: number): number {
  if (ratePerSecond <= 0) {
    return total;
  }
  return Math.min(total, Math.floor((elapsedMs / 1000) * ratePerSecond) + 1);
}

/** Sends `form.count` records (1 by default) at the form's rate; returns where the last one landed. */
export async function produceRecords(
  producer: Producer,
  topic: string,
  form: ProduceForm,
  partitionCount: number,
  run: ProduceRun,
): Promise<ProducedAt> {
  if (form.compression === 'zstd') {
    // The client compresses synchronously, so the wasm compressor must be loaded before the first send.
    await enableZstd();
  }
  const total = Math.max(1, form.count ?? 1);
  const rate = form.ratePerSecond ?? 0;
  const startedAt = Date.now();
  let sent = 0;
  let last: ProducedAt | undefined;
  while (sent < total && !run.stopped()) {
    const due = recordsDue(Date.now() - startedAt, rate, total);
    if (due <= sent) {
      await new Promise((resolve) => setTimeout(resolve, TICK_MS));
      continue;
    }
    const count = Math.min(due - sent, CHUNK);
    // Like Java's sticky partitioner, records without a key share one partition per request.
    const sticky = partitionCount > 0 ? randomInt(partitionCount) : 0;
    const messages = Array.from({ length: count }, (_, i) => recordFromForm(topic, form, sent + i + 1, partitionCount, sticky));
    const result = await producer.send({ messages, ...(form.compression === undefined ? {} : { compression: form.compression }) });
    const bases = new Map<number, bigint>();
    for (const entry of result.offsets ?? []) {
      if (entry.topic === topic) {
        bases.set(entry.partition, entry.offset);
      }
    }
    const produced = offsetsOfSend(messages, bases);
    sent += count;
    const end = produced[produced.length - 1];
    last = { partition: end.partition, offset: BigInt(end.offset) };
    run.progress(produced, sent);
  }
  if (last === undefined) {
    throw new Error('Stopped before any record was sent.');
  }
  return last;
}
