// The checks that need nothing but the text: unknown, duplicate and missing properties, invalid
// values and formats, invalid JSON, unsupported placeholders, stray text. One finding per problem.

import type { BlockNode, KafkaFile, LineSpan } from '../parser/kafkaFileModel.js';
import { findPlaceholders, placeholderProblem } from '../placeholders/templateExpansion.js';
import { findJsonSyntaxError } from './jsonSyntax.js';
import { closestPropertyName, propertyDefinition } from '../schema/blockProperties.js';
import {
  parseCount,
  parseDuration,
  parseFormat,
  parseHeaders,
  parsePartitions,
  parseStartPosition,
  type Parsed,
} from '../schema/propertyValues.js';

export type Severity = 'error' | 'warning' | 'information';

export interface Finding {
  /** Start and end may be on different lines (JSON errors, stray runs). */
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
  readonly severity: Severity;
  readonly message: string;
  /** A stable name for the kind of problem (tests and quick fixes match on it). */
  readonly code: string;
}

/** A file with more problems than this gets one more finding saying the rest were left out. */
export const MAX_FINDINGS = 500;
const MAX_JSON_LINE_FINDINGS = 20;

function spanFinding(span: LineSpan, severity: Severity, code: string, message: string): Finding {
  // A zero-width span is widened by one character so editors can show it.
  return {
    start: { line: span.line, character: span.start },
    end: { line: span.line, character: Math.max(span.end, span.start + 1) },
    severity,
    code,
    message,
  };
}

function checkValue<T>(findings: Finding[], span: LineSpan, parsed: Parsed<T>, code: string): void {
  if (!parsed.ok) {
    findings.push(spanFinding(span, 'error', code, parsed.problem));
  }
}

/** Replaces each `{{...}}` by `0` and spaces of the same length, so JSON positions stay put and placeholders inside or outside strings stay valid. */
export function maskPlaceholders(text: string): string {
  const uses = findPlaceholders(text);
  if (uses.length === 0) {
    return text;
  }
  let result = '';
  let position = 0;
  for (const use of uses) {
    result += text.slice(position, use.start) + '0' + ' '.repeat(use.end - use.start - 1);
    position = use.end;
  }
  return result + text.slice(position);
}

function offsetToPosition(text: string, offset: number, firstLine: number): { line: number; character: number } {
  let line = firstLine;
  let lineStart = 0;
  let index = text.indexOf('\n');
  while (index !== -1 && index < offset) {
    line++;
    lineStart = index + 1;
    index = text.indexOf('\n', lineStart);
  }
  return { line, character: offset - lineStart };
}

function jsonProblem(text: string): { message: string; offset: number } | undefined {
  const error = findJsonSyntaxError(maskPlaceholders(text));
  return error === undefined ? undefined : { message: error.message, offset: error.offset };
}

function checkJsonValue(findings: Finding[], block: BlockNode, lines: boolean): void {
  const value = block.value;
  if (value === undefined) {
    return;
  }
  if (!lines) {
    const problem = jsonProblem(value.text);
    if (problem !== undefined) {
      const start = offsetToPosition(value.text, problem.offset, value.startLine);
      findings.push({
        start,
        end: { line: start.line, character: start.character + 1 },
        severity: 'error',
        code: 'invalid-json',
        message: `Invalid JSON value (value-format is json): ${problem.message}`,
      });
    }
    return;
  }
  const valueLines = value.text.split('\n');
  let reported = 0;
  for (let index = 0; index < valueLines.length; index++) {
    const line = valueLines[index];
    if (line.trim().length === 0) {
      continue;
    }
    const problem = jsonProblem(line);
    if (problem === undefined) {
      continue;
    }
    if (reported === MAX_JSON_LINE_FINDINGS) {
      findings.push(
        spanFinding({ line: value.startLine + index, start: 0, end: line.length }, 'error', 'invalid-json', 'More lines are not valid JSON; only the first ones are reported.'),
      );
      return;
    }
    reported++;
    findings.push(
      spanFinding(
        { line: value.startLine + index, start: problem.offset, end: problem.offset + 1 },
        'error',
        'invalid-json',
        `Invalid JSON line (value-format is json-lines): ${problem.message}`,
      ),
    );
  }
}

function checkPlaceholders(findings: Finding[], text: string, line: number, column: number): void {
  for (const use of findPlaceholders(text)) {
    const problem = placeholderProblem(use);
    if (problem !== undefined) {
      const start = offsetToPosition(text, use.start, line);
      const end = offsetToPosition(text, use.end, line);
      findings.push({
        start: { line: start.line, character: start.line === line ? start.character + column : start.character },
        end: { line: end.line, character: end.line === line ? end.character + column : end.character },
        severity: 'warning',
        code: 'unsupported-placeholder',
        message: problem,
      });
    }
  }
}

function checkProperties(findings: Finding[], block: BlockNode): void {
  const seen = new Set<string>();
  for (const property of block.properties) {
    const definition = propertyDefinition(block.kind, property.name);
    if (definition === undefined) {
      const guess = closestPropertyName(block.kind, property.name);
      const owner = block.kind === 'producer' ? 'PRODUCER' : 'CONSUMER';
      const hint = guess !== undefined && propertyDefinition(block.kind, guess) !== undefined ? ` Did you mean "${guess}"?` : '';
      findings.push(spanFinding(property.nameSpan, 'error', 'unknown-property', `Unknown ${owner} property "${property.name}".${hint}`));
      continue;
    }
    if (seen.has(property.name)) {
      findings.push(spanFinding(property.nameSpan, 'error', 'duplicate-property', `Duplicate property "${property.name}"; the first one is used.`));
      continue;
    }
    seen.add(property.name);
    const reading = block.kind === 'consumer';
    switch (property.name) {
      case 'topic':
        if (property.value.length === 0) {
          findings.push(spanFinding(property.valueSpan, 'error', 'empty-topic', 'The topic is empty.'));
        }
        break;
      case 'key-format':
        checkValue(findings, property.valueSpan, parseFormat(property.value, { reading, forValue: false }), 'invalid-format');
        break;
      case 'value-format':
        checkValue(findings, property.valueSpan, parseFormat(property.value, { reading, forValue: true }), 'invalid-format');
        break;
      case 'from':
        checkValue(findings, property.valueSpan, parseStartPosition(property.value), 'invalid-from');
        break;
      case 'partitions':
        checkValue(findings, property.valueSpan, parsePartitions(property.value), 'invalid-partitions');
        break;
      case 'every':
        checkValue(findings, property.valueSpan, parseDuration(property.value), 'invalid-every');
        break;
      case 'count':
        checkValue(findings, property.valueSpan, parseCount(property.value), 'invalid-count');
        break;
      case 'headers':
        checkValue(findings, property.valueSpan, parseHeaders(property.value), 'invalid-headers');
        checkPlaceholders(findings, property.value, property.valueSpan.line, property.valueSpan.start);
        break;
      case 'key':
        checkPlaceholders(findings, property.value, property.valueSpan.line, property.valueSpan.start);
        break;
      case 'value-file':
        if (property.value.length === 0) {
          findings.push(spanFinding(property.valueSpan, 'error', 'empty-value-file', 'The value file is empty.'));
        }
        break;
    }
  }
}

export function checkBlock(block: BlockNode): Finding[] {
  const findings: Finding[] = [];
  const header = { line: block.headerLine, start: 0, end: block.kind === 'producer' ? 'PRODUCER'.length : 'CONSUMER'.length };
  checkProperties(findings, block);
  const topic = block.properties.find((property) => property.name === 'topic');
  if (topic === undefined) {
    findings.push(spanFinding(header, 'error', 'missing-topic', `This ${block.kind === 'producer' ? 'PRODUCER' : 'CONSUMER'} block has no "topic" property.`));
  }
  for (const line of block.malformed) {
    findings.push(spanFinding(line.span, 'error', 'malformed-line', `Expected "name: value" in a CONSUMER block, found "${line.text.length > 40 ? `${line.text.slice(0, 40)}…` : line.text}".`));
  }
  if (block.kind === 'consumer') {
    if (block.name.length === 0) {
      findings.push(spanFinding(header, 'error', 'missing-group', 'A CONSUMER block needs a group id: CONSUMER <group-id>.'));
    }
    return findings;
  }
  const valueFile = block.properties.find((property) => property.name === 'value-file');
  if (valueFile !== undefined && block.value !== undefined) {
    findings.push(spanFinding(valueFile.nameSpan, 'error', 'value-and-file', 'This block has both a value and a value-file; keep one.'));
  }
  if (block.value === undefined && valueFile === undefined) {
    findings.push(spanFinding(header, 'warning', 'empty-value', 'This PRODUCER block has no value; its records will have a null value.'));
  }
  const valueFormat = block.properties.find((property) => property.name === 'value-format');
  const format = valueFormat === undefined ? undefined : parseFormat(valueFormat.value, { reading: false, forValue: true });
  if (format?.ok === true && (format.value.kind === 'json' || format.value.kind === 'json-lines')) {
    checkJsonValue(findings, block, format.value.kind === 'json-lines');
  }
  if (block.value !== undefined) {
    checkPlaceholders(findings, block.value.text, block.value.startLine, 0);
  }
  return findings;
}

export function checkStrayText(file: KafkaFile, lineLength: (line: number) => number): Finding[] {
  return file.stray.map((run) => ({
    start: { line: run.startLine, character: 0 },
    end: { line: run.endLine, character: Math.max(1, lineLength(run.endLine)) },
    severity: 'warning' as const,
    code: 'stray-text',
    message:
      run.startLine === run.endLine
        ? 'Text outside a PRODUCER or CONSUMER block is ignored. Start a block with PRODUCER or CONSUMER, or make it a -- comment.'
        : `${run.endLine - run.startLine + 1} lines outside a PRODUCER or CONSUMER block are ignored. Start a block with PRODUCER or CONSUMER, or make them -- comments.`,
  }));
}
