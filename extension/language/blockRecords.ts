// Turns a PRODUCER block's arguments into the records to send: placeholders expanded with one seed
// per record, JSON lines split into records, the value read from its file, bytes per format.

import { readFile } from 'node:fs/promises';
import { randomInt } from 'node:crypto';
import type { MessageToProduce } from '@platformatic/kafka';
import { encodeRecordText } from '../../language/formats/recordCodec.js';
import { expandTemplate, type RecordSeed } from '../../language/placeholders/templateExpansion.js';
import type { ProduceBlockArgs } from '../../language/protocol.js';
import { parseFormat } from '../../language/schema/propertyValues.js';

/** One run never sends more than this many records, whatever count × times × lines says. */
export const MAX_RECORDS_PER_RUN = 100_000;

export class BlockRecordsError extends Error {}

function formatOf(text: string, forValue: boolean) {
  const parsed = parseFormat(text, { reading: false, forValue });
  if (!parsed.ok) {
    throw new BlockRecordsError(parsed.problem);
  }
  return parsed.value;
}

async function valueTemplateOf(args: ProduceBlockArgs): Promise<string | undefined> {
  if (args.valueFile === undefined) {
    return args.valueTemplate;
  }
  try {
    return await readFile(args.valueFile, 'utf8');
  } catch (error) {
    throw new BlockRecordsError(`Cannot read the value file ${args.valueFile}: ${(error as Error).message}`);
  }
}

export interface BlockRecordsOptions {
  readonly now?: () => number;
  readonly seed?: () => number;
}

export async function recordsOfBlock(args: ProduceBlockArgs, options: BlockRecordsOptions = {}): Promise<MessageToProduce[]> {
  if (args.topic.length === 0) {
    throw new BlockRecordsError('The block has no topic.');
  }
  const keyFormat = formatOf(args.keyFormat, false);
  const valueFormat = formatOf(args.valueFormat, true);
  const template = await valueTemplateOf(args);
  const valueTemplates =
    template === undefined ? [undefined] : valueFormat.kind === 'json-lines' ? template.split(/\r?\n/).filter((line) => line.trim().length > 0) : [template];
  const total = args.times * args.count * valueTemplates.length;
  if (total > MAX_RECORDS_PER_RUN) {
    throw new BlockRecordsError(`This would produce ${total} records; at most ${MAX_RECORDS_PER_RUN} are sent at once.`);
  }
  const now = options.now ?? Date.now;
  const nextSeed = options.seed ?? (() => randomInt(0, 2 ** 32 - 1));
  const records: MessageToProduce[] = [];
  let counter = 0;
  for (let run = 0; run < args.times * args.count; run++) {
    for (const valueTemplate of valueTemplates) {
      counter++;
      const seed: RecordSeed = { seed: nextSeed(), counter, now: now() };
      const headers = new Map<Buffer, Buffer>();
      for (const header of args.headerTemplates) {
        headers.set(Buffer.from(expandTemplate(header.name, seed), 'utf8'), Buffer.from(expandTemplate(header.value, seed), 'utf8'));
      }
      try {
        const key = args.keyTemplate === undefined ? undefined : encodeRecordText(expandTemplate(args.keyTemplate, seed), keyFormat) ?? undefined;
        const value = valueTemplate === undefined ? undefined : encodeRecordText(expandTemplate(valueTemplate, seed), valueFormat) ?? undefined;
        records.push({ topic: args.topic, key, value, headers });
      } catch (error) {
        throw new BlockRecordsError(`Record ${counter}: ${(error as Error).message}`);
      }
    }
  }
  return records;
}
