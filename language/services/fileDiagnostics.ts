// All findings for one file: the text checks of every block plus the checks that need the cluster
// (unknown topics) or the disk (value files). Works in slices, yielding to the event loop between
// them, so a huge file never stops the server from answering, and gives up when superseded.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KafkaFile } from '../parser/kafkaFileModel.js';
import type { ClusterFacts } from '../protocol.js';
import { MAX_FINDINGS, checkBlock, checkStrayText, type Finding } from './blockChecks.js';

/** Lines of block text checked between two yields to the event loop. */
const LINES_PER_SLICE = 5_000;

export interface FileDiagnosticsInput {
  readonly file: KafkaFile;
  readonly lineLength: (line: number) => number;
  /** Undefined when the cluster could not be asked; topic checks are then skipped. */
  readonly facts: ClusterFacts | undefined;
  /** The `.kafka` file's folder on disk, when it has one (value files are relative to it). */
  readonly folder: string | undefined;
  /** True when a newer version of the document makes this work pointless. */
  readonly cancelled?: () => boolean;
  readonly fileExists?: (file: string) => boolean;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function unknownTopicFinding(name: string, line: number, start: number, kind: 'producer' | 'consumer', facts: ClusterFacts): Finding {
  const range = { start: { line, character: start }, end: { line, character: start + Math.max(1, name.length) } };
  if (facts.autoCreateTopics === false) {
    return {
      ...range,
      severity: 'error',
      code: 'unknown-topic',
      message: `Topic "${name}" does not exist, and the cluster does not create topics automatically (auto.create.topics.enable=false).`,
    };
  }
  if (facts.autoCreateTopics === true) {
    return {
      ...range,
      severity: kind === 'producer' ? 'information' : 'warning',
      code: 'unknown-topic',
      message: `Topic "${name}" does not exist yet; the cluster creates it on first use (auto.create.topics.enable=true).`,
    };
  }
  return { ...range, severity: 'warning', code: 'unknown-topic', message: `Topic "${name}" does not exist in the connected cluster.` };
}

/** Undefined when cancelled. */
export async function computeFileFindings(input: FileDiagnosticsInput): Promise<Finding[] | undefined> {
  const findings: Finding[] = checkStrayText(input.file, input.lineLength);
  const topics = input.facts?.connected === true ? new Set(input.facts.topics) : undefined;
  const fileExists = input.fileExists ?? ((file: string) => fs.existsSync(file));
  let linesSinceYield = 0;
  for (const block of input.file.blocks) {
    if (findings.length > MAX_FINDINGS) {
      break;
    }
    findings.push(...checkBlock(block));
    const topic = block.properties.find((property) => property.name === 'topic');
    if (topics !== undefined && topic !== undefined && topic.value.length > 0 && !topics.has(topic.value)) {
      findings.push(unknownTopicFinding(topic.value, topic.valueSpan.line, topic.valueSpan.start, block.kind, input.facts!));
    }
    const valueFile = block.properties.find((property) => property.name === 'value-file');
    if (valueFile !== undefined && valueFile.value.length > 0 && input.folder !== undefined) {
      const resolved = path.resolve(input.folder, valueFile.value);
      if (!fileExists(resolved)) {
        findings.push({
          start: { line: valueFile.valueSpan.line, character: valueFile.valueSpan.start },
          end: { line: valueFile.valueSpan.line, character: valueFile.valueSpan.end },
          severity: 'error',
          code: 'missing-value-file',
          message: `The value file "${valueFile.value}" does not exist (looked for ${resolved}).`,
        });
      }
    }
    linesSinceYield += block.endLine - block.headerLine + 1;
    if (linesSinceYield >= LINES_PER_SLICE) {
      linesSinceYield = 0;
      await yieldToEventLoop();
      if (input.cancelled?.() === true) {
        return undefined;
      }
    }
  }
  if (findings.length > MAX_FINDINGS) {
    const last = findings[MAX_FINDINGS - 1];
    findings.length = MAX_FINDINGS;
    findings.push({ ...last, severity: 'information', code: 'too-many-findings', message: `More than ${MAX_FINDINGS} problems; the rest are not shown.` });
  }
  return findings;
}
