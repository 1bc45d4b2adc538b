// The parsed form of each open `.kafka` document, kept per version so completion, hover, lenses
// and diagnostics parse a document once per edit, not once per request.

import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseKafkaLines, parseKafkaLinesInSteps, splitLines } from '../parser/kafkaFileParser.js';
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

/** Lines parsed between two yields to the event loop when diagnostics parse a document. */
const LINES_PER_PARSE_STEP = 20_000;

function parsedDocument(uri: string, version: number, lines: readonly string[], file: KafkaFile): ParsedDocument {
  return {
    uri,
    version,
    lines,
    file,
    folder: folderOfUri(uri),
    lineText: (line) => lines[line] ?? '',
    lineLength: (line) => (lines[line] ?? '').length,
  };
}

export function parseDocument(uri: string, version: number, text: string): ParsedDocument {
  const lines = splitLines(text);
  return parsedDocument(uri, version, lines, parseKafkaLines(lines));
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

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

  /**
   * Like get(), but a huge document is parsed in steps with the event loop free between them, so
   * requests about other documents are answered meanwhile. Undefined when `cancelled` says the
   * work became pointless (a newer version, a closed document).
   */
  async getInSteps(document: TextDocument, cancelled: () => boolean): Promise<ParsedDocument | undefined> {
    const cached = this.parsed.get(document.uri);
    if (cached !== undefined && cached.version === document.version) {
      return cached;
    }
    const { uri, version } = document;
    const lines = splitLines(document.getText());
    const steps = parseKafkaLinesInSteps(lines, LINES_PER_PARSE_STEP);
    let step = steps.next();
    while (step.done !== true) {
      await yieldToEventLoop();
      if (cancelled()) {
        return undefined;
      }
      step = steps.next();
    }
    const current = this.parsed.get(uri);
    if (current !== undefined && current.version === version) {
      // A request parsed it meanwhile: keep one copy.
      return current;
    }
    const fresh = parsedDocument(uri, version, lines, step.value);
    this.parsed.set(uri, fresh);
    return fresh;
  }

  forget(uri: string): void {
    this.parsed.delete(uri);
  }
}
