// The code lenses above each block (Produce, Produce ×10, Start/Stop consumer, Start/Stop a
// repeating producer) and the command arguments they carry to the extension.

import * as path from 'node:path';
import type { CodeLens, Command } from 'vscode-languageserver-types';
import type { BlockNode, KafkaFile } from '../parser/kafkaFileModel.js';
import {
  PRODUCE_COMMAND,
  START_CONSUMER_COMMAND,
  STOP_BLOCK_COMMAND,
  runningKey,
  type ProduceBlockArgs,
  type StartConsumerArgs,
  type StopBlockArgs,
} from '../protocol.js';
import { parseCount, parseDuration, parseHeaders, parsePartitions, parseStartPosition } from '../schema/propertyValues.js';
import { checkBlock } from './blockChecks.js';

export interface LensInput {
  readonly file: KafkaFile;
  readonly uri: string;
  /** The `.kafka` file's folder on disk, when it has one. */
  readonly folder: string | undefined;
  /** Keys of the blocks that run now (from the extension). */
  readonly running: ReadonlySet<string>;
}

function valueOf(block: BlockNode, name: string): string | undefined {
  return block.properties.find((property) => property.name === name)?.value;
}

function blockKey(uri: string, block: BlockNode): string {
  return runningKey(uri, block.kind, block.name.length > 0 ? block.name : `line ${block.headerLine + 1}`);
}

/** The arguments to produce this block, assuming it has no errors. */
export function produceArgs(block: BlockNode, uri: string, folder: string | undefined, times: number): ProduceBlockArgs {
  const headers = parseHeaders(valueOf(block, 'headers') ?? '');
  const count = parseCount(valueOf(block, 'count') ?? '1');
  const every = valueOf(block, 'every');
  const everyMs = every === undefined ? undefined : parseDuration(every);
  const valueFile = valueOf(block, 'value-file');
  return {
    uri,
    runningKey: blockKey(uri, block),
    label: block.name,
    topic: valueOf(block, 'topic') ?? '',
    keyTemplate: valueOf(block, 'key'),
    headerTemplates: headers.ok ? headers.value : [],
    keyFormat: valueOf(block, 'key-format') ?? 'string',
    valueFormat: valueOf(block, 'value-format') ?? 'string',
    valueTemplate: block.value?.text,
    valueFile: valueFile === undefined ? undefined : path.resolve(folder ?? '.', valueFile),
    count: count.ok ? count.value : 1,
    times,
    everyMs: everyMs?.ok === true ? everyMs.value : undefined,
  };
}

export function consumerArgs(block: BlockNode, uri: string): StartConsumerArgs {
  const from = parseStartPosition(valueOf(block, 'from') ?? 'latest');
  const partitionsText = valueOf(block, 'partitions');
  const partitions = partitionsText === undefined ? undefined : parsePartitions(partitionsText);
  return {
    uri,
    runningKey: blockKey(uri, block),
    groupId: block.name,
    topic: valueOf(block, 'topic') ?? '',
    from: from.ok ? from.value : { kind: 'latest' },
    partitions: partitions?.ok === true ? partitions.value : undefined,
    keyFormat: valueOf(block, 'key-format') ?? 'string',
    valueFormat: valueOf(block, 'value-format') ?? 'string',
  };
}

function lens(block: BlockNode, command: Command): CodeLens {
  return { range: { start: { line: block.headerLine, character: 0 }, end: { line: block.headerLine, character: 0 } }, command };
}

export function lensesFor(input: LensInput): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const block of input.file.blocks) {
    const errors = checkBlock(block).filter((finding) => finding.severity === 'error');
    if (errors.length > 0) {
      const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
      lenses.push(lens(block, { title: `$(error) Cannot run: ${errors[0].message}${more}`, command: '' }));
      continue;
    }
    const key = blockKey(input.uri, block);
    const stop: StopBlockArgs = { runningKey: key };
    if (block.kind === 'consumer') {
      lenses.push(
        input.running.has(key)
          ? lens(block, { title: '$(debug-stop) Stop consumer', command: STOP_BLOCK_COMMAND, arguments: [stop] })
          : lens(block, { title: '$(play) Start consumer', command: START_CONSUMER_COMMAND, arguments: [consumerArgs(block, input.uri)] }),
      );
      continue;
    }
    const once = produceArgs(block, input.uri, input.folder, 1);
    if (once.everyMs !== undefined) {
      lenses.push(
        input.running.has(key)
          ? lens(block, { title: '$(debug-stop) Stop producing', command: STOP_BLOCK_COMMAND, arguments: [stop] })
          : lens(block, { title: `$(play) Produce every ${valueOf(block, 'every')}`, command: PRODUCE_COMMAND, arguments: [once] }),
      );
      continue;
    }
    lenses.push(lens(block, { title: '$(play) Produce', command: PRODUCE_COMMAND, arguments: [once] }));
    lenses.push(lens(block, { title: 'Produce ×10', command: PRODUCE_COMMAND, arguments: [{ ...once, times: 10 }] }));
  }
  return lenses;
}
