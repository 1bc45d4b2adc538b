// Where a `.kafka` PRODUCER block's records go and how they look once written: each record gets its
// partition here (so every record's exact offset is known afterwards) and becomes a tail row.

import type { MessageToProduce } from '@platformatic/kafka';
import type { ProducedOffset, TailRecord } from '../../webview/protocol.js';
import { partitionForKey } from '../kafka/murmur2.js';
import { bytesToDisplayText } from '../tail/recordText.js';

/**
 * `messages` with a partition each: by key as Java's default partitioner chooses (murmur2, as the
 * panel's form does), and `stickyPartition` for every record without a key, as Java's sticky
 * partitioner keeps one batch together.
 */
export function placeRecords(messages: readonly MessageToProduce[], partitionCount: number, stickyPartition: number): MessageToProduce[] {
  if (!Number.isSafeInteger(partitionCount) || partitionCount < 1) {
    throw new RangeError(`A topic has at least one partition, got ${partitionCount}.`);
  }
  return messages.map((message) => {
    if (message.partition !== undefined) {
      return message;
    }
    const key = message.key ?? undefined;
    return { ...message, partition: key === undefined ? stickyPartition : partitionForKey(key, partitionCount) };
  });
}

/**
 * The tail rows of records just written, paired with where they landed (same order); `timestamp`
 * is the send time (the tail's own copy, with the broker's timestamp, wins if it arrived first).
 */
export function producedTailRecords(messages: readonly MessageToProduce[], offsets: readonly ProducedOffset[], timestamp: number): TailRecord[] {
  if (messages.length !== offsets.length) {
    throw new Error(`${messages.length} records but ${offsets.length} offsets.`);
  }
  return messages.map((message, index) => ({
    partition: offsets[index].partition,
    offset: offsets[index].offset,
    timestamp: String(timestamp),
    key: bytesToDisplayText(message.key ?? null),
    value: bytesToDisplayText(message.value ?? null),
    headers: headerPairs(message).map(([name, value]) => [typeof name === 'string' ? name : (bytesToDisplayText(name) ?? ''), bytesToDisplayText(value)]),
  }));
}

function headerPairs(message: MessageToProduce): [Buffer | string, Buffer][] {
  const headers = message.headers;
  if (headers === undefined) {
    return [];
  }
  return headers instanceof Map ? [...headers] : Object.entries(headers);
}
