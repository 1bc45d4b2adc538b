// Node 20's zlib has no zstd, so @platformatic/kafka cannot read zstd-compressed batches there and the
// tail would show an error for them. fzstd (pure JS, bundled) decodes zstd; this teaches the client's
// codec table to use it for reading. Producing zstd stays unavailable on Node 20.

import { compressionsAlgorithms, type CompressionAlgorithmSpecification } from '@platformatic/kafka';
import { decompress } from 'fzstd';

/** Makes the client decode zstd batches where the runtime cannot; a no-op where it can. */
export function enableZstdDecoding(): void {
  // The table is declared read-only but is a plain object the client looks codecs up in at each use.
  const zstd: CompressionAlgorithmSpecification = compressionsAlgorithms.zstd;
  if (zstd.available === true) return;
  zstd.decompressSync = (data) => {
    // The client hands either a Buffer or its own DynamicBuffer, whose `buffer` is the joined bytes.
    const bytes = Buffer.isBuffer(data) ? data : data.buffer;
    const out = decompress(bytes);
    return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  };
}
