import { describe, expect, it } from 'vitest';
import {
  decodeIndexFile,
  encodeIndexFile,
  INDEX_FILE_VERSION,
  IndexFileError,
  type IndexFileValue,
} from '../../../lib/search/index-file';
import { buildRelatedIndex, loadRelatedIndex, serializeRelatedIndex } from '../../../lib/search/related-index';
import { CORPUS } from './fixtures';

/** The parts of a file as one buffer (what `getFile().arrayBuffer()` gives). */
function bytesOf(value: IndexFileValue): Uint8Array {
  const parts = encodeIndexFile(value);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const SAMPLE: IndexFileValue = {
  format: 'paper-radar/test',
  version: 3,
  flag: true,
  nothing: null,
  text: 'naïve — ünïcödé\nsecond line',
  empty: '',
  small: new Uint8Array([1, 2, 3]),
  halves: new Uint16Array([0, 1, 2 ** 16 - 1]),
  ints: new Int32Array([-1, 0, 2 ** 31 - 1]),
  words: new Uint32Array([0, 2 ** 32 - 1]),
  floats: new Float32Array([0.5, -1.25, Math.fround(Math.PI)]),
  none: new Float32Array(0),
};

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

describe('encodeIndexFile / decodeIndexFile', () => {
  it('round-trips strings, numbers, booleans, null and every section type', () => {
    const back = decodeIndexFile(bytesOf(SAMPLE).buffer as ArrayBuffer);
    expect(back).toEqual(SAMPLE);
    for (const name of ['small', 'halves', 'ints', 'words', 'floats', 'none'] as const) {
      expect((back[name] as object).constructor).toBe((SAMPLE[name] as object).constructor);
    }
  });

  it('keeps typed arrays as views over the file, aligned, without copying', () => {
    const bytes = bytesOf({ a: new Uint8Array([7]), b: new Float32Array([1, 2]) });
    const back = decodeIndexFile(bytes.buffer as ArrayBuffer);
    const b = back.b as Float32Array;
    expect(b.buffer).toBe(bytes.buffer);
    expect(b.byteOffset % 8).toBe(0);
    expect([...b]).toEqual([1, 2]);
  });

  it('writes a subarray as itself, not its whole buffer', () => {
    const whole = new Int32Array([1, 2, 3, 4]);
    const back = decodeIndexFile(bytesOf({ part: whole.subarray(1, 3) }).buffer as ArrayBuffer);
    expect([...(back.part as Int32Array)]).toEqual([2, 3]);
  });

  it('round-trips a related index, which then loads as the same index', () => {
    const index = buildRelatedIndex(CORPUS);
    const back = decodeIndexFile(bytesOf({ ...serializeRelatedIndex(index) }).buffer as ArrayBuffer);
    const loaded = loadRelatedIndex(back);
    if (!loaded.ok) throw new Error(loaded.reason);
    expect(loaded.index.ids).toEqual(index.ids);
    expect(loaded.index.terms).toEqual(index.terms);
    expect([...loaded.index.postTf]).toEqual([...index.postTf]);
    expect([...loaded.index.postDocs]).toEqual([...index.postDocs]);
    expect([...loaded.index.docNorm]).toEqual([...index.docNorm]);
  });

  it('refuses a value it cannot store', () => {
    expect(() => encodeIndexFile({ list: [1, 2] as unknown as string })).toThrow(/index file: list cannot be stored/);
  });
});

describe('decodeIndexFile refuses what is not a whole file', () => {
  const good = bytesOf(SAMPLE);
  const decode = (b: Uint8Array) => () => decodeIndexFile(b.slice().buffer as ArrayBuffer);

  it('refuses with an IndexFileError, prefixed', () => {
    expect(decode(good.subarray(0, 10))).toThrow(IndexFileError);
    expect(decode(good.subarray(0, 10))).toThrow(/^paper-radar: index file: 10 bytes, too short$/);
  });

  it.each([
    ['cut at the end (a partial write)', good.length - 1],
    ['cut in half', good.length >> 1],
    ['cut after the header', 24],
  ])('refuses a truncated file: %s', (_what, keep) => {
    expect(decode(good.subarray(0, keep))).toThrow(
      /^paper-radar: index file: length \d+, the header says \d+ \(truncated\?\)$/,
    );
  });

  it('refuses another magic', () => {
    const b = good.slice();
    b[0] = 0x7b; // '{': a JSON file, say
    expect(decode(b)).toThrow(/not a Paper Radar index file \(magic\)/);
  });

  it('refuses another container version', () => {
    const b = good.slice();
    view(b).setUint32(4, INDEX_FILE_VERSION + 1, true);
    expect(decode(b)).toThrow(
      new RegExp(`container version ${INDEX_FILE_VERSION + 1}, expected ${INDEX_FILE_VERSION}`),
    );
  });

  it('refuses a length field that does not match the file', () => {
    const b = good.slice();
    view(b).setUint32(12, good.length + 8, true);
    expect(decode(b)).toThrow(/length \d+, the header says \d+/);
  });

  it('refuses a file whose trailer is missing or wrong (the right length, the wrong end)', () => {
    const b = good.slice();
    view(b).setUint32(b.length - 8, 0, true);
    expect(decode(b)).toThrow(/trailer missing or wrong/);
    const c = good.slice();
    view(c).setUint32(c.length - 4, 1, true);
    expect(decode(c)).toThrow(/trailer missing or wrong/);
  });

  it('refuses a table that runs past the end or is not JSON', () => {
    const b = good.slice();
    view(b).setUint32(8, good.length, true);
    expect(decode(b)).toThrow(/table runs past the end/);
    const c = good.slice();
    c[16] = 0x00;
    expect(decode(c)).toThrow(/table is not JSON/);
  });

  it('refuses a section outside the file, misaligned or of an unknown type', () => {
    /** A file of `table` and `body` zero bytes after it, its header and trailer right. */
    const craft = (table: unknown, body = 64) => {
      const text = new TextEncoder().encode(JSON.stringify(table));
      const size = 16 + text.length + body + 8;
      const b = new Uint8Array(size);
      const v = view(b);
      v.setUint32(0, 0x58495250, true);
      v.setUint32(4, INDEX_FILE_VERSION, true);
      v.setUint32(8, text.length, true);
      v.setUint32(12, size, true);
      b.set(text, 16);
      v.setUint32(size - 8, 0x50524958, true);
      v.setUint32(size - 4, size, true);
      return b;
    };
    const section = (entry: unknown[]) => craft({ meta: {}, sections: [entry] });
    // The crafted frame itself is readable: an empty file and a section inside it decode.
    expect(decodeIndexFile(craft({ meta: { v: 1 }, sections: [] }).buffer as ArrayBuffer)).toEqual({ v: 1 });
    expect(decode(section(['a', 'u8', 80, 2]))()).toEqual({ a: new Uint8Array(2) });
    expect(decode(section(['a', 'u8', 80, 10 ** 6]))).toThrow(/section a is outside the file or misaligned/);
    expect(decode(section(['a', 'utf8', -1, 2]))).toThrow(/section a is outside the file/);
    expect(decode(section(['a', 'i32', 81, 1]))).toThrow(/section a is outside the file or misaligned/);
    expect(decode(section(['a', 'f64', 80, 1]))).toThrow(/section a has an unknown type f64/);
    expect(decode(section(['a', 'u8', 80]))).toThrow(/a section entry is malformed/);
    expect(decode(craft({ sections: [] }))).toThrow(/table has no meta/);
    expect(decode(craft({ meta: {} }))).toThrow(/table has no sections/);
  });
});
