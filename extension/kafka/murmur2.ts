// Kafka's murmur2 hash and the Java client's default key partitioner built on it, so a record sent
// "by key" from the panel lands on the partition any Java (or compatible) client would choose.

const SEED = 0x9747b28c;
const MULTIPLIER = 0x5bd1e995;
const SHIFT = 24;

/** Kafka's `Utils.murmur2`: a signed 32-bit hash of `bytes`. */
export function murmur2(bytes: Uint8Array): number {
  const length = bytes.length;
  let hash = (SEED ^ length) | 0;
  const wholeWords = length & ~3;
  for (let i = 0; i < wholeWords; i += 4) {
    let k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    k = Math.imul(k, MULTIPLIER);
    k ^= k >>> SHIFT;
    k = Math.imul(k, MULTIPLIER);
    hash = Math.imul(hash, MULTIPLIER) ^ k;
  }
  // The last one to three bytes, folded in highest first (the Java switch falls through).
  const rest = length & 3;
  if (rest === 3) {
    hash ^= bytes[wholeWords + 2] << 16;
  }
  if (rest >= 2) {
    hash ^= bytes[wholeWords + 1] << 8;
  }
  if (rest >= 1) {
    hash ^= bytes[wholeWords];
    hash = Math.imul(hash, MULTIPLIER);
  }
  hash ^= hash >>> 13;
  hash = Math.imul(hash, MULTIPLIER);
  hash ^= hash >>> 15;
  return hash | 0;
}

/** Kafka's `Utils.toPositive`: clears the sign bit (not Math.abs, which differs for negative values). */
export function toPositive(value: number): number {
  return value & 0x7fffffff;
}

/** The partition the Java client's default partitioner picks for a non-null key. */
export function partitionForKey(key: Uint8Array, partitionCount: number): number {
  if (!Number.isSafeInteger(partitionCount) || partitionCount < 1) {
    throw new RangeError(`partitionCount must be a positive integer, got ${partitionCount}`);
  }
  return toPositive(murmur2(key)) % partitionCount;
}
