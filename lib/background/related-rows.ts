/**
 * The related papers' rows, persisted beside the related index as one more index file: for each paper of the index
 * (in its document order), exactly what a related reply takes from the paper's stored record — the summary's fields
 * (`toSummary`) and the text its why-phrases are found in (`relatedReasons`) — plus the trending list the reply marks
 * ranks from. A woken worker's first related answer reads only the rows it needs (`Blob.slice`, a few kB) and needs
 * no database, whose open takes seconds at 50,000 papers.
 *
 * Sections (`index-file.ts` container): `rows` — each paper's row as UTF-8 JSON, one after the other; `offsets` —
 * `u32`, the byte offset of row d at d and the end of the rows at `count`; `trending` — the trending list as JSON;
 * `count`. A row is `[id, title, abstract, keywords, upvotes, listDate, dayRank or null]`, or `null` for a paper the
 * store did not give.
 */
import type { Paper } from '../feed/paper';
import type { TrendingList } from '../db/queries';
import { IndexFileError, openIndexFileParts, type IndexFileParts, type IndexFileValue } from '../search/index-file';

/** What a related reply uses of a paper's record: its summary's fields and its why-phrases' text. */
export type RowFields = Pick<Paper, 'id' | 'title' | 'abstract' | 'keywords' | 'upvotes' | 'listDate' | 'dayRank'>;

type Row = [string, string, string, string[], number, string, number | null];

/** The file's record for papers `ids` (the related index's documents, in order), from `paperOf`, and `trending`. */
export function encodeRelatedRows(
  ids: readonly string[],
  paperOf: (id: string) => RowFields | undefined,
  trending: TrendingList,
): IndexFileValue {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const offsets = new Uint32Array(ids.length + 1);
  let at = 0;
  ids.forEach((id, d) => {
    const p = paperOf(id);
    const row: Row | null = p
      ? [p.id, p.title, p.abstract, p.keywords, p.upvotes, p.listDate, p.dayRank ?? null]
      : null;
    const bytes = encoder.encode(JSON.stringify(row));
    offsets[d] = at;
    at += bytes.length;
    if (at > 0xffffffff) throw new RangeError('paper-radar: related rows: more than 4 GB');
    parts.push(bytes);
  });
  offsets[ids.length] = at;
  const rows = new Uint8Array(at);
  let o = 0;
  for (const b of parts) {
    rows.set(b, o);
    o += b.length;
  }
  return { rows, offsets, trending: JSON.stringify(trending), count: ids.length };
}

function rowOf(value: unknown): RowFields | undefined {
  if (value === null) return undefined;
  if (!Array.isArray(value) || value.length !== 7) throw new IndexFileError('related rows: a row is malformed');
  const [id, title, abstract, keywords, upvotes, listDate, dayRank] = value as unknown[];
  if (
    typeof id !== 'string' ||
    typeof title !== 'string' ||
    typeof abstract !== 'string' ||
    !Array.isArray(keywords) ||
    !keywords.every((k) => typeof k === 'string') ||
    typeof upvotes !== 'number' ||
    typeof listDate !== 'string' ||
    (dayRank !== null && typeof dayRank !== 'number')
  ) {
    throw new IndexFileError('related rows: a row is malformed');
  }
  const p: RowFields = { id, title, abstract, keywords: keywords as string[], upvotes, listDate };
  if (dayRank !== null) p.dayRank = dayRank;
  return p;
}

/** The rows file, opened: its trending list, and the rows of given documents. */
export interface RelatedRows {
  count: number;
  trending: TrendingList;
  /**
   * The rows of documents `docs`, each checked to be paper `ids[i]` (undefined where the store gave none). Throws an
   * `IndexFileError` when a row is malformed or is another paper's (the file is not the index's).
   */
  get(docs: readonly number[], ids: readonly string[]): Promise<(RowFields | undefined)[]>;
}

/** Opens the rows file `parts` (reads its offsets and trending list; the rows are read when asked for). */
export async function openRelatedRows(parts: IndexFileParts): Promise<RelatedRows> {
  const count = parts.meta.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    throw new IndexFileError('related rows: no count');
  }
  const [offsetBytes, trendingText] = await Promise.all([parts.bytes('offsets'), parts.text('trending')]);
  if (offsetBytes.byteLength !== 4 * (count + 1)) throw new IndexFileError('related rows: offsets of another count');
  const offsets = new Uint32Array(offsetBytes.buffer, offsetBytes.byteOffset, count + 1);
  let trending: TrendingList;
  try {
    trending = JSON.parse(trendingText) as TrendingList;
  } catch {
    throw new IndexFileError('related rows: trending list is not JSON');
  }
  if (!Array.isArray(trending?.ids) || typeof trending.at !== 'number') {
    throw new IndexFileError('related rows: no trending list');
  }
  const decoder = new TextDecoder();
  return {
    count,
    trending,
    async get(docs, ids) {
      return Promise.all(
        docs.map(async (d, i) => {
          if (!Number.isInteger(d) || d < 0 || d >= count) throw new IndexFileError('related rows: no such row');
          const bytes = await parts.bytes('rows', offsets[d]!, offsets[d + 1]!);
          let value: unknown;
          try {
            value = JSON.parse(decoder.decode(bytes));
          } catch {
            throw new IndexFileError('related rows: a row is not JSON');
          }
          const row = rowOf(value);
          if (row && row.id !== ids[i]) throw new IndexFileError('related rows: a row of another paper');
          return row;
        }),
      );
    },
  };
}

/**
 * The related rows file `blob`, opened, when its stamp is `stamp`; undefined when it is another's. Throws an
 * `IndexFileError` (or the storage's read error) on a damaged file.
 */
export async function openStampedRows(blob: Blob, stamp: string): Promise<RelatedRows | undefined> {
  const parts = await openIndexFileParts(blob);
  if (!parts.sections.has('stamp') || (await parts.text('stamp')) !== stamp) return undefined;
  return openRelatedRows(parts);
}
