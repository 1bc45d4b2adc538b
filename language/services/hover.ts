// Hover in a `.kafka` file: a topic's partitions, leaders and offsets from the cluster; what a
// property or a placeholder means.

import type { Hover } from 'vscode-languageserver-types';
import { blockAtLine } from '../parser/kafkaFileParser.js';
import type { KafkaFile, LineSpan } from '../parser/kafkaFileModel.js';
import { placeholderDefinition } from '../placeholders/placeholderCatalog.js';
import { findPlaceholders } from '../placeholders/templateExpansion.js';
import type { ClusterFacts, TopicFacts } from '../protocol.js';
import { propertyDefinition } from '../schema/blockProperties.js';

export interface HoverInput {
  readonly file: KafkaFile;
  readonly lineText: (line: number) => string;
  readonly position: { readonly line: number; readonly character: number };
  readonly facts: (topic: string) => Promise<ClusterFacts | undefined>;
}

function within(span: LineSpan, line: number, character: number): boolean {
  return span.line === line && character >= span.start && character <= span.end;
}

function markdown(value: string, span: LineSpan): Hover {
  return {
    contents: { kind: 'markdown', value },
    range: { start: { line: span.line, character: span.start }, end: { line: span.line, character: span.end } },
  };
}

export function topicHoverText(topic: TopicFacts): string {
  const rows = topic.partitions.map(
    (partition) => `| ${partition.partition} | ${partition.leader} | ${partition.earliestOffset ?? '?'} | ${partition.latestOffset ?? '?'} |`,
  );
  return [
    `**Topic \`${topic.name}\`**: ${topic.partitions.length} partition${topic.partitions.length === 1 ? '' : 's'}`,
    '',
    '| Partition | Leader | Earliest offset | Latest offset |',
    '|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

export async function hoverAt(input: HoverInput): Promise<Hover | null> {
  const { line, character } = input.position;
  const text = input.lineText(line);
  for (const use of findPlaceholders(text)) {
    if (character >= use.start && character <= use.end) {
      const definition = placeholderDefinition(use.name);
      const value = definition === undefined ? `Unsupported placeholder \`${use.name}\`.` : `\`{{${use.name}}}\`: ${definition.documentation}`;
      return markdown(value, { line, start: use.start, end: use.end });
    }
  }
  const block = blockAtLine(input.file, line);
  if (block === undefined) {
    return null;
  }
  const property = block.properties.find((candidate) => candidate.nameSpan.line === line);
  if (property === undefined) {
    return null;
  }
  const definition = propertyDefinition(block.kind, property.name);
  if (within(property.nameSpan, line, character)) {
    return definition === undefined ? null : markdown(`**${definition.name}**: ${definition.documentation}`, property.nameSpan);
  }
  if (property.name !== 'topic' || !within(property.valueSpan, line, character) || property.value.length === 0) {
    return null;
  }
  const facts = await input.facts(property.value);
  if (facts === undefined || !facts.connected) {
    return markdown(`Topic \`${property.value}\`: no cluster is connected.`, property.valueSpan);
  }
  if (facts.topic === undefined) {
    return markdown(`Topic \`${property.value}\` does not exist in the connected cluster.`, property.valueSpan);
  }
  return markdown(topicHoverText(facts.topic), property.valueSpan);
}
