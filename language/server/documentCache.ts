// The parsed form of each open `.kafka` document, kept per version so completion, hover, lenses
// and diagnostics parse a document once per edit, not once per request.

import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseKafkaLines, splitLines } from '../parser/kafkaFileParser.js';
import type { KafkaFile } from '../parser/kafkaFileModel.js';

export interface ParsedDocument {
  readonly uri: string;
  readonly version: number;
  readonly lines: readonly string[];
  readonly file: KafkaFile;
  /** The document's folder on disk; undefined for untitled or remote documents. */
  readonly folder: string | undefined;
  readonly lineText: (line: number) => string;
  readonly lineLength: (line: number) => number;
}

export function folderOfUri(uri: string): string | undefined {
  if (!uri.startsWith('file:')) {
    return undefined;
  }
  try {
    return path.dirname(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function parseDocument(uri: string, version: number, text: string): ParsedDocument {
  const lines = splitLines(text);
  return {
    uri,
    version,
    lines,
    file: parseKafkaLines(lines),
    folder: folderOfUri(uri),
    lineText: (line) => lines[line] ?? '',
    lineLength: (line) => (lines[line] ?? '').length,
  };
}

export class DocumentCache {
  private readonly parsed = new Map<string, ParsedDocument>();

  get(document: TextDocument): ParsedDocument {
    const cached = this.parsed.get(document.uri);
    if (cached !== undefined && cached.version === document.version) {
      return cached;
    }
    const fresh = parseDocument(document.uri, document.version, document.getText());
    this.parsed.set(document.uri, fresh);
    return fresh;
  }

  forget(uri: string): void {
    this.parsed.delete(uri);
  }
}
