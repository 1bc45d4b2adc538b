// A checking reader over one Kafka frame: every read is bounds-checked and throws
// ProtocolDecodeError on short or malformed input, so a bad frame can never read past its end.

export class ProtocolDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolDecodeError';
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class Reader {
  offset: number;

  constructor(readonly buffer: Buffer, offset = 0, readonly end = buffer.length) {
    this.offset = offset;
  }

  get remaining(): number {
    return this.end - this.offset;
  }

  private need(n: number, what: string): number {
    if (n < 0 || this.offset + n > this.end) {
      throw new ProtocolDecodeError(`truncated input: ${what} needs ${n} bytes at offset ${this.offset}, ${this.remaining} left`);
    }
    const at = this.offset;
    this.offset += n;
    return at;
  }

  int8(): number { return this.buffer.readInt8(this.need(1, 'int8')); }
  uint8(): number { return this.buffer.readUInt8(this.need(1, 'uint8')); }
  int16(): number { return this.buffer.readInt16BE(this.need(2, 'int16')); }
  uint16(): number { return this.buffer.readUInt16BE(this.need(2, 'uint16')); }
  int32(): number { return this.buffer.readInt32BE(this.need(4, 'int32')); }
  uint32(): number { return this.buffer.readUInt32BE(this.need(4, 'uint32')); }
  int64(): bigint { return this.buffer.readBigInt64BE(this.need(8, 'int64')); }
  float64(): number { return this.buffer.readDoubleBE(this.need(8, 'float64')); }
  bool(): boolean { return this.int8() !== 0; }

  uuid(): string {
    const at = this.need(16, 'uuid');
    return this.buffer.toString('hex', at, at + 16);
  }

  /** Unsigned LEB128 varint, at most 5 bytes (32 bits) as in Kafka. */
  unsignedVarint(): number {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.uint8();
      value |= (b & 0x7f) << (7 * i);
      if ((b & 0x80) === 0) return value >>> 0;
    }
    throw new ProtocolDecodeError(`varint longer than 5 bytes at offset ${this.offset}`);
  }

  /** Zigzag-encoded signed 32-bit varint. */
  varint(): number {
    const u = this.unsignedVarint();
    return (u >>> 1) ^ -(u & 1);
  }

  /** Zigzag-encoded signed 64-bit varint, as a number (record-level deltas fit in 53 bits). */
  varlong(): number {
    let value = 0n;
    for (let i = 0; i < 10; i++) {
      const b = this.uint8();
      value |= BigInt(b & 0x7f) << BigInt(7 * i);
      if ((b & 0x80) === 0) {
        const signed = (value >> 1n) ^ -(value & 1n);
        return Number(signed);
      }
    }
    throw new ProtocolDecodeError(`varlong longer than 10 bytes at offset ${this.offset}`);
  }

  private text(length: number, what: string): string {
    const at = this.need(length, what);
    try {
      return utf8.decode(this.buffer.subarray(at, at + length));
    } catch {
      throw new ProtocolDecodeError(`invalid UTF-8 in ${what} at offset ${at}`);
    }
  }

  string(): string {
    const s = this.nullableString();
    if (s === null) throw new ProtocolDecodeError(`null where a string is required at offset ${this.offset - 2}`);
    return s;
  }

  nullableString(): string | null {
    const n = this.int16();
    if (n === -1) return null;
    if (n < -1) throw new ProtocolDecodeError(`negative string length ${n}`);
    return this.text(n, 'string');
  }

  compactString(): string {
    const s = this.compactNullableString();
    if (s === null) throw new ProtocolDecodeError(`null where a compact string is required at offset ${this.offset}`);
    return s;
  }

  compactNullableString(): string | null {
    const n = this.unsignedVarint() - 1;
    if (n === -1) return null;
    return this.text(n, 'compact string');
  }

  /** Bytes are returned as a view into the frame, not a copy. */
  nullableBytes(): Buffer | null {
    const n = this.int32();
    if (n === -1) return null;
    if (n < -1) throw new ProtocolDecodeError(`negative bytes length ${n}`);
    const at = this.need(n, 'bytes');
    return this.buffer.subarray(at, at + n);
  }

  compactNullableBytes(): Buffer | null {
    const n = this.unsignedVarint() - 1;
    if (n === -1) return null;
    const at = this.need(n, 'compact bytes');
    return this.buffer.subarray(at, at + n);
  }

  raw(n: number): Buffer {
    const at = this.need(n, 'raw bytes');
    return this.buffer.subarray(at, at + n);
  }

  /** An array length: -1 means null. Lengths larger than the bytes left are rejected early. */
  arrayLength(flexible: boolean): number {
    const n = flexible ? this.unsignedVarint() - 1 : this.int32();
    if (n < -1) throw new ProtocolDecodeError(`negative array length ${n}`);
    // Every element takes at least one byte, so a longer array cannot be in this frame.
    if (n > this.remaining) throw new ProtocolDecodeError(`array length ${n} exceeds the ${this.remaining} bytes left`);
    return n;
  }
}
