// The active segment's append-only journal: every stored batch is framed here, on disk, before its
// append resolves. Frame: [u32 payload length][u32 CRC32C][payload], where the payload is
// [i64 base offset][i64 last offset][i64 max timestamp][batch bytes]. The CRC covers the whole payload,
// except in a "batch-checked" frame (top bit of the length word set): there it covers the entry header
// and the batch up to and including the batch's own CRC field, and that batch CRC (over the rest of the
// batch) is verified on replay. Every payload byte is still under a CRC32C, so a torn or zero-filled
// tail is still caught, and the writer no longer hashes each batch a second time.

import * as fs from 'node:fs';
import { crc32c } from '../records/crc32c.js';
import { BATCH_HEADER_SIZE, BATCH_LOG_OVERHEAD, BatchField } from '../records/recordBatch.js';
import type { StoredBatch } from './segmentDb.js';

const FRAME_HEADER = 8;
const ENTRY_HEADER = 24;
const BATCH_CHECKED = 0x80000000;
/** Batch bytes a batch-checked frame's own CRC covers: everything before the batch CRC's range. */
const BATCH_PREFIX = BatchField.attributes;

export interface TornTail {
  /** Byte position in the journal where the first bad frame starts; the file is cut there. */
  position: number;
  droppedBytes: number;
  reason: string;
}

export interface JournalReplay {
  batches: StoredBatch[];
  /** Where each batch's bytes start in the journal, parallel to `batches`. */
  positions: number[];
  tornTail: TornTail | null;
}

/** Bytes a frame adds before its batch: frame header plus entry header. */
export const JOURNAL_FRAME_OVERHEAD = FRAME_HEADER + ENTRY_HEADER;

/**
 * Reads every whole frame of a journal; a short or CRC-failing frame ends the readable part. With
 * `copyBytes` false the batches' bytes are views into `data` (for a caller that only wants the index).
 */
export function readJournal(data: Buffer, copyBytes = true): JournalReplay {
  const batches: StoredBatch[] = [];
  const positions: number[] = [];
  let pos = 0;
  while (pos < data.length) {
    const tornAt = (reason: string): JournalReplay => ({
      batches,
      positions,
      tornTail: { position: pos, droppedBytes: data.length - pos, reason },
    });
    if (data.length - pos < FRAME_HEADER) return tornAt('short frame header');
    const word = data.readUInt32BE(pos);
    const checked = (word & BATCH_CHECKED) !== 0;
    const length = checked ? word - BATCH_CHECKED : word;
    const payloadStart = pos + FRAME_HEADER;
    if (length < ENTRY_HEADER || payloadStart + length > data.length) return tornAt(`frame of ${length} bytes is cut short`);
    if (checked) {
      const problem = checkedFrameProblem(data, payloadStart, length, data.readUInt32BE(pos + 4));
      if (problem) return tornAt(problem);
    } else if (crc32c(data, payloadStart, payloadStart + length) !== data.readUInt32BE(pos + 4)) {
      return tornAt('frame CRC mismatch');
    }
    batches.push({
      baseOffset: data.readBigInt64BE(payloadStart),
      lastOffset: data.readBigInt64BE(payloadStart + 8),
      maxTimestamp: data.readBigInt64BE(payloadStart + 16),
      // Copied out (unless told not to) so the replayed batches do not pin the whole journal buffer.
      bytes: copyBytes ? Buffer.from(data.subarray(payloadStart + ENTRY_HEADER, payloadStart + length)) : data.subarray(payloadStart + ENTRY_HEADER, payloadStart + length),
    });
    positions.push(payloadStart + ENTRY_HEADER);
    pos = payloadStart + length;
  }
  return { batches, positions, tornTail: null };
}

/** Why a batch-checked frame is not whole, or null when it is. */
function checkedFrameProblem(data: Buffer, payloadStart: number, length: number, frameCrc: number): string | null {
  const batchStart = payloadStart + ENTRY_HEADER;
  const batchLength = length - ENTRY_HEADER;
  if (batchLength < BATCH_HEADER_SIZE) return `batch-checked frame of ${length} bytes is too short for a batch`;
  if (crc32c(data, payloadStart, batchStart + BATCH_PREFIX) !== frameCrc) return 'frame CRC mismatch';
  // The prefix is sound, so the batch's length and CRC fields are what the writer wrote.
  if (data.readInt32BE(batchStart + BatchField.batchLength) + BATCH_LOG_OVERHEAD !== batchLength) {
    return 'frame length disagrees with its batch length';
  }
  if (crc32c(data, batchStart + BATCH_PREFIX, batchStart + batchLength) !== data.readUInt32BE(batchStart + BatchField.crc)) {
    return 'batch CRC mismatch';
  }
  return null;
}

/**
 * Whether `bytes` can go in a batch-checked frame: a v2 batch whose length field matches. The caller
 * vouches that its CRC was verified (or computed) already; a wrong CRC would cut the journal there.
 */
function fitsCheckedFrame(bytes: Buffer): boolean {
  return (
    bytes.length >= BATCH_HEADER_SIZE &&
    ENTRY_HEADER + bytes.length < BATCH_CHECKED &&
    bytes.readInt8(BatchField.magic) === 2 &&
    bytes.readInt32BE(BatchField.batchLength) + BATCH_LOG_OVERHEAD === bytes.length
  );
}

/** Frame header and entry header of a batch-checked frame; the batch bytes follow it unchanged. */
export function encodeCheckedFrameHead(batch: StoredBatch): Buffer {
  const head = Buffer.allocUnsafe(FRAME_HEADER + ENTRY_HEADER + BATCH_PREFIX);
  head.writeUInt32BE((BATCH_CHECKED | (ENTRY_HEADER + batch.bytes.length)) >>> 0, 0);
  head.writeBigInt64BE(batch.baseOffset, FRAME_HEADER);
  head.writeBigInt64BE(batch.lastOffset, FRAME_HEADER + 8);
  head.writeBigInt64BE(batch.maxTimestamp, FRAME_HEADER + 16);
  batch.bytes.copy(head, FRAME_HEADER + ENTRY_HEADER, 0, BATCH_PREFIX);
  head.writeUInt32BE(crc32c(head, FRAME_HEADER), 4);
  return head.subarray(0, FRAME_HEADER + ENTRY_HEADER);
}

export function encodeJournalFrame(batch: StoredBatch): Buffer {
  const frame = Buffer.allocUnsafe(FRAME_HEADER + ENTRY_HEADER + batch.bytes.length);
  frame.writeUInt32BE(ENTRY_HEADER + batch.bytes.length, 0);
  frame.writeBigInt64BE(batch.baseOffset, FRAME_HEADER);
  frame.writeBigInt64BE(batch.lastOffset, FRAME_HEADER + 8);
  frame.writeBigInt64BE(batch.maxTimestamp, FRAME_HEADER + 16);
  batch.bytes.copy(frame, FRAME_HEADER + ENTRY_HEADER);
  frame.writeUInt32BE(crc32c(frame, FRAME_HEADER), 4);
  return frame;
}

/**
 * Test-only fault injection: when set, called before each journal write and may throw (for example an
 * error with code ENOSPC) to stand in for a full disk, which tests cannot safely produce. Never set in
 * shipped code.
 */
export const journalFaultsForTests: { beforeWrite: ((file: string) => void) | null } = { beforeWrite: null };

/** A journal write failed; `rolledBack` says whether the file was cut back to its last whole frame. */
export class JournalWriteError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly rolledBack: boolean,
  ) {
    super(message);
    this.name = 'JournalWriteError';
  }
}

/** What is left of `parts` after the first `skip` bytes: a short write's remainder. */
function unwritten(parts: Buffer[], skip: number): Buffer[] {
  if (skip === 0) return parts;
  const rest: Buffer[] = [];
  for (const part of parts) {
    if (skip >= part.length) skip -= part.length;
    else {
      rest.push(skip > 0 ? part.subarray(skip) : part);
      skip = 0;
    }
  }
  return rest;
}

/** An open journal file, appended with synchronous writes so frames land in order. */
export class JournalWriter {
  private unsynced = 0;
  private syncing: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    readonly file: string,
    private readonly fd: number,
    private size: number,
  ) {}

  /** Opens for append; `validLength` cuts off a torn tail first. */
  static open(file: string, validLength: number): JournalWriter {
    const fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_CREAT);
    try {
      if (fs.fstatSync(fd).size !== validLength) {
        fs.ftruncateSync(fd, validLength);
        fs.fsyncSync(fd);
      }
    } catch (err) {
      fs.closeSync(fd);
      throw err;
    }
    return new JournalWriter(file, fd, validLength);
  }

  get bytes(): number {
    return this.size;
  }

  /** Appends appended since the last fsync. */
  get unsyncedAppends(): number {
    return this.unsynced;
  }

  /**
   * Writes one frame to the file (the OS page cache); durable once sync() resolves. Returns where the
   * batch's bytes start in the file. `crcChecked` says the batch's own CRC is known to be right
   * (validated on the way in or computed here), which lets the frame lean on it instead of hashing the
   * batch again.
   */
  append(batch: StoredBatch, crcChecked = false): number {
    if (this.closed) throw new Error(`journal ${this.file} is closed`);
    const parts = crcChecked && fitsCheckedFrame(batch.bytes) ? [encodeCheckedFrameHead(batch), batch.bytes] : [encodeJournalFrame(batch)];
    const total = parts.length === 1 ? parts[0].length : parts[0].length + parts[1].length;
    let written = 0;
    try {
      journalFaultsForTests.beforeWrite?.(this.file);
      while (written < total) {
        written += fs.writevSync(this.fd, unwritten(parts, written), this.size + written);
      }
    } catch (err) {
      // Cut a partial frame off, so the journal still ends on a whole frame and later appends are readable.
      let rolledBack = true;
      try {
        if (written > 0) fs.ftruncateSync(this.fd, this.size);
      } catch {
        rolledBack = false;
      }
      const e = err as NodeJS.ErrnoException;
      throw new JournalWriteError(`${this.file}: journal write failed: ${e.message}`, e.code, rolledBack);
    }
    const batchPosition = this.size + total - batch.bytes.length;
    this.size += total;
    this.unsynced++;
    return batchPosition;
  }

  /**
   * `length` bytes from `position` (as append returned it): the active segment serves its reads from
   * here, so its batches need not stay in memory. The OS page cache usually holds them still.
   */
  read(position: number, length: number): Buffer {
    if (this.closed) throw new Error(`journal ${this.file} is closed`);
    const out = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const n = fs.readSync(this.fd, out, done, length - done, position + done);
      if (n === 0) throw new Error(`${this.file}: ends at ${position + done}, before ${position + length}`);
      done += n;
    }
    return out;
  }

  /** fsyncs everything appended so far; calls queue behind each other. */
  sync(): Promise<void> {
    if (this.closed) return this.syncing;
    const covering = this.unsynced;
    // A failed earlier fsync has already rejected its own caller; this one tries afresh.
    this.syncing = this.syncing.catch(() => undefined).then(
      () =>
        new Promise<void>((resolve, reject) => {
          if (covering === 0 || this.closed) return resolve();
          fs.fdatasync(this.fd, (err) => {
            if (err) return reject(err);
            this.unsynced = Math.max(0, this.unsynced - covering);
            resolve();
          });
        }),
    );
    return this.syncing;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.sync().catch(() => undefined);
    this.closed = true;
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
  }
}
