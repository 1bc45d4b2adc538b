// Hands out producer ids that are never reused, across restarts and across the brokers of a cluster.
// Like Kafka's ProducerIdManager it reserves blocks of ids durably (a file in the broker's data directory,
// written atomically and fsynced) and serves ids from memory; a crash only skips the rest of a block.
// Each broker owns its own id range (node id in the high bits), so brokers never need to agree.

import * as fs from 'node:fs';
import * as path from 'node:path';

export const PRODUCER_ID_BLOCK_SIZE = 1000n;
const FILE_NAME = 'producer-id-block';
/** Ids of one node: [nodeId << 32, (nodeId + 1) << 32). Four billion per node is never exhausted in practice. */
const NODE_RANGE_BITS = 32n;

export class ProducerIdManager {
  private next: bigint;
  private blockEnd: bigint;
  private readonly file: string;

  constructor(dataDir: string, private readonly nodeId: number) {
    this.file = path.join(dataDir, FILE_NAME);
    const rangeStart = BigInt(nodeId) << NODE_RANGE_BITS;
    this.next = this.readReserved() ?? rangeStart;
    if (this.next < rangeStart) this.next = rangeStart;
    this.blockEnd = this.next;
  }

  /** The next unused id; reserves (and fsyncs) a new block first when the current one is spent. */
  nextProducerId(): bigint {
    if (this.next >= this.blockEnd) {
      const end = this.next + PRODUCER_ID_BLOCK_SIZE;
      if (end > (BigInt(this.nodeId) + 1n) << NODE_RANGE_BITS) throw new Error(`producer ids of node ${this.nodeId} are exhausted`);
      this.writeReserved(end);
      this.blockEnd = end;
    }
    return this.next++;
  }

  private readReserved(): bigint | null {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8').trim();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    if (!/^\d+$/.test(text)) throw new Error(`${this.file} does not hold a producer id: ${JSON.stringify(text.slice(0, 40))}`);
    return BigInt(text);
  }

  /** Write to a temp file, fsync, rename, fsync the directory: the old value or the new one, never half. */
  private writeReserved(end: bigint): void {
    const tmp = `${this.file}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, `${end}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
    const dir = fs.openSync(path.dirname(this.file), 'r');
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
  }
}
