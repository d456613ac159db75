/**
 * The title matcher's entries, persisted beside the indexes as one more index file: for every stored paper, its
 * id, title and its first authors' family names (`TitleEntry`) — all the title matcher (`lib/detect/title-index.ts`)
 * reads of a paper. A woken worker builds its matcher from this file (~140–160 bytes of JSON a paper)
 * instead of reading every whole record from IndexedDB (abstracts and AI summaries included: ~100 MB of structured
 * clone at 50,000 papers), which held a cold popup's detected list for seconds.
 *
 * Sections (`index-file.ts` container): `entries` — UTF-8 JSON, an array of `[id, title, family names]` (see
 * `titleEntryOf`); `count` — how many entries. Once a worker has built the matcher from them, the same file holds
 * the matcher's snapshot instead (`TitleIndex.snapshot`, told apart by its `format`; `SearchService.titleIndex`).
 */
import type { Paper } from '../feed/paper';
import { cueSurname, MAX_CUE_AUTHORS, type TitleEntry } from '../detect/title-index';
import { IndexFileError, type IndexFileValue } from '../search/index-file';

/**
 * The entry of `paper`: what the title matcher uses of it — its id, title, and the family names (`cueSurname`) of
 * its first `MAX_CUE_AUTHORS` authors, each once (the matcher takes a name's family name, and a family name's is
 * itself).
 */
export function titleEntryOf(paper: Pick<Paper, 'id' | 'title' | 'authors'>): TitleEntry {
  const surnames = new Set<string>();
  for (const name of paper.authors.slice(0, MAX_CUE_AUTHORS)) {
    const surname = cueSurname(name);
    if (surname !== undefined) surnames.add(surname);
  }
  return { id: paper.id, title: paper.title, authors: [...surnames] };
}

/** The file's record of `entries` (the container adds the stamp). */
export function encodeTitleEntries(entries: readonly TitleEntry[]): IndexFileValue {
  const rows = entries.map((e) => [e.id, e.title, (e.authors ?? []).slice(0, MAX_CUE_AUTHORS)]);
  return { entries: JSON.stringify(rows), count: entries.length };
}

/**
 * The entries of the file record `value`. Throws an `IndexFileError` when it is not a title entries file or an
 * entry is malformed (a file is checked whole: its entries become the matcher).
 */
export function decodeTitleEntries(value: IndexFileValue): TitleEntry[] {
  const { entries: text, count } = value;
  if (typeof text !== 'string' || typeof count !== 'number') throw new IndexFileError('title entries: no entries');
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch {
    throw new IndexFileError('title entries: not JSON');
  }
  if (!Array.isArray(rows) || rows.length !== count) throw new IndexFileError('title entries: not its count');
  return rows.map((row: unknown) => {
    if (!Array.isArray(row) || row.length !== 3) throw new IndexFileError('title entries: an entry is malformed');
    const [id, title, authors] = row as unknown[];
    if (
      typeof id !== 'string' ||
      typeof title !== 'string' ||
      !Array.isArray(authors) ||
      !authors.every((a) => typeof a === 'string')
    ) {
      throw new IndexFileError('title entries: an entry is malformed');
    }
    return { id, title, authors: authors as string[] };
  });
}
