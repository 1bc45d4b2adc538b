// The host side of one topic's Produce & Tail webview: serves its HTML, answers its messages
// (produce, tail start/pause, export, copy), and runs the topic's live tail while the panel is open,
// handing records over in batches the webview acknowledges (tailFlow.ts), so it is never flooded.

import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import {
  isWebviewToHostMessage,
  type ExportRecordsMessage,
  type HostToWebviewMessage,
  type ProduceRequestMessage,
  type ProducedOffset,
  type StartTailMessage,
  type TailRecord,
  type WebviewToHostMessage,
} from '../../webview/protocol.js';
import { formatRecords } from '../../webview/exportFormats.js';
import { DEFAULT_TAIL_CAPACITY } from '../../webview/tailBuffer.js';
import type { ClusterSession } from '../cluster/clusterSession.js';
import type { KafkaClients } from '../kafka/kafkaClients.js';
import { kafkaErrorText } from '../kafka/kafkaErrorText.js';
import { availableCompressions, produceRecords } from '../kafka/produceRecord.js';
import { topicPartitions } from '../kafka/topicCatalog.js';
import { TopicTail, type TopicTailOptions } from '../kafka/topicTail.js';
import { produceTailHtml } from './produceTailHtml.js';
import { TailFlow } from './tailFlow.js';

export const PRODUCE_TAIL_VIEW_TYPE = 'kafkaWorkbench.produceTail';
const SHOWN_RECORD_KEYS = 5_000;
/** A produce progress message carries at most this many offsets (the newest). */
const MAX_REPORTED_OFFSETS = 500;

export class ProduceTailPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private tail: TopicTail | undefined;
  private tailOptions: TopicTailOptions = {};
  private tailPaused = false;
  /** The clients the current tail was made for; the tail restarts only when they change. */
  private tailClients: KafkaClients | undefined;
  /** Restarts run one after another, so two quick triggers never leave two tails running. */
  private tailRestarts: Promise<void> = Promise.resolve();
  private disposed = false;
  /** Records shown before the webview's script said `ready` would be lost; they wait in the flow. */
  private webviewReady = false;
  /** The latest result of records produced outside the form, while the webview is not ready. */
  private waitingResult: HostToWebviewMessage | undefined;
  /** `partition:offset` of recently shown records, so the tail and showRecords never show one twice. */
  private readonly shownRecords = new Set<string>();
  private tailLive = false;
  private readonly tailLiveWaiters: (() => void)[] = [];
  private partitions: number[] = [];
  private readonly stopRequests = new Set<number>();
  /** The webview list's epoch from its latest clear or restart, stamped on each batch. */
  private tailEpoch = 0;
  /** Bounded by what the webview's list can show, however far the tail reads ahead of the webview. */
  private readonly flow = new TailFlow<TailRecord>({
    capacity: DEFAULT_TAIL_CAPACITY,
    send: (batch) =>
      this.post({
        type: 'tailRecords',
        records: batch.records,
        batch: batch.id,
        epoch: this.tailEpoch,
        ...(batch.dropped === 0 ? {} : { dropped: batch.dropped }),
      }),
  });
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidClose = this.closed.event;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    readonly topic: string,
    private readonly session: ClusterSession,
    private readonly log: vscode.LogOutputChannel,
    private readonly onProduced: () => void,
  ) {
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      session.onDidChange(() => {
        if (session.clients() !== this.tailClients) {
          this.restartTail();
        }
      }),
    );
    this.updateFlow();
  }

  static open(
    extensionUri: vscode.Uri,
    topic: string,
    session: ClusterSession,
    log: vscode.LogOutputChannel,
    onProduced: () => void,
  ): ProduceTailPanel {
    const distUri = vscode.Uri.joinPath(extensionUri, 'dist');
    const panel = vscode.window.createWebviewPanel(PRODUCE_TAIL_VIEW_TYPE, `Produce & Tail: ${topic}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [distUri],
      retainContextWhenHidden: true,
    });
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'kafka.svg');
    panel.webview.html = produceTailHtml({
      topic,
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(distUri, 'webview.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(distUri, 'webview.css')).toString(),
      nonce: randomBytes(16).toString('base64'),
    });
    return new ProduceTailPanel(panel, topic, session, log, onProduced);
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Shows records read elsewhere (a `.kafka` file's producer or consumer) in this panel's tail. */
  showRecords(records: readonly TailRecord[]): void {
    const fresh = records.filter((record) => {
      const key = `${record.partition}:${record.offset}`;
      if (this.shownRecords.has(key)) {
        return false;
      }
      this.shownRecords.add(key);
      return true;
    });
    // Bounded like the webview's own list: forget the oldest keys.
    for (const key of this.shownRecords) {
      if (this.shownRecords.size <= SHOWN_RECORD_KEYS) {
        break;
      }
      this.shownRecords.delete(key);
    }
    this.flow.push(fresh);
  }

  /**
   * Shows the result of records produced elsewhere (`from`, e.g. a `.kafka` block) in the form's
   * result line, with its "Show in Tail" jump to exactly `offsets` (given in the order sent).
   */
  showProduced(from: string, offsets: readonly ProducedOffset[]): void {
    const last = offsets[offsets.length - 1];
    if (last === undefined) {
      return;
    }
    const produced = offsets.slice(-MAX_REPORTED_OFFSETS);
    const message: HostToWebviewMessage = { type: 'produceResult', requestId: 0, ...last, produced, sent: offsets.length, total: offsets.length, done: true, from };
    if (this.webviewReady) {
      this.post(message);
    } else {
      this.waitingResult = message;
    }
  }

  /** Resolves once the tail reads from the topic's end, so records produced after it show up. */
  whenTailLive(): Promise<void> {
    if (this.tailLive || this.disposed) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.tailLiveWaiters.push(resolve));
  }

  private post(message: HostToWebviewMessage): void {
    if (!this.disposed) {
      void this.panel.webview.postMessage(message);
    }
  }

  private receive(message: unknown): void {
    if (!isWebviewToHostMessage(message)) {
      this.log.warn(`Produce & Tail (${this.topic}): ignored an unknown message from the webview.`);
      return;
    }
    this.dispatch(message);
  }

  private dispatch(message: WebviewToHostMessage): void {
    switch (message.type) {
      case 'ready':
        this.webviewReady = true;
        // A reloaded webview never acknowledges what its previous page was sent.
        this.flow.forgetUnacknowledged();
        this.updateFlow();
        if (this.waitingResult !== undefined) {
          this.post(this.waitingResult);
          this.waitingResult = undefined;
        }
        void this.sendPartitions();
        this.restartTail();
        break;
      case 'produce':
        void this.produce(message);
        break;
      case 'stopProducing':
        this.stopRequests.add(message.requestId);
        break;
      case 'clearTail':
        this.tailEpoch = message.epoch ?? this.tailEpoch;
        this.flow.discard();
        break;
      case 'startTail':
        this.startTail(message);
        break;
      case 'pauseTail':
        this.tailPaused = message.paused;
        this.tail?.setPaused(message.paused);
        this.updateFlow();
        break;
      case 'tailAck':
        this.flow.acknowledge(message.batch);
        break;
      case 'exportRecords':
        void this.exportRecords(message);
        break;
      case 'copyText':
        void vscode.env.clipboard.writeText(message.text);
        break;
    }
  }

  private startTail(message: StartTailMessage): void {
    this.tailOptions = { from: message.from, partitions: message.partitions };
    this.tailEpoch = message.epoch ?? this.tailEpoch;
    this.tailPaused = false;
    this.flow.discard();
    this.updateFlow();
    this.restartTail(true);
  }

  /** Batches go while the webview is loaded and not paused; otherwise records wait, bounded. */
  private updateFlow(): void {
    this.flow.setAccepting(this.webviewReady && !this.tailPaused);
  }

  private async sendPartitions(): Promise<void> {
    const clients = this.session.clients();
    if (clients === undefined) {
      return;
    }
    try {
      this.partitions = await topicPartitions(clients.admin(), this.topic);
      this.post({ type: 'init', topic: this.topic, partitions: this.partitions, compressions: await availableCompressions() });
    } catch (error) {
      this.log.error(`Produce & Tail (${this.topic}): reading partitions failed: ${kafkaErrorText(error)}`);
    }
  }

  private async produce(request: ProduceRequestMessage): Promise<void> {
    const clients = this.session.clients();
    if (clients === undefined) {
      this.post({ type: 'produceFailed', requestId: request.requestId, error: 'The cluster is not running.' });
      return;
    }
    try {
      // Fresh partitions: the count decides the key's partition, and an explicit one must exist.
      this.partitions = await topicPartitions(clients.admin(), this.topic);
      if (request.partition !== null && !this.partitions.includes(request.partition)) {
        this.post({
          type: 'produceFailed',
          requestId: request.requestId,
          error: `Partition ${request.partition} is out of range: this topic has partitions 0 to ${this.partitions.length - 1}.`,
        });
        return;
      }
      const total = request.count ?? 1;
      let reported: ProducedOffset[] = [];
      let sentCount = 0;
      const producedAt = await produceRecords(clients.producer(), this.topic, request, this.partitions.length, {
        stopped: () => this.stopRequests.has(request.requestId) || this.disposed,
        progress: (produced, sent) => {
          reported = [...reported, ...produced].slice(-MAX_REPORTED_OFFSETS);
          sentCount = sent;
          const last = produced[produced.length - 1];
          if (sent < total) {
            this.post({ type: 'produceResult', requestId: request.requestId, ...last, produced: reported, sent, total, done: false });
          }
        },
      });
      this.log.info(`Produced ${sentCount} record(s) to ${this.topic}; last at partition ${producedAt.partition} offset ${producedAt.offset}.`);
      this.post({
        type: 'produceResult',
        requestId: request.requestId,
        partition: producedAt.partition,
        offset: producedAt.offset.toString(),
        produced: reported,
        sent: sentCount,
        total,
        done: true,
      });
      this.onProduced();
    } catch (error) {
      const text = kafkaErrorText(error);
      this.log.error(`Producing to ${this.topic} failed: ${text}`);
      this.post({ type: 'produceFailed', requestId: request.requestId, error: text });
    } finally {
      this.stopRequests.delete(request.requestId);
    }
  }

  private async exportRecords(message: ExportRecordsMessage): Promise<void> {
    const extension = message.format;
    const target = await vscode.window.showSaveDialog({
      title: `Export ${message.records.length} record(s) of ${this.topic}`,
      defaultUri: vscode.Uri.joinPath(
        vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir()),
        `${this.topic}.${extension}`,
      ),
      filters: extension === 'json' ? { JSON: ['json'] } : { CSV: ['csv'] },
    });
    if (target === undefined) {
      this.post({ type: 'exportResult' });
      return;
    }
    try {
      await writeFile(target.fsPath, formatRecords(message.records, message.format), 'utf8');
      this.log.info(`Exported ${message.records.length} record(s) of ${this.topic} to ${target.fsPath}.`);
      this.post({ type: 'exportResult', path: target.fsPath });
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.post({ type: 'exportResult', error: text });
    }
  }

  /** (Re)starts the tail on the current cluster; stops it when the cluster is gone. */
  private restartTail(force = false): void {
    this.tailRestarts = this.tailRestarts.then(() => this.replaceTail(force));
  }

  private async replaceTail(force: boolean): Promise<void> {
    const clients = this.session.clients();
    if (!force && this.tail !== undefined && clients === this.tailClients) {
      return;
    }
    const previous = this.tail;
    this.tail = undefined;
    await previous?.stop();
    this.tailClients = clients;
    if (this.disposed) {
      return;
    }
    if (clients === undefined) {
      this.post({ type: 'tailStatus', state: 'error', error: 'The cluster is not running.' });
      return;
    }
    let lastError: string | undefined;
    const tail: TopicTail = new TopicTail(
      clients.bootstrapBrokers,
      this.topic,
      {
        records: (records) => {
          if (this.tail === tail) {
            this.showRecords(records);
          }
        },
        status: (state, error) => {
          if (this.tail !== tail) {
            return;
          }
          this.tailLive = state === 'live';
          if (this.tailLive) {
            for (const resolve of this.tailLiveWaiters.splice(0)) {
              resolve();
            }
          }
          // A failing tail retries every second; log each distinct problem once, not every retry.
          if (error !== undefined && error !== lastError) {
            this.log.warn(`Tail of ${this.topic}: ${error}`);
          }
          lastError = error;
          this.flow.flushNow();
          const partitions = tail.assignedPartitions();
          this.post(error === undefined ? { type: 'tailStatus', state, partitions } : { type: 'tailStatus', state, error, partitions });
        },
      },
      { ...this.tailOptions, connection: clients.connection },
    );
    this.tail = tail;
    // A restart forgets what was shown: jumping back must show those records again.
    this.shownRecords.clear();
    tail.setPaused(this.tailPaused);
    tail.start();
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    for (const resolve of this.tailLiveWaiters.splice(0)) {
      resolve();
    }
    this.flow.dispose();
    void this.tail?.stop();
    this.tail = undefined;
    this.closed.fire();
    this.closed.dispose();
    for (const disposable of this.disposables.splice(0)) {
      disposable.dispose();
    }
    this.panel.dispose();
  }
}
