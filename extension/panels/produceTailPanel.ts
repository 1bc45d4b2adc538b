// The host side of one topic's Produce & Tail webview: serves its HTML, answers its messages
// (produce), and runs the topic's live tail while the panel is open.

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import {
  isWebviewToHostMessage,
  type HostToWebviewMessage,
  type ProduceRequestMessage,
  type TailRecord,
  type WebviewToHostMessage,
} from '../../webview/protocol.js';
import type { ClusterSession } from '../cluster/clusterSession.js';
import type { KafkaClients } from '../kafka/kafkaClients.js';
import { kafkaErrorText } from '../kafka/kafkaErrorText.js';
import { produceRecord } from '../kafka/produceRecord.js';
import { topicPartitions } from '../kafka/topicCatalog.js';
import { TopicTail } from '../kafka/topicTail.js';
import { produceTailHtml } from './produceTailHtml.js';

export const PRODUCE_TAIL_VIEW_TYPE = 'kafkaWorkbench.produceTail';
const SHOWN_RECORD_KEYS = 5_000;

export class ProduceTailPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private tail: TopicTail | undefined;
  /** The clients the current tail was made for; the tail restarts only when they change. */
  private tailClients: KafkaClients | undefined;
  /** Restarts run one after another, so two quick triggers never leave two tails running. */
  private tailRestarts: Promise<void> = Promise.resolve();
  private disposed = false;
  /** Records shown before the webview's script said `ready` would be lost; they wait here. */
  private webviewReady = false;
  private readonly waitingRecords: TailRecord[] = [];
  /** `partition:offset` of recently shown records, so the tail and showRecords never show one twice. */
  private readonly shownRecords = new Set<string>();
  private tailLive = false;
  private readonly tailLiveWaiters: (() => void)[] = [];
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
    if (fresh.length === 0) {
      return;
    }
    if (!this.webviewReady) {
      this.waitingRecords.push(...fresh);
      return;
    }
    this.post({ type: 'tailRecords', records: fresh });
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
        if (this.waitingRecords.length > 0) {
          this.post({ type: 'tailRecords', records: this.waitingRecords.splice(0) });
        }
        void this.sendPartitions();
        this.restartTail();
        break;
      case 'produce':
        void this.produce(message);
        break;
      case 'clearTail':
        break;
    }
  }

  private async sendPartitions(): Promise<void> {
    const clients = this.session.clients();
    if (clients === undefined) {
      return;
    }
    try {
      const partitions = await topicPartitions(clients.admin(), this.topic);
      this.post({ type: 'init', topic: this.topic, partitions });
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
      const producedAt = await produceRecord(clients.producer(), this.topic, request);
      this.log.info(`Produced a record to ${this.topic}-${producedAt.partition} at offset ${producedAt.offset}.`);
      this.post({
        type: 'produceResult',
        requestId: request.requestId,
        partition: producedAt.partition,
        offset: producedAt.offset.toString(),
      });
      this.onProduced();
    } catch (error) {
      const text = kafkaErrorText(error);
      this.log.error(`Producing to ${this.topic} failed: ${text}`);
      this.post({ type: 'produceFailed', requestId: request.requestId, error: text });
    }
  }

  /** (Re)starts the tail on the current cluster; stops it when the cluster is gone. */
  private restartTail(): void {
    this.tailRestarts = this.tailRestarts.then(() => this.replaceTail());
  }

  private async replaceTail(): Promise<void> {
    const previous = this.tail;
    this.tail = undefined;
    await previous?.stop();
    const clients = this.session.clients();
    this.tailClients = clients;
    if (this.disposed) {
      return;
    }
    if (clients === undefined) {
      this.post({ type: 'tailStatus', state: 'error', error: 'The cluster is not running.' });
      return;
    }
    let lastError: string | undefined;
    const tail = new TopicTail(clients.bootstrapBrokers, this.topic, {
      records: (records) => this.showRecords(records),
      status: (state, error) => {
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
        this.post(error === undefined ? { type: 'tailStatus', state } : { type: 'tailStatus', state, error });
      },
    });
    this.tail = tail;
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
