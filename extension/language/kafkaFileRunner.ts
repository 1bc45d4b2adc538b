// Runs what the `.kafka` code lenses ask for: produces a PRODUCER block's records (once, ×10 or
// every interval) and shows them in the topic's Produce & Tail panel with a result that jumps to
// exactly those records; starts and stops CONSUMER blocks, streaming what they read into that
// panel; stops a document's runs when it closes.

import { randomInt } from 'node:crypto';
import { basename } from 'node:path';
import type { Admin } from '@platformatic/kafka';
import * as vscode from 'vscode';
import type { ProduceBlockArgs, StartConsumerArgs, StopBlockArgs } from '../../language/protocol.js';
import { PRODUCE_COMMAND, START_CONSUMER_COMMAND, STOP_BLOCK_COMMAND } from '../../language/protocol.js';
import type { ClusterSession } from '../cluster/clusterSession.js';
import { kafkaErrorText } from '../kafka/kafkaErrorText.js';
import { offsetsOfSend } from '../kafka/produceRecord.js';
import type { ProduceTailPanel } from '../panels/produceTailPanel.js';
import type { ProduceTailPanels } from '../panels/produceTailPanels.js';
import { BlockConsumer } from './blockConsumer.js';
import { recordsOfBlock } from './blockRecords.js';
import { placeRecords, producedTailRecords } from './producedBlockRecords.js';

/** How long a Produce waits for a freshly opened panel's tail before producing anyway. */
const TAIL_READY_TIMEOUT_MS = 5_000;
/** At most this many of a run's records are handed to the panel directly (the newest); the tail reads the rest. */
const MAX_SHOWN_RECORDS = 500;

/**
 * The topic's partition count. Asked with auto-creation allowed, as a producer's own metadata
 * request is: on a cluster with auto.create.topics.enable a block may name a topic that does not exist yet.
 */
async function partitionCount(admin: Admin, topic: string): Promise<number> {
  const metadata = await admin.metadata({ topics: [topic], forceUpdate: true, autocreateTopics: true });
  const count = metadata.topics.get(topic)?.partitions.length ?? 0;
  if (count === 0) {
    throw new Error(`Topic "${topic}" does not exist.`);
  }
  return count;
}

interface RunningBlock {
  readonly uri: string;
  stop(): Promise<void>;
}

export interface KafkaFileRunnerServices {
  readonly session: ClusterSession;
  readonly panels: ProduceTailPanels;
  readonly log: vscode.LogOutputChannel;
  /** After records were produced (the Topics view's offsets changed). */
  readonly onProduced: () => void;
  /** Called with the running keys whenever they change. */
  readonly onRunningChanged: (keys: string[]) => void;
}

function isProduceArgs(value: unknown): value is ProduceBlockArgs {
  return typeof value === 'object' && value !== null && typeof (value as ProduceBlockArgs).topic === 'string' && typeof (value as ProduceBlockArgs).runningKey === 'string';
}

function isConsumerArgs(value: unknown): value is StartConsumerArgs {
  return typeof value === 'object' && value !== null && typeof (value as StartConsumerArgs).groupId === 'string' && typeof (value as StartConsumerArgs).runningKey === 'string';
}

export class KafkaFileRunner implements vscode.Disposable {
  private readonly running = new Map<string, RunningBlock>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly services: KafkaFileRunnerServices) {
    this.disposables.push(
      vscode.commands.registerCommand(PRODUCE_COMMAND, (args: unknown) => (isProduceArgs(args) ? this.produce(args) : undefined)),
      vscode.commands.registerCommand(START_CONSUMER_COMMAND, (args: unknown) => (isConsumerArgs(args) ? this.startConsumer(args) : undefined)),
      vscode.commands.registerCommand(STOP_BLOCK_COMMAND, (args: unknown) => this.stop((args as StopBlockArgs | undefined)?.runningKey)),
      vscode.workspace.onDidCloseTextDocument((document) => this.stopDocument(document.uri.toString())),
    );
  }

  runningKeys(): string[] {
    return [...this.running.keys()];
  }

  private changed(): void {
    this.services.onRunningChanged(this.runningKeys());
  }

  private async openPanel(topic: string): Promise<ProduceTailPanel> {
    const panel = this.services.panels.show(topic);
    await Promise.race([panel.whenTailLive(), new Promise((resolve) => setTimeout(resolve, TAIL_READY_TIMEOUT_MS))]);
    return panel;
  }

  private async produce(args: ProduceBlockArgs): Promise<void> {
    const clients = this.services.session.clients();
    if (clients === undefined) {
      void vscode.window.showWarningMessage('The Kafka cluster is not running.');
      return;
    }
    if (args.everyMs !== undefined) {
      this.startRepeating(args);
      return;
    }
    try {
      const panel = await this.openPanel(args.topic);
      await this.produceOnce(args, panel);
    } catch (error) {
      const text = kafkaErrorText(error);
      this.services.log.error(`Producing block "${args.label}" to ${args.topic} failed: ${text}`);
      void vscode.window.showErrorMessage(`Could not produce to "${args.topic}": ${text}`);
    }
  }

  private async produceOnce(args: ProduceBlockArgs, panel: ProduceTailPanel): Promise<void> {
    const clients = this.services.session.clients();
    if (clients === undefined) {
      throw new Error('The cluster is not running.');
    }
    // Partitions chosen here, so the broker's base offset per partition gives each record's offset.
    const partitions = await partitionCount(clients.admin(), args.topic);
    const records = placeRecords(await recordsOfBlock(args), partitions, randomInt(partitions));
    const result = await clients.producer().send({ messages: records });
    const bases = new Map<number, bigint>();
    for (const entry of result.offsets ?? []) {
      if (entry.topic === args.topic) {
        bases.set(entry.partition, entry.offset);
      }
    }
    const offsets = offsetsOfSend(records, bases);
    this.services.log.info(`Produced ${records.length} record(s) from block "${args.label}" to ${args.topic}.`);
    // The live tail shows them too; showing them here covers a tail that started after they landed.
    panel.showRecords(producedTailRecords(records, offsets, Date.now()).slice(-MAX_SHOWN_RECORDS));
    // A result line with "Show in Tail", as after producing from the panel's own form, rather than
    // jumping at once: a jump restarts the tail on just these records, which would throw away what
    // the user is watching there (a CONSUMER block streaming into the same panel, earlier runs) and,
    // for a block that repeats every few seconds, would restart the tail on every run.
    panel.showProduced(`block "${args.label}" of ${basename(vscode.Uri.parse(args.uri).path)}`, offsets);
    this.services.onProduced();
  }

  private startRepeating(args: ProduceBlockArgs): void {
    if (this.running.has(args.runningKey)) {
      return;
    }
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const tick = async (panel: ProduceTailPanel): Promise<void> => {
      try {
        await this.produceOnce(args, panel);
      } catch (error) {
        this.services.log.error(`Repeating producer "${args.label}" stopped: ${kafkaErrorText(error)}`);
        void this.stop(args.runningKey);
        return;
      }
      if (!stopped) {
        timer = setTimeout(() => void tick(panel), args.everyMs);
      }
    };
    this.running.set(args.runningKey, {
      uri: args.uri,
      stop: () => {
        stopped = true;
        clearTimeout(timer);
        return Promise.resolve();
      },
    });
    this.changed();
    this.services.log.info(`Producing block "${args.label}" to ${args.topic} every ${args.everyMs} ms.`);
    void this.openPanel(args.topic).then((panel) => (stopped ? undefined : tick(panel)));
  }

  private async startConsumer(args: StartConsumerArgs): Promise<void> {
    const clients = this.services.session.clients();
    if (clients === undefined) {
      void vscode.window.showWarningMessage('The Kafka cluster is not running.');
      return;
    }
    if (this.running.has(args.runningKey)) {
      return;
    }
    const panel = this.services.panels.show(args.topic);
    const consumer = new BlockConsumer(
      clients.bootstrapBrokers,
      args,
      {
        records: (records) => panel.showRecords(records),
        error: (message) => this.services.log.warn(`Consumer ${args.groupId} on ${args.topic}: ${message}`),
      },
      clients.connection,
    );
    this.running.set(args.runningKey, { uri: args.uri, stop: () => consumer.stop() });
    this.changed();
    try {
      await consumer.start();
      this.services.log.info(`Started consumer group ${args.groupId} on ${args.topic}.`);
    } catch (error) {
      const text = kafkaErrorText(error);
      this.services.log.error(`Starting consumer group ${args.groupId} on ${args.topic} failed: ${text}`);
      void vscode.window.showErrorMessage(`Could not start consumer "${args.groupId}": ${text}`);
      await this.stop(args.runningKey);
    }
  }

  async stop(key: string | undefined): Promise<void> {
    const run = key === undefined ? undefined : this.running.get(key);
    if (key === undefined || run === undefined) {
      return;
    }
    this.running.delete(key);
    this.changed();
    await run.stop();
    this.services.log.info(`Stopped ${key}.`);
  }

  private stopDocument(uri: string): void {
    for (const [key, run] of this.running) {
      if (run.uri === uri) {
        void this.stop(key);
      }
    }
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) {
      disposable.dispose();
    }
    for (const run of this.running.values()) {
      void run.stop();
    }
    this.running.clear();
  }
}
