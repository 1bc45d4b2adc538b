// The tail's records/s sparkline: counts per second over a sliding window, and the SVG polyline
// points that draw them.

export class RateMeter {
  private readonly counts: number[];
  /** The whole second (ms / 1000) that counts[counts.length - 1] stands for. */
  private currentSecond: number | undefined;

  constructor(readonly seconds: number = 60) {
    if (!Number.isSafeInteger(seconds) || seconds < 2) {
      throw new RangeError(`seconds must be an integer of at least 2, got ${seconds}`);
    }
    this.counts = new Array<number>(seconds).fill(0);
  }

  /** Adds `count` records seen at `nowMs`. */
  add(count: number, nowMs: number): void {
    this.advance(nowMs);
    this.counts[this.counts.length - 1] += count;
  }

  /** Counts per second, oldest first, the last entry being the (partial) current second. */
  series(nowMs: number): readonly number[] {
    this.advance(nowMs);
    return this.counts;
  }

  /** Records per second over the last complete second. */
  lastRate(nowMs: number): number {
    return this.series(nowMs)[this.counts.length - 2];
  }

  private advance(nowMs: number): void {
    const second = Math.floor(nowMs / 1000);
    if (this.currentSecond === undefined) {
      this.currentSecond = second;
      return;
    }
    const elapsed = second - this.currentSecond;
    if (elapsed <= 0) {
      return;
    }
    const shift = Math.min(elapsed, this.counts.length);
    this.counts.splice(0, shift);
    for (let i = 0; i < shift; i++) {
      this.counts.push(0);
    }
    this.currentSecond = second;
  }
}

/** Polyline points ("x,y x,y …") for `values` in a `width`×`height` box, 0 at the bottom. */
export function sparklinePoints(values: readonly number[], width: number, height: number): string {
  if (values.length === 0) {
    return '';
  }
  const max = Math.max(1, ...values);
  const step = values.length === 1 ? 0 : width / (values.length - 1);
  return values
    .map((value, index) => {
      const x = index * step;
      const y = height - (Math.max(0, value) / max) * height;
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}
