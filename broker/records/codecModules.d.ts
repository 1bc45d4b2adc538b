// Types for the two pure-JS codec packages that ship none; only the calls we make are declared.

declare module 'snappyjs' {
  export function compress(input: Uint8Array): Uint8Array;
  export function uncompress(input: Uint8Array, maxLength?: number): Uint8Array;
}

declare module 'lz4js' {
  /** Compresses to a standard LZ4 frame (independent blocks). */
  export function compress(input: Uint8Array, maxSize?: number): Uint8Array;
}
