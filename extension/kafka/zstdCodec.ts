// Owns @platformatic/kafka's zstd codec where the runtime lacks one: Node 20's zlib has no zstd, so
// reading uses fzstd (pure JS) and producing uses @bokuweb/zstd-wasm (zstd's C compressor as wasm).

import { compressionsAlgorithms, type CompressionAlgorithmSpecification } from '@platformatic/kafka';
import { compress, init } from '@bokuweb/zstd-wasm';
import { decompress } from 'fzstd';

/** Kafka's default zstd level (Java's and librdkafka's): a good speed/size trade for record batches. */
export const ZSTD_LEVEL = 3;

// The table is declared read-only but is a plain object the client looks codecs up in at each batch,
// so replacing its functions here changes what every producer and consumer in this process uses.
const zstd: CompressionAlgorithmSpecification = compressionsAlgorithms.zstd;
const runtimeHasZstd = zstd.available === true;

let compressorReady = false;
/** Why the last load of the compressor failed, for sends that ask for zstd anyway. */
let loadFailure: string | undefined;
let enabling: Promise<void> | undefined;

/** The client hands either a Buffer or its own DynamicBuffer, whose `buffer` is the joined bytes. */
function bytesOf(data: Parameters<CompressionAlgorithmSpecification['compressSync']>[0]): Buffer {
  return Buffer.isBuffer(data) ? data : data.buffer;
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

let decoderInstalled = false;

/** Makes the client read zstd batches where the runtime cannot (at once, no loading); a no-op where it can. */
export function enableZstdDecoding(): void {
  if (runtimeHasZstd || decoderInstalled) {
    return;
  }
  zstd.decompressSync = (data) => toBuffer(decompress(bytesOf(data)));
  decoderInstalled = true;
}

function installCompressor(): void {
  zstd.compressSync = (data) => {
    // The client's codec calls are synchronous, so a send racing the wasm load cannot wait for it.
    if (!compressorReady) {
      throw new Error(loadFailure ?? 'The zstd compressor is still loading; try the send again in a moment.');
    }
    return toBuffer(compress(bytesOf(data), ZSTD_LEVEL));
  };
}

/**
 * Makes the client read and write zstd batches where the runtime cannot; a no-op where it can.
 * Reading works as soon as this is called; the returned promise settles once producing works too
 * (it rejects if the compressor cannot load, and a later call tries again). Safe to call often.
 */
export function enableZstd(): Promise<void> {
  if (runtimeHasZstd || compressorReady) {
    return Promise.resolve();
  }
  if (enabling !== undefined) {
    return enabling;
  }
  enableZstdDecoding();
  installCompressor();
  enabling = init().then(
    () => {
      compressorReady = true;
      loadFailure = undefined;
      zstd.available = true;
    },
    (error: unknown) => {
      enabling = undefined;
      loadFailure = `Could not load the zstd compressor: ${error instanceof Error ? error.message : String(error)}`;
      throw new Error(loadFailure);
    },
  );
  return enabling;
}

/** True when zstd batches can be produced now, by the runtime's zlib or by enableZstd's compressor. */
export function canProduceZstd(): boolean {
  return runtimeHasZstd || compressorReady;
}
