/**
 * The binary container a persisted index is written to as one file: a record of strings, numbers and typed arrays
 * (`StoredRelatedIndex`, or the typed-search index's JSON string) laid out so that loading it is a view over the
 * file's bytes — no JSON for the arrays, no copy (sections of 8-, 16- and 32-bit elements).
 *
 * Layout (little-endian, as every browser's typed arrays are):
 * ```
 * 0   magic 'PRIX' · u32 container version · u32 table length T · u32 file length
 * 16  table: UTF-8 JSON `{ meta, sections: [[name, type, offset, length], …] }` (a few hundred bytes)
 * …   the sections, each at an offset aligned to 8 bytes (a Float32Array can view it in place)
 * end trailer: 'XIRP' · u32 file length
 * ```
 * A file whose length, header or trailer does not match (a partial write, another format, a torn file) is refused
 * with an `IndexFileError`, as is a section outside the file. The sections' contents are not checksummed (a
 * checksum over tens of MB would cost what this format saves): the loaders behind it check the arrays' lengths
 * (and the related index's loader every term and document number and its document frequencies).
 */
import { PaperRadarError } from '../errors';

/** The container's version; a file of any other is refused (the caller rebuilds). */
export const INDEX_FILE_VERSION = 1;

const MAGIC = 0x58495250; // 'PRIX' read as a little-endian u32
const TRAILER = 0x50524958; // 'XIRP'
const HEADER_BYTES = 16;
const TRAILER_BYTES = 8;
const ALIGN = 8;

/** A persisted index file could not be read as one: why, after the prefix `paper-radar: index file: `. */
export class IndexFileError extends PaperRadarError {
  override name = 'IndexFileError';

  constructor(detail: string) {
    super(`index file: ${detail}`);
  }
}

/** The typed arrays a section may hold. */
export type SectionArray = Uint8Array | Uint16Array | Int32Array | Uint32Array | Float32Array;

/**
 * What a file holds: a flat record whose typed arrays and strings become sections (strings as UTF-8) and whose
 * other values (numbers, booleans, null) go in the table as JSON.
 */
export type IndexFileValue = Record<string, SectionArray | string | number | boolean | null>;

type SectionType = 'u8' | 'u16' | 'i32' | 'u32' | 'f32' | 'utf8';

const ARRAY_TYPES = {
  u8: Uint8Array,
  u16: Uint16Array,
  i32: Int32Array,
  u32: Uint32Array,
  f32: Float32Array,
} as const;

function sectionTypeOf(v: SectionArray): Exclude<SectionType, 'utf8'> {
  if (v instanceof Uint8Array) return 'u8';
  if (v instanceof Uint16Array) return 'u16';
  if (v instanceof Int32Array) return 'i32';
  if (v instanceof Uint32Array) return 'u32';
  return 'f32';
}

const align = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

/**
 * Encodes `value` as the parts of one file, in order (write them one after the other, or as one `Blob`): the
 * arrays are not copied. Throws a `TypeError` for a value that is not a string, number, boolean, null or one of the
 * section arrays.
 */
export function encodeIndexFile(value: IndexFileValue): Uint8Array[] {
  const encoder = new TextEncoder();
  const meta: Record<string, number | boolean | null> = {};
  const bodies: { name: string; type: SectionType; bytes: Uint8Array; length: number }[] = [];
  for (const [name, v] of Object.entries(value)) {
    if (typeof v === 'string') {
      const bytes = encoder.encode(v);
      bodies.push({ name, type: 'utf8', bytes, length: bytes.length });
    } else if (ArrayBuffer.isView(v)) {
      const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      bodies.push({ name, type: sectionTypeOf(v), bytes, length: v.length });
    } else if (typeof v === 'number' || typeof v === 'boolean' || v === null) {
      meta[name] = v;
    } else {
      throw new TypeError(`paper-radar: index file: ${name} cannot be stored`);
    }
  }
  // The table's offsets depend on its own length: lay it out, then again with the offsets its length gives, until
  // the length is stable (longer offsets only lengthen the table, so this ends; twice in practice).
  let tableBytes = new Uint8Array(0);
  let offsets: number[] = [];
  for (let stable = false; !stable;) {
    let at = align(HEADER_BYTES + tableBytes.length);
    offsets = bodies.map((b) => {
      const offset = at;
      at = align(at + b.bytes.length);
      return offset;
    });
    const sections = bodies.map((b, i) => [b.name, b.type, offsets[i], b.length]);
    const next = encoder.encode(JSON.stringify({ meta, sections }));
    stable = next.length === tableBytes.length;
    tableBytes = next;
  }
  const last = bodies.length ? offsets[bodies.length - 1]! + bodies[bodies.length - 1]!.bytes.length : 0;
  const bodyEnd = align(Math.max(HEADER_BYTES + tableBytes.length, last));
  const fileLength = bodyEnd + TRAILER_BYTES;

  const header = new Uint8Array(HEADER_BYTES);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, MAGIC, true);
  hv.setUint32(4, INDEX_FILE_VERSION, true);
  hv.setUint32(8, tableBytes.length, true);
  hv.setUint32(12, fileLength, true);
  const parts: Uint8Array[] = [header, tableBytes];
  let at = HEADER_BYTES + tableBytes.length;
  bodies.forEach((b, i) => {
    if (offsets[i]! > at) parts.push(new Uint8Array(offsets[i]! - at));
    parts.push(b.bytes);
    at = offsets[i]! + b.bytes.length;
  });
  if (bodyEnd > at) parts.push(new Uint8Array(bodyEnd - at));
  const trailer = new Uint8Array(TRAILER_BYTES);
  const tv = new DataView(trailer.buffer);
  tv.setUint32(0, TRAILER, true);
  tv.setUint32(4, fileLength, true);
  parts.push(trailer);
  return parts;
}

/** Bytes per element of each section type. */
const BYTES_OF: Record<SectionType, number> = { u8: 1, u16: 2, i32: 4, u32: 4, f32: 4, utf8: 1 };

/**
 * Reads a file made by `encodeIndexFile` back into its record: typed arrays are views over `buffer` (keep it
 * alive; do not reuse it), strings decoded. Throws an `IndexFileError` saying why when the bytes are not such a
 * file: too short, another magic or container version, a file length other than the header's or the trailer's (a
 * partial or torn write), an unreadable table, or a section outside the file or misaligned.
 */
export function decodeIndexFile(buffer: ArrayBuffer): IndexFileValue {
  const size = buffer.byteLength;
  if (size < HEADER_BYTES + TRAILER_BYTES) throw new IndexFileError(`${size} bytes, too short`);
  const tableLength = checkFrame(new DataView(buffer), new DataView(buffer, size - TRAILER_BYTES), size);
  const table = parseTable(() => new TextDecoder().decode(new Uint8Array(buffer, HEADER_BYTES, tableLength)), size);
  const out: IndexFileValue = { ...table.meta };
  const decoder = new TextDecoder();
  for (const [name, { type, offset, length }] of table.sections) {
    out[name] =
      type === 'utf8'
        ? decoder.decode(new Uint8Array(buffer, offset, length))
        : new ARRAY_TYPES[type](buffer, offset, length);
  }
  return out;
}

/**
 * Checks a file's header (`head`, from its first byte) and trailer (`tail`, its last `TRAILER_BYTES`) against its
 * `size`, and returns the table's length in bytes; throws the `IndexFileError` saying what is wrong.
 */
function checkFrame(head: DataView, tail: DataView, size: number): number {
  if (head.getUint32(0, true) !== MAGIC) throw new IndexFileError('not a Paper Radar index file (magic)');
  const version = head.getUint32(4, true);
  if (version !== INDEX_FILE_VERSION) {
    throw new IndexFileError(`container version ${version}, expected ${INDEX_FILE_VERSION}`);
  }
  const tableLength = head.getUint32(8, true);
  const fileLength = head.getUint32(12, true);
  if (fileLength !== size) throw new IndexFileError(`length ${size}, the header says ${fileLength} (truncated?)`);
  if (tail.getUint32(0, true) !== TRAILER || tail.getUint32(4, true) !== fileLength) {
    throw new IndexFileError('trailer missing or wrong (a partial write?)');
  }
  if (HEADER_BYTES + tableLength > size - TRAILER_BYTES) throw new IndexFileError('table runs past the end');
  return tableLength;
}

/**
 * A file's table (its JSON text from `read`, called once the frame is checked) in a file of `size` bytes: the
 * record's numbers and booleans, and where each section lies, every section checked to lie within the body and be
 * aligned to its element size; throws the `IndexFileError` saying what is wrong.
 */
function parseTable(
  read: () => string,
  size: number,
): { meta: Record<string, number | boolean | null>; sections: Map<string, SectionPlace> } {
  const bodyEnd = size - TRAILER_BYTES;
  let table: { meta?: unknown; sections?: unknown };
  try {
    table = JSON.parse(read()) as typeof table;
  } catch (e) {
    throw new IndexFileError(`table is not JSON (${(e as Error).message})`);
  }
  if (typeof table !== 'object' || table === null || typeof table.meta !== 'object' || table.meta === null) {
    throw new IndexFileError('table has no meta');
  }
  if (!Array.isArray(table.sections)) throw new IndexFileError('table has no sections');
  const sections = new Map<string, SectionPlace>();
  for (const s of table.sections as unknown[]) {
    if (!Array.isArray(s) || s.length !== 4) throw new IndexFileError('a section entry is malformed');
    const [name, type, offset, length] = s as [unknown, unknown, unknown, unknown];
    if (typeof name !== 'string' || !Number.isInteger(offset) || !Number.isInteger(length)) {
      throw new IndexFileError('a section entry is malformed');
    }
    if (typeof type !== 'string' || !Object.hasOwn(BYTES_OF, type)) {
      throw new IndexFileError(`section ${name} has an unknown type ${String(type)}`);
    }
    const per = BYTES_OF[type as SectionType];
    const o = offset as number;
    const n = length as number;
    if (o < 0 || n < 0 || o % per !== 0 || o + n * per > bodyEnd) {
      throw new IndexFileError(`section ${name} is outside the file or misaligned`);
    }
    sections.set(name, { type: type as SectionType, offset: o, length: n });
  }
  return { meta: { ...(table.meta as Record<string, number | boolean | null>) }, sections };
}

/** Where one section of a file lies: its type, byte offset and length in elements (bytes for `utf8` and `u8`). */
export interface SectionPlace {
  type: SectionType;
  offset: number;
  length: number;
}

/**
 * A file made by `encodeIndexFile`, opened for reading parts of it (`Blob.slice`) rather than the whole: its table
 * (the numbers and booleans of its record, and where each section lies) and a reader of one section's bytes. The
 * header and trailer are checked as `decodeIndexFile` checks them (the same `IndexFileError`s); sections are read
 * only when asked for.
 */
export interface IndexFileParts {
  meta: Record<string, number | boolean | null>;
  sections: ReadonlyMap<string, SectionPlace>;
  /** The bytes `from`–`to` (relative to the section's start; default its whole length) of section `name`. */
  bytes(name: string, from?: number, to?: number): Promise<Uint8Array>;
  /** Section `name` decoded as a string (a `utf8` section). */
  text(name: string): Promise<string>;
}

/** Opens `blob` (a file made by `encodeIndexFile`) for reading sections one at a time: see `IndexFileParts`. */
export async function openIndexFileParts(blob: Blob): Promise<IndexFileParts> {
  const size = blob.size;
  if (size < HEADER_BYTES + TRAILER_BYTES) throw new IndexFileError(`${size} bytes, too short`);
  const [head, tail] = await Promise.all([
    blob.slice(0, HEADER_BYTES).arrayBuffer(),
    blob.slice(size - TRAILER_BYTES, size).arrayBuffer(),
  ]);
  const tableLength = checkFrame(new DataView(head), new DataView(tail), size);
  const json = await blob.slice(HEADER_BYTES, HEADER_BYTES + tableLength).text();
  const { meta, sections } = parseTable(() => json, size);
  const bytes = async (name: string, from = 0, to?: number): Promise<Uint8Array> => {
    const place = sections.get(name);
    if (!place) throw new IndexFileError(`no section ${name}`);
    const byteLength = place.length * BYTES_OF[place.type];
    const end = to ?? byteLength;
    if (from < 0 || end < from || end > byteLength) throw new IndexFileError(`a read outside section ${name}`);
    return new Uint8Array(await blob.slice(place.offset + from, place.offset + end).arrayBuffer());
  };
  return {
    meta,
    sections,
    bytes,
    text: async (name) => new TextDecoder().decode(await bytes(name)),
  };
}
