// Keeps one spare segment-sized buffer for the next seal or sealed-segment open to reuse. Each of those
// needs a buffer the size of a whole segment file (sql.js holds the file in memory); a freed one lingers
// until V8 happens to collect it, so without reuse a broker carries a dead 64 MiB buffer beside the live one.

/** Buffers are sized in steps of this, so a buffer freed by one segment fits the next of about its size. */
const STEP = 4 * 1024 * 1024;

export class SegmentBufferPool {
  private spare: ArrayBuffer | null = null;

  /**
   * A buffer of at least `bytes`, the spare when it is large enough. `zeroed`: its bytes must read as
   * zeros (a fresh database image); a file about to be read over it in full need not be.
   */
  take(bytes: number, zeroed: boolean): ArrayBuffer {
    const spare = this.spare;
    if (spare && spare.byteLength >= bytes) {
      this.spare = null;
      if (zeroed) new Uint8Array(spare, 0, bytes).fill(0);
      return spare;
    }
    // A spare too small stays for a smaller request: dropping it now would only make more garbage.
    return new ArrayBuffer(Math.ceil(bytes / STEP) * STEP);
  }

  /**
   * Gives a buffer back once nothing reads or writes it any more (its database closed, its file written).
   * The larger of it and the current spare is kept.
   */
  give(buffer: ArrayBuffer): void {
    if (!this.spare || buffer.byteLength > this.spare.byteLength) this.spare = buffer;
  }

  /** Bytes the spare holds (0 when none): for tests and diagnostics. */
  get spareBytes(): number {
    return this.spare?.byteLength ?? 0;
  }
}

/** Shared by every segment of the process: the point is that one seal and the next reuse one buffer. */
export const processSegmentBufferPool = new SegmentBufferPool();
