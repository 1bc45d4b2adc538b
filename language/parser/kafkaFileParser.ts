// Parses the text of a `.kafka` file into blocks in one linear pass over its lines. It never
// throws: whatever it does not understand is kept as malformed or stray text for diagnostics.

import { closestPropertyName, propertyDefinition } from '../schema/blockProperties.js';
import type { BlockKind, BlockNode, KafkaFile, LineSpan, MalformedLine, PropertyNode, StrayText, ValueNode } from './kafkaFileModel.js';

const HEADER = /^(PRODUCER|CONSUMER)(?=\s|$)/;
/** A property name as people write them: letters, digits, dots, dashes, underscores. */
const PROPERTY_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

export function isCommentLine(line: string): boolean {
  return line.trimStart().startsWith('--');
}

export function isSeparatorLine(line: string): boolean {
  return line.trimStart().startsWith('###');
}

export function headerKind(line: string): BlockKind | undefined {
  const match = HEADER.exec(line);
  if (match === null) {
    return undefined;
  }
  return match[1] === 'PRODUCER' ? 'producer' : 'consumer';
}

function isBlank(line: string): boolean {
  return line.trim().length === 0;
}

/** Splits `name: value` at the first colon; undefined when the line has no colon or no name. */
export function splitProperty(line: string, lineNumber: number): PropertyNode | undefined {
  const colon = line.indexOf(':');
  if (colon <= 0) {
    return undefined;
  }
  const rawName = line.slice(0, colon);
  const name = rawName.trim();
  if (name.length === 0) {
    return undefined;
  }
  const nameStart = rawName.length - rawName.trimStart().length;
  const rawValue = line.slice(colon + 1);
  const value = rawValue.trim();
  const valueStart = value.length === 0 ? colon + 1 : colon + 1 + (rawValue.length - rawValue.trimStart().length);
  return {
    name,
    nameSpan: { line: lineNumber, start: nameStart, end: nameStart + name.length },
    value,
    valueSpan: { line: lineNumber, start: valueStart, end: valueStart + value.length },
  };
}

/**
 * In a PRODUCER block a `name: value` line is a property when the name is known or close to a known
 * one (so a misspelling is reported instead of silently becoming the record value); any other line
 * starts the value, as in the "Tools for Apache Kafka" extension.
 */
function producerPropertyAt(line: string, lineNumber: number): PropertyNode | undefined {
  const property = splitProperty(line, lineNumber);
  if (property === undefined || !PROPERTY_NAME.test(property.name)) {
    return undefined;
  }
  if (propertyDefinition('producer', property.name) !== undefined || closestPropertyName('producer', property.name) !== undefined) {
    return property;
  }
  return undefined;
}

interface BlockBuilder {
  kind: BlockKind;
  headerLine: number;
  name: string;
  nameSpan: LineSpan;
  properties: PropertyNode[];
  malformed: MalformedLine[];
  valueStart: number | undefined;
  lastContentLine: number;
}

function startBlock(kind: BlockKind, line: string, lineNumber: number): BlockBuilder {
  const keywordLength = kind === 'producer' ? 'PRODUCER'.length : 'CONSUMER'.length;
  const rest = line.slice(keywordLength);
  const name = rest.trim();
  const nameStart = name.length === 0 ? line.length : keywordLength + (rest.length - rest.trimStart().length);
  return {
    kind,
    headerLine: lineNumber,
    name,
    nameSpan: { line: lineNumber, start: nameStart, end: nameStart + name.length },
    properties: [],
    malformed: [],
    valueStart: undefined,
    lastContentLine: lineNumber,
  };
}

function finishBlock(builder: BlockBuilder, lines: readonly string[], endLine: number, extentEndLine: number): BlockNode {
  let value: ValueNode | undefined;
  if (builder.valueStart !== undefined) {
    let last = endLine;
    while (last > builder.valueStart && isBlank(lines[last])) {
      last--;
    }
    value = { text: lines.slice(builder.valueStart, last + 1).join('\n'), startLine: builder.valueStart, endLine: last };
  }
  return {
    kind: builder.kind,
    headerLine: builder.headerLine,
    endLine,
    extentEndLine,
    name: builder.name,
    nameSpan: builder.nameSpan,
    properties: builder.properties,
    value,
    malformed: builder.malformed,
  };
}

function addBlockLine(builder: BlockBuilder, line: string, lineNumber: number): void {
  if (builder.valueStart !== undefined) {
    if (!isBlank(line)) {
      builder.lastContentLine = lineNumber;
    }
    return;
  }
  if (isBlank(line) || isCommentLine(line)) {
    return;
  }
  builder.lastContentLine = lineNumber;
  if (builder.kind === 'producer') {
    const property = producerPropertyAt(line, lineNumber);
    if (property !== undefined) {
      builder.properties.push(property);
    } else {
      builder.valueStart = lineNumber;
    }
    return;
  }
  const property = splitProperty(line, lineNumber);
  if (property !== undefined) {
    builder.properties.push(property);
  } else {
    const start = line.length - line.trimStart().length;
    builder.malformed.push({ span: { line: lineNumber, start, end: line.trimEnd().length }, text: line.trim() });
  }
}

export function parseKafkaFile(text: string): KafkaFile {
  return parseKafkaLines(splitLines(text));
}

export function parseKafkaLines(lines: readonly string[]): KafkaFile {
  const steps = parseKafkaLinesInSteps(lines, Number.POSITIVE_INFINITY);
  let step = steps.next();
  while (step.done !== true) {
    step = steps.next();
  }
  return step.value;
}

/**
 * The same parse, pausing (yielding) after every `linesPerStep` lines, so the language server can
 * answer requests between steps of a huge file instead of being held up by one long parse.
 */
export function* parseKafkaLinesInSteps(lines: readonly string[], linesPerStep: number): Generator<void, KafkaFile, void> {
  const blocks: BlockNode[] = [];
  const stray: StrayText[] = [];
  let current: BlockBuilder | undefined;
  let strayRun: { startLine: number; endLine: number } | undefined;
  const closeBlock = (extentEndLine: number): void => {
    if (current !== undefined) {
      blocks.push(finishBlock(current, lines, current.lastContentLine, extentEndLine));
      current = undefined;
    }
  };
  const closeStray = (): void => {
    if (strayRun !== undefined) {
      stray.push(strayRun);
      strayRun = undefined;
    }
  };
  for (let lineNumber = 0; lineNumber < lines.length; lineNumber++) {
    if (lineNumber > 0 && lineNumber % linesPerStep === 0) {
      yield;
    }
    const line = lines[lineNumber];
    const kind = headerKind(line);
    if (kind !== undefined) {
      closeBlock(lineNumber - 1);
      closeStray();
      current = startBlock(kind, line, lineNumber);
      continue;
    }
    if (isSeparatorLine(line)) {
      closeBlock(lineNumber - 1);
      closeStray();
      continue;
    }
    if (current !== undefined) {
      addBlockLine(current, line, lineNumber);
      continue;
    }
    if (isBlank(line) || isCommentLine(line)) {
      continue;
    }
    if (strayRun === undefined) {
      strayRun = { startLine: lineNumber, endLine: lineNumber };
    } else {
      strayRun.endLine = lineNumber;
    }
  }
  closeBlock(lines.length - 1);
  closeStray();
  return { blocks, stray, lineCount: lines.length };
}

/**
 * The block whose extent includes `line` (its header up to the next separator or header, blank
 * lines included, so a line being typed under a block belongs to it), if any.
 */
export function blockAtLine(file: KafkaFile, line: number): BlockNode | undefined {
  let low = 0;
  let high = file.blocks.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const block = file.blocks[middle];
    if (line < block.headerLine) {
      high = middle - 1;
    } else if (line > block.extentEndLine) {
      low = middle + 1;
    } else {
      return block;
    }
  }
  return undefined;
}
