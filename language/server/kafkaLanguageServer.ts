// Wires the `.kafka` services to an LSP connection: documents, diagnostics (debounced, sliced,
// superseded by newer edits), completion, hover, code lenses, folding and the outline.

import {
  DiagnosticSeverity,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { clusterChangedNotification, clusterFactsRequest, runningBlocksNotification } from '../protocol.js';
import type { Finding } from '../services/blockChecks.js';
import { lensesFor } from '../services/codeLenses.js';
import { completeAt } from '../services/completion.js';
import { documentSymbols, foldingRanges } from '../services/documentStructure.js';
import { computeFileFindings } from '../services/fileDiagnostics.js';
import { hoverAt } from '../services/hover.js';
import { ClusterFactsCache } from './clusterFactsCache.js';
import { DocumentCache } from './documentCache.js';

const DIAGNOSTICS_DELAY_MS = 150;

const SEVERITIES: Readonly<Record<Finding['severity'], DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

function toDiagnostic(finding: Finding): Diagnostic {
  return {
    range: { start: finding.start, end: finding.end },
    severity: SEVERITIES[finding.severity],
    code: finding.code,
    source: 'kafka',
    message: finding.message,
  };
}

export function startKafkaLanguageServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new DocumentCache();
  const facts = new ClusterFactsCache((topic) => connection.sendRequest(clusterFactsRequest, topic === undefined ? {} : { topic }));
  const pending = new Map<string, NodeJS.Timeout>();
  let running = new Set<string>();
  let canRefreshLenses = false;

  const validate = async (uri: string): Promise<void> => {
    const document = documents.get(uri);
    if (document === undefined) {
      return;
    }
    const version = document.version;
    const stale = (): boolean => documents.get(uri)?.version !== version;
    const parsed = await cache.getInSteps(document, stale);
    if (parsed === undefined) {
      return;
    }
    const clusterFacts = parsed.file.blocks.length > 0 ? await facts.facts() : undefined;
    if (stale()) {
      return;
    }
    const findings = await computeFileFindings({
      file: parsed.file,
      lineLength: parsed.lineLength,
      facts: clusterFacts,
      folder: parsed.folder,
      cancelled: stale,
    });
    if (findings !== undefined && !stale()) {
      void connection.sendDiagnostics({ uri, version: parsed.version, diagnostics: findings.map(toDiagnostic) });
    }
  };

  const scheduleValidation = (uri: string): void => {
    clearTimeout(pending.get(uri));
    pending.set(
      uri,
      setTimeout(() => {
        pending.delete(uri);
        validate(uri).catch((error: unknown) => connection.console.error(`Checking ${uri} failed: ${String(error)}`));
      }, DIAGNOSTICS_DELAY_MS),
    );
  };

  const refreshLenses = (): void => {
    if (canRefreshLenses) {
      void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    }
  };

  connection.onInitialize((params): InitializeResult => {
    canRefreshLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: [':', ' ', '{', '.'] },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        foldingRangeProvider: true,
        documentSymbolProvider: true,
      },
      serverInfo: { name: 'kafka-workbench-language-server' },
    };
  });

  documents.onDidOpen((event) => scheduleValidation(event.document.uri));
  documents.onDidChangeContent((event) => scheduleValidation(event.document.uri));
  documents.onDidClose((event) => {
    clearTimeout(pending.get(event.document.uri));
    pending.delete(event.document.uri);
    cache.forget(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onNotification(clusterChangedNotification, () => {
    facts.invalidate();
    for (const document of documents.all()) {
      scheduleValidation(document.uri);
    }
  });
  connection.onNotification(runningBlocksNotification, (params) => {
    running = new Set(params.keys);
    refreshLenses();
  });

  connection.onCompletion(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (document === undefined) {
      return [];
    }
    const parsed = cache.get(document);
    return completeAt({ file: parsed.file, lineText: parsed.lineText, position: params.position, facts: () => facts.facts() });
  });
  connection.onHover(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (document === undefined) {
      return null;
    }
    const parsed = cache.get(document);
    return hoverAt({ file: parsed.file, lineText: parsed.lineText, position: params.position, facts: (topic) => facts.topicFacts(topic) });
  });
  connection.onCodeLens((params) => {
    const document = documents.get(params.textDocument.uri);
    if (document === undefined) {
      return [];
    }
    const parsed = cache.get(document);
    return lensesFor({ file: parsed.file, uri: parsed.uri, folder: parsed.folder, running });
  });
  connection.onFoldingRanges((params) => {
    const document = documents.get(params.textDocument.uri);
    return document === undefined ? [] : foldingRanges(cache.get(document).file);
  });
  connection.onDocumentSymbol((params) => {
    const document = documents.get(params.textDocument.uri);
    if (document === undefined) {
      return [];
    }
    const parsed = cache.get(document);
    return documentSymbols(parsed.file, parsed.lineLength);
  });

  documents.listen(connection);
  connection.listen();
}
