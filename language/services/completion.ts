// Completion in a `.kafka` file: block snippets, property names, property values (formats,
// start positions, intervals), topic and group names from the cluster, and placeholders.

import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver-types';
import { blockAtLine, headerKind, isCommentLine, splitProperty } from '../parser/kafkaFileParser.js';
import type { KafkaFile } from '../parser/kafkaFileModel.js';
import { PLACEHOLDERS } from '../placeholders/placeholderCatalog.js';
import type { ClusterFacts } from '../protocol.js';
import { propertiesOf, propertyDefinition } from '../schema/blockProperties.js';

export interface CompletionInput {
  readonly file: KafkaFile;
  readonly lineText: (line: number) => string;
  readonly position: { readonly line: number; readonly character: number };
  /** Asked only when topic or group names are wanted. */
  readonly facts: () => Promise<ClusterFacts | undefined>;
}

const TRIGGER_SUGGEST = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

function blockSnippets(): CompletionItem[] {
  return [
    {
      label: 'PRODUCER',
      kind: CompletionItemKind.Snippet,
      detail: 'A block that produces records',
      insertTextFormat: InsertTextFormat.Snippet,
      insertText: 'PRODUCER ${1:label}\ntopic: ${2:topic}\nkey: ${3:key}\n${4:{"id": "{{string.uuid}}"\\}}\n\n###\n',
      sortText: '0',
    },
    {
      label: 'CONSUMER',
      kind: CompletionItemKind.Snippet,
      detail: 'A block that starts a consumer in a group',
      insertTextFormat: InsertTextFormat.Snippet,
      insertText: 'CONSUMER ${1:group-id}\ntopic: ${2:topic}\nfrom: ${3|earliest,latest|}\n\n###\n',
      sortText: '1',
    },
  ];
}

function placeholderItems(line: number, start: number, end: number, closed: boolean): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const definition of PLACEHOLDERS) {
    definition.names.forEach((name, index) => {
      items.push({
        label: name,
        kind: CompletionItemKind.Function,
        detail: index === 0 ? 'placeholder' : `placeholder (same as ${definition.names[0]})`,
        documentation: definition.documentation,
        sortText: `${index === 0 ? '0' : '1'}${name}`,
        textEdit: { range: { start: { line, character: start }, end: { line, character: end } }, newText: closed ? name : `${name}}}` },
      });
    });
  }
  return items;
}

/** Completion items, or an empty list when nothing fits the position. */
export async function completeAt(input: CompletionInput): Promise<CompletionItem[]> {
  const { line, character } = input.position;
  const text = input.lineText(line);
  const before = text.slice(0, character);
  const open = before.lastIndexOf('{{');
  if (open !== -1 && before.indexOf('}}', open) === -1) {
    const after = text.slice(character);
    return placeholderItems(line, open + 2, character, /^[\w.]*\s*\}\}/.test(after) || after.startsWith('}}'));
  }
  const block = blockAtLine(input.file, line);
  if (block === undefined || line === block.headerLine) {
    const kind = headerKind(text);
    if (kind === 'consumer' && block !== undefined && character > 'CONSUMER'.length) {
      const facts = await input.facts();
      const start = block.nameSpan.start;
      return (facts?.groups ?? []).map((group) => ({
        label: group,
        kind: CompletionItemKind.Value,
        detail: 'consumer group',
        textEdit: { range: { start: { line, character: start }, end: { line, character: Math.max(start, text.length) } }, newText: group },
      }));
    }
    return kind === undefined && !isCommentLine(text) && /^[A-Z]*$/.test(before.trim()) ? blockSnippets() : [];
  }
  // A lone word on the value's first line is more likely a property being typed than a value.
  const typingName = block.value !== undefined && line === block.value.startLine && /^[a-z-]*$/.test(text.trim());
  if (block.value !== undefined && line >= block.value.startLine && !typingName) {
    return [];
  }
  const colon = text.indexOf(':');
  if (colon === -1 || character <= colon) {
    if (isCommentLine(text)) {
      return [];
    }
    const used = new Set(block.properties.filter((property) => property.nameSpan.line !== line).map((property) => property.name));
    const nameEnd = colon === -1 ? text.length : colon;
    return propertiesOf(block.kind)
      .filter((definition) => !used.has(definition.name))
      .map((definition, index) => ({
        label: definition.name,
        kind: CompletionItemKind.Property,
        documentation: definition.documentation,
        sortText: String(index).padStart(2, '0'),
        textEdit: {
          range: { start: { line, character: 0 }, end: { line, character: colon === -1 ? nameEnd : colon + 1 } },
          newText: `${definition.name}: `,
        },
        ...(definition.suggestedValues.length > 0 || definition.name === 'topic' ? { command: TRIGGER_SUGGEST } : {}),
      }));
  }
  const property = splitProperty(text, line);
  if (property === undefined) {
    return [];
  }
  const definition = propertyDefinition(block.kind, property.name);
  if (definition === undefined) {
    return [];
  }
  const valueStart = Math.min(colon + 1 + (text.slice(colon + 1).length - text.slice(colon + 1).trimStart().length), character);
  const range = { start: { line, character: valueStart }, end: { line, character: Math.max(valueStart, text.trimEnd().length) } };
  if (definition.name === 'topic') {
    const facts = await input.facts();
    return (facts?.topics ?? []).map((topic) => ({ label: topic, kind: CompletionItemKind.Value, detail: 'topic', textEdit: { range, newText: topic } }));
  }
  return definition.suggestedValues.map((value, index) => ({
    label: value,
    kind: CompletionItemKind.EnumMember,
    sortText: String(index).padStart(2, '0'),
    textEdit: { range, newText: value },
  }));
}
