// A chainable writer that builds a Kafka frame as a list of chunks. Small fields go into a scratch
// buffer; large blobs (record batches) are kept as their own chunks so fetch responses never copy them.

const LARGE_CHUNK = 512;
const utf8 = new TextEncoder();

export class Writer {
  private readonly chunks: Buffer[] = [];
  private scratch: Buffer;
  private pos = 0;
  private total = 0;

  constructor(initialSize = 256) {
    this.scratch = Buffer.allocUnsafe(initialSize);
  }

  get length(): number {
    return this.total;
  }

  private room(n: number): number {
    if (this.pos + n > this.scratch.length) {
      this.flushScratch();
      if (n > this.scratch.length) this.scratch = Buffer.allocUnsafe(Math.max(n, this.scratch.length * 2));
    }
    const at = this.pos;
    this.pos += n;
    this.total += n;
    return at;
  }

  // Callers must call room() before reading this.scratch: room() may replace it with a fresh buffer.
  private flushScratch(): void {
    if (this.pos > 0) {
      this.chunks.push(this.scratch.subarray(0, this.pos));
      this.scratch = Buffer.allocUnsafe(Math.max(256, this.scratch.length));
      this.pos = 0;
    }
  }

  int8(v: number): this { const at = this.room(1); this.scratch.writeInt8(v, at); return this; }
  uint8(v: number): this { const at = this.room(1); this.scratch.writeUInt8(v, at); return this; }
  int16(v: number): this { const at = this.room(2); this.scratch.writeInt16BE(v, at); return this; }
  uint16(v: number): this { const at = this.room(2); this.scratch.writeUInt16BE(v, at); return this; }
  int32(v: number): this { const at = this.room(4); this.scratch.writeInt32BE(v, at); return this; }
  uint32(v: number): this { const at = this.room(4); this.scratch.writeUInt32BE(v >>> 0, at); return this; }
  int64(v: bigint): this { const at = this.room(8); this.scratch.writeBigInt64BE(v, at); return this; }
  float64(v: number): this { const at = this.room(8); this.scratch.writeDoubleBE(v, at); return this; }
  bool(v: boolean): this { return this.int8(v ? 1 : 0); }

  uuid(hex: string): this {
    const at = this.room(16);
    const written = this.scratch.write(hex.padStart(32, '0'), at, 16, 'hex');
    if (written !== 16) throw new RangeError(`invalid uuid ${hex}`);
    return this;
  }

  unsignedVarint(v: number): this {
    let value = v >>> 0;
    while (value >= 0x80) {
      this.uint8((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    return this.uint8(value);
  }

  varint(v: number): this {
    return this.unsignedVarint(((v << 1) ^ (v >> 31)) >>> 0);
  }

  varlong(v: number): this {
    let value = BigInt(v);
    value = (value << 1n) ^ (value >> 63n);
    value = BigInt.asUintN(64, value);
    while (value >= 0x80n) {
      this.uint8(Number(value & 0x7fn) | 0x80);
      value >>= 7n;
    }
    return this.uint8(Number(value));
  }

  string(s: string): this {
    const b = utf8.encode(s);
    return this.int16(b.length).raw(b);
  }

  nullableString(s: string | null): this {
    return s === null ? this.int16(-1) : this.string(s);
  }

  compactString(s: string): this {
    const b = utf8.encode(s);
    return this.unsignedVarint(b.length + 1).raw(b);
  }

  compactNullableString(s: string | null): this {
    return s === null ? this.unsignedVarint(0) : this.compactString(s);
  }

  nullableBytes(b: Uint8Array | readonly Uint8Array[] | null): this {
    if (b === null) return this.int32(-1);
    if (b instanceof Uint8Array) return this.int32(b.length).raw(b);
    return this.int32(byteLength(b)).rawList(b);
  }

  compactNullableBytes(b: Uint8Array | readonly Uint8Array[] | null): this {
    if (b === null) return this.unsignedVarint(0);
    if (b instanceof Uint8Array) return this.unsignedVarint(b.length + 1).raw(b);
    return this.unsignedVarint(byteLength(b) + 1).rawList(b);
  }

  raw(b: Uint8Array): this {
    if (b.length >= LARGE_CHUNK) {
      this.flushScratch();
      this.chunks.push(Buffer.from(b.buffer, b.byteOffset, b.length));
      this.total += b.length;
      return this;
    }
    const at = this.room(b.length);
    this.scratch.set(b, at);
    return this;
  }

  rawList(list: readonly Uint8Array[]): this {
    for (const b of list) this.raw(b);
    return this;
  }

  arrayLength(n: number | null, flexible: boolean): this {
    if (flexible) return this.unsignedVarint(n === null ? 0 : n + 1);
    return this.int32(n === null ? -1 : n);
  }

  /** The written bytes as chunks, without copying the large ones. */
  toChunks(): Buffer[] {
    this.flushScratch();
    return this.chunks;
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.toChunks(), this.total);
  }

  /** The bytes prefixed with their int32 size, as a Kafka frame. */
  toFrame(): Buffer[] {
    const size = Buffer.allocUnsafe(4);
    size.writeInt32BE(this.total, 0);
    return [size, ...this.toChunks()];
  }
}

export function byteLength(list: readonly Uint8Array[]): number {
  let n = 0;
  for (const b of list) n += b.length;
  return n;
}
