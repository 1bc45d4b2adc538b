// Runs the bundled `.kafka` language server (dist/languageServer.js) as a child process over stdio
// and plays the editor's part: initialize, answer the cluster facts request, open documents, collect
// published diagnostics, and read the server's memory from /proc.

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import {
  CompletionRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  createProtocolConnection,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type ProtocolConnection,
} from 'vscode-languageserver/node';
import { clusterFactsRequest, type ClusterFacts, type ClusterFactsParams } from '../../language/protocol.js';
import { onCleanup } from '../support/cleanup.js';
import { builtFile } from '../support/repoRoot.js';

export interface PublishedDiagnostics {
  readonly uri: string;
  readonly version: number | undefined;
  readonly diagnostics: readonly Diagnostic[];
  /** performance.now() when the notification arrived. */
  readonly at: number;
}

export interface LanguageServerProcess {
  readonly process: ChildProcess;
  readonly connection: ProtocolConnection;
  /** Every publishDiagnostics notification so far, in arrival order. */
  readonly published: readonly PublishedDiagnostics[];
  /** Everything the server wrote to stderr. */
  stderr(): string;
  /** Resolves with the first publish for `uri` (at `version`, when given) that arrives after `after` entries. */
  diagnosticsFor(uri: string, version?: number, after?: number): Promise<PublishedDiagnostics>;
  open(uri: string, text: string, version?: number): Promise<void>;
  close(uri: string): Promise<void>;
  /** Inserts `text` at the start of the document, as the edit that makes `version`. */
  insertAtStart(uri: string, version: number, text: string): Promise<void>;
  complete(uri: string, line: number, character: number): Promise<CompletionItem[]>;
  hover(uri: string, line: number, character: number): Promise<Hover | null>;
  /** Resident and peak resident set size of the server process, in bytes, from /proc/<pid>/status. */
  memory(): { rss: number; peakRss: number };
  /** How many cluster facts requests the server made. */
  factsRequests(): number;
  /** Shutdown and exit, SIGKILL if it does not leave. */
  stop(): Promise<void>;
}

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match === null ? 0 : Number(match[1]) * 1024;
}

export async function startLanguageServer(facts: (params: ClusterFactsParams) => ClusterFacts): Promise<LanguageServerProcess> {
  const child = spawn(process.execPath, [builtFile('languageServer.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const unregister = onCleanup(() => child.kill('SIGKILL'));
  const exited = once(child, 'exit');
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const connection = createProtocolConnection(child.stdout, child.stdin);
  const published: PublishedDiagnostics[] = [];
  const waiters = new Set<() => void>();
  let factsRequests = 0;
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.push({ uri: params.uri, version: params.version, diagnostics: params.diagnostics, at: performance.now() });
    for (const waiter of [...waiters]) {
      waiter();
    }
  });
  connection.onRequest(clusterFactsRequest, (params) => {
    factsRequests++;
    return facts(params);
  });
  // The server's log lines and lens refreshes are not what these tests look at.
  connection.onNotification('window/logMessage', () => undefined);
  connection.onRequest('workspace/codeLens/refresh', () => null);
  connection.listen();

  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { codeLens: { refreshSupport: true } } },
  });
  await connection.sendNotification(InitializedNotification.type, {});

  const diagnosticsFor = (uri: string, version?: number, after = 0): Promise<PublishedDiagnostics> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = published.slice(after).find((entry) => entry.uri === uri && (version === undefined || entry.version === version));
        if (found !== undefined) {
          waiters.delete(check);
          waiters.delete(died);
          resolve(found);
        }
      };
      const died = (): void => {
        if (child.exitCode !== null || child.signalCode !== null) {
          waiters.delete(check);
          waiters.delete(died);
          reject(new Error(`The language server exited (${child.exitCode ?? child.signalCode}) before diagnostics for ${uri}:\n${stderr}`));
        }
      };
      waiters.add(check);
      waiters.add(died);
      check();
    });
  child.once('exit', () => {
    for (const waiter of [...waiters]) {
      waiter();
    }
  });

  return {
    process: child,
    connection,
    published,
    stderr: () => stderr,
    diagnosticsFor,
    open: (uri, text, version = 1) =>
      connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'kafka', version, text } }),
    close: (uri) => connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } }),
    insertAtStart: (uri, version, text) =>
      connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text }],
      }),
    complete: async (uri, line, character) => {
      const result: CompletionItem[] | CompletionList | null = await connection.sendRequest(CompletionRequest.type, {
        textDocument: { uri },
        position: { line, character },
      });
      return result === null ? [] : Array.isArray(result) ? result : result.items;
    },
    hover: (uri, line, character) => connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } }),
    memory: () => ({ rss: statusField(child.pid!, 'VmRSS'), peakRss: statusField(child.pid!, 'VmHWM') }),
    factsRequests: () => factsRequests,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        try {
          await connection.sendRequest(ShutdownRequest.type);
          await connection.sendNotification(ExitNotification.type);
        } catch {
          child.kill('SIGKILL');
        }
        await exited;
        clearTimeout(killer);
      }
      connection.dispose();
      unregister();
    },
  };
}
