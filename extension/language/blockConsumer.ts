// Runs a CONSUMER block: joins its group on its topic, starts where `from` says (committed offsets
// first for earliest/latest, as Kafka's auto.offset.reset; exact offsets or a time otherwise), and
// hands what it reads, decoded per the block's formats, to a listener until stopped.

import { Consumer, type Message, type MessagesStream } from '@platformatic/kafka';
import type { ClientConnectionOptions } from '../connections/connectionConfig.js';
import { enableZstdDecoding } from '../kafka/zstdCodec.js';
import type { TailRecord } from '../../webview/protocol.js';
import { decodeRecordBytes } from '../../language/formats/recordCodec.js';
import type { StartConsumerArgs } from '../../language/protocol.js';
import { parseFormat, type RecordFormat } from '../../language/schema/propertyValues.js';
import { bytesToDisplayText } from '../tail/recordText.js';

export interface BlockConsumerListener {
  records(records: TailRecord[]): void;
  error(message: string): void;
}

function readingFormat(text: string): RecordFormat {
  const parsed = parseFormat(text, { reading: true, forValue: true });
  return parsed.ok ? parsed.value : { kind: 'string', encoding: 'utf8' };
}

function display(bytes: Buffer | undefined | null, format: RecordFormat): string | null {
  const decoded = decodeRecordBytes(bytes ?? null, format);
  // Bytes that do not fit the format are shown as the tail shows any bytes.
  return decoded === undefined ? bytesToDisplayText(bytes ?? null) : decoded;
}

export class BlockConsumer {
  private readonly consumer: Consumer;
  private stream: MessagesStream<Buffer, Buffer, Buffer, Buffer> | undefined;
  private stopped = false;
  private readonly keyFormat: RecordFormat;
  private readonly valueFormat: RecordFormat;
  private readonly partitions: ReadonlySet<number> | undefined;

  constructor(
    bootstrapBrokers: readonly string[],
    readonly args: StartConsumerArgs,
    private readonly listener: BlockConsumerListener,
    connection: Partial<ClientConnectionOptions> = {},
  ) {
    enableZstdDecoding();
    this.consumer = new Consumer({
      ...connection,
      clientId: 'kafka-workbench-kafka-file',
      bootstrapBrokers: [...bootstrapBrokers],
      groupId: args.groupId,
      autocommit: true,
      maxWaitTime: 500,
      retries: 2,
    });
    this.keyFormat = readingFormat(args.keyFormat);
    this.valueFormat = readingFormat(args.valueFormat);
    this.partitions = args.partitions === undefined ? undefined : new Set(args.partitions);
  }

  async start(): Promise<void> {
    const stream = await this.consumer.consume({ topics: [this.args.topic], ...(await this.startOptions()) });
    this.stream = stream;
    if (this.stopped) {
      await this.stop();
      return;
    }
    stream.on('data', (message: Message<Buffer, Buffer, Buffer, Buffer>) => {
      if (this.partitions !== undefined && !this.partitions.has(message.partition)) {
        return;
      }
      this.listener.records([this.toTailRecord(message)]);
    });
    stream.on('error', (error: Error) => {
      if (!this.stopped) {
        this.listener.error(error.message);
      }
    });
  }

  private async startOptions(): Promise<Record<string, unknown>> {
    const from = this.args.from;
    if (from.kind === 'earliest' || from.kind === 'latest') {
      return { mode: 'committed', fallbackMode: from.kind };
    }
    const metadata = await this.consumer.metadata({ topics: [this.args.topic], forceUpdate: true });
    const described = metadata.topics.get(this.args.topic);
    if (described === undefined) {
      throw new Error(`Topic "${this.args.topic}" does not exist.`);
    }
    const all = described.partitions.map((_, index) => index);
    const chosen = this.partitions === undefined ? all : all.filter((partition) => this.partitions!.has(partition));
    let offsets: Map<number, bigint>;
    if (from.kind === 'offset') {
      offsets = new Map(chosen.map((partition) => [partition, BigInt(from.offset)]));
    } else {
      const listed = await this.consumer.listOffsets({
        topics: [this.args.topic],
        partitions: { [this.args.topic]: chosen },
        timestamp: BigInt(from.timestamp),
      });
      const found = listed.get(this.args.topic) ?? [];
      offsets = new Map(chosen.map((partition) => [partition, found[partition] ?? 0n]));
    }
    return {
      mode: 'manual',
      offsets: [...offsets].map(([partition, offset]) => ({ topic: this.args.topic, partition, offset })),
    };
  }

  private toTailRecord(message: Message<Buffer, Buffer, Buffer, Buffer>): TailRecord {
    const headers: [string, string | null][] = [];
    for (const [name, value] of message.headers ?? new Map<Buffer, Buffer>()) {
      headers.push([bytesToDisplayText(name) ?? '', bytesToDisplayText(value)]);
    }
    return {
      partition: message.partition,
      offset: message.offset.toString(),
      timestamp: message.timestamp.toString(),
      key: display(message.key, this.keyFormat),
      value: display(message.value, this.valueFormat),
      headers,
    };
  }

  /** Leaves the group (committing what was read) and closes the connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    try {
      await this.stream?.close();
    } catch {
      // Closing a stream that already failed is not a new problem.
    }
    await new Promise<void>((resolve) => {
      // Not forced: the consumer leaves its group, so the group rebalances at once.
      this.consumer.close(false, () => resolve());
    });
  }
}
