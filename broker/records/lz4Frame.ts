// A checking decoder for the LZ4 frame format Kafka uses for codec 3: any block size, linked or
// independent blocks, optional block and content checksums (skipped: the batch CRC covers the bytes).

const FRAME_MAGIC = 0x184d2204;
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
const FLAG_BLOCK_CHECKSUM = 0x10;
const FLAG_CONTENT_SIZE = 0x08;
const FLAG_CONTENT_CHECKSUM = 0x04;
const FLAG_DICT_ID = 0x01;
const MIN_MATCH = 4;

export class Lz4FormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Lz4FormatError';
  }
}

class Output {
  buf: Buffer;
  len = 0;
  constructor(capacity: number) {
    this.buf = Buffer.allocUnsafe(Math.max(capacity, 64));
  }
  reserve(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.len + extra, this.buf.length * 2));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }
}

/** Decodes one or more concatenated LZ4 frames (skippable frames are skipped). */
export function decodeLz4Frames(src: Buffer): Buffer {
  const out = new Output(src.length * 4);
  let pos = 0;
  while (pos < src.length) {
    if (src.length - pos < 4) throw new Lz4FormatError(`truncated frame magic at byte ${pos}`);
    const magic = src.readUInt32LE(pos);
    if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) {
      if (src.length - pos < 8) throw new Lz4FormatError('truncated skippable frame');
      pos += 8 + src.readUInt32LE(pos + 4);
      continue;
    }
    if (magic !== FRAME_MAGIC) throw new Lz4FormatError(`bad frame magic 0x${magic.toString(16)} at byte ${pos}`);
    pos = decodeFrame(src, pos + 4, out);
  }
  return out.buf.subarray(0, out.len);
}

function decodeFrame(src: Buffer, pos: number, out: Output): number {
  const need = (n: number, what: string): void => {
    if (pos + n > src.length) throw new Lz4FormatError(`truncated ${what} at byte ${pos}`);
  };
  need(2, 'frame descriptor');
  const flags = src[pos];
  if (flags >> 6 !== 1) throw new Lz4FormatError(`unsupported frame version ${flags >> 6}`);
  pos += 2; // FLG and BD: the block maximum only matters to encoders and allocation
  if (flags & FLAG_CONTENT_SIZE) {
    need(8, 'content size');
    const size = Number(src.readBigUInt64LE(pos));
    if (size <= 0x7fffffff) out.reserve(size);
    pos += 8;
  }
  if (flags & FLAG_DICT_ID) throw new Lz4FormatError('frames that need a dictionary are not supported');
  need(1, 'header checksum');
  pos += 1;
  for (;;) {
    need(4, 'block size');
    const word = src.readUInt32LE(pos);
    pos += 4;
    if (word === 0) break;
    const size = word & 0x7fffffff;
    need(size, 'block');
    if (word & 0x80000000) {
      out.reserve(size);
      src.copy(out.buf, out.len, pos, pos + size);
      out.len += size;
    } else {
      decodeBlock(src, pos, pos + size, out);
    }
    pos += size;
    if (flags & FLAG_BLOCK_CHECKSUM) {
      need(4, 'block checksum');
      pos += 4;
    }
  }
  if (flags & FLAG_CONTENT_CHECKSUM) {
    need(4, 'content checksum');
    pos += 4;
  }
  return pos;
}

function decodeBlock(src: Buffer, pos: number, end: number, out: Output): void {
  const readLength = (base: number): number => {
    let length = base;
    if (base === 15) {
      let b: number;
      do {
        if (pos >= end) throw new Lz4FormatError('block ends inside a length');
        b = src[pos++];
        length += b;
      } while (b === 255);
    }
    return length;
  };
  while (pos < end) {
    const token = src[pos++];
    const literals = readLength(token >> 4);
    if (pos + literals > end) throw new Lz4FormatError('literals run past the block');
    out.reserve(literals);
    src.copy(out.buf, out.len, pos, pos + literals);
    out.len += literals;
    pos += literals;
    if (pos === end) return; // the last sequence carries literals only
    if (pos + 2 > end) throw new Lz4FormatError('block ends inside a match offset');
    const offset = src.readUInt16LE(pos);
    pos += 2;
    if (offset === 0 || offset > out.len) throw new Lz4FormatError(`match offset ${offset} reaches before the output`);
    const matchLength = readLength(token & 15) + MIN_MATCH;
    out.reserve(matchLength);
    const buf = out.buf;
    let from = out.len - offset;
    let to = out.len;
    // Byte by byte: a match may overlap its own output (offset < length repeats a pattern).
    for (let i = 0; i < matchLength; i++) buf[to++] = buf[from++];
    out.len = to;
  }
}
