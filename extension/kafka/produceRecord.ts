// Turns the Produce & Tail form into a record and sends it, answering with where it landed.

import type { MessageToProduce, Producer } from '@platformatic/kafka';
import type { HeaderField } from '../../webview/protocol.js';

export interface ProduceForm {
  /** null: no key. */
  readonly key: string | null;
  readonly value: string;
  readonly headers: readonly HeaderField[];
  /** null: the partitioner chooses from the key. */
  readonly partition: number | null;
}

export interface ProducedAt {
  readonly partition: number;
  readonly offset: bigint;
}

/** The record the form describes; header rows without a name are left out (they are unfinished rows). */
export function recordFromForm(topic: string, form: ProduceForm): MessageToProduce {
  const headers = new Map<Buffer, Buffer>();
  for (const header of form.headers) {
    if (header.key.length > 0) {
      headers.set(Buffer.from(header.key, 'utf8'), Buffer.from(header.value, 'utf8'));
    }
  }
  return {
    topic,
    key: form.key === null ? undefined : Buffer.from(form.key, 'utf8'),
    value: Buffer.from(form.value, 'utf8'),
    headers,
    ...(form.partition === null ? {} : { partition: form.partition }),
  };
}

export async function produceRecord(producer: Producer, topic: string, form: ProduceForm): Promise<ProducedAt> {
  const result = await producer.send({ messages: [recordFromForm(topic, form)] });
  const written = result.offsets?.find((entry) => entry.topic === topic);
  if (written === undefined) {
    throw new Error('The broker acknowledged the record without saying where it was written.');
  }
  return { partition: written.partition, offset: written.offset };
}
