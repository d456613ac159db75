// The two codec packages the store bench compares ship no types; only what `db-bench.ts` calls is declared.

declare module 'snappyjs' {
  /** Snappy-compresses `input` (a Uint8Array in, a Uint8Array out). */
  export function compress(input: Uint8Array): Uint8Array;
  export function uncompress(input: Uint8Array, maxLength?: number): Uint8Array;
}

declare module 'lz4js' {
  /** LZ4-compresses `input` into an LZ4 frame. */
  export function compress(input: Uint8Array, maxSize?: number): Uint8Array;
  export function decompress(input: Uint8Array, maxSize?: number): Uint8Array;
}
