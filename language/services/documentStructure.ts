// Folding ranges and the outline: one fold and one symbol per block.

import { SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver-types';
import type { KafkaFile } from '../parser/kafkaFileModel.js';

export function foldingRanges(file: KafkaFile): FoldingRange[] {
  return file.blocks.filter((block) => block.endLine > block.headerLine).map((block) => ({ startLine: block.headerLine, endLine: block.endLine }));
}

export function documentSymbols(file: KafkaFile, lineLength: (line: number) => number): DocumentSymbol[] {
  return file.blocks.map((block) => {
    const keyword = block.kind === 'producer' ? 'PRODUCER' : 'CONSUMER';
    const topic = block.properties.find((property) => property.name === 'topic')?.value;
    const range = {
      start: { line: block.headerLine, character: 0 },
      end: { line: block.endLine, character: lineLength(block.endLine) },
    };
    return {
      name: block.name.length > 0 ? `${keyword} ${block.name}` : keyword,
      detail: topic === undefined || topic === '' ? '' : `→ ${topic}`,
      kind: block.kind === 'producer' ? SymbolKind.Event : SymbolKind.Function,
      range,
      selectionRange: { start: { line: block.headerLine, character: 0 }, end: { line: block.headerLine, character: lineLength(block.headerLine) } },
    };
  });
}
