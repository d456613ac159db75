/**
 * The store's side of export, import and "clear the cache": reading a store's records a page at a time, merging
 * imported records by id without losing newer data, and emptying the library.
 */
import type { Paper } from '../feed/paper';
import type { PaperRadarDB } from './database';
import { mergePaper, upsertPapers, type WriteCount } from './queries';

/**
 * The record type of each store an export carries, by its name in the file. A new store (`saved`, `history`,
 * `follows`) adds one line here, its table and merge rule in `STORES` below, and its record schema in
 * `STORE_SCHEMAS` (lib/backup/file.ts).
 */
export interface StoreRecords {
  papers: Paper;
}

/** A store this build exports and imports. */
export type StoreName = keyof StoreRecords;

/**
 * How each exported store is read and merged. A new store (issue 10: `saved`, `history`, `follows`) adds one line:
 * its table and the rule that merges an imported record into the stored one.
 */
const STORES: {
  [K in StoreName]: {
    table: (db: PaperRadarDB) => PaperRadarDB['papers'];
    merge: (db: PaperRadarDB, records: readonly StoreRecords[K][]) => Promise<WriteCount>;
  };
} = {
  // The sync's own rule (`mergePaper`): the newer sighting (`seenAt`) wins, the earliest list date stays.
  papers: { table: (db) => db.papers, merge: (db, papers) => upsertPapers(db, foldById(papers, mergePaper)) },
};

/** `records` with those sharing an id merged into one (a hand-edited file may repeat one), first-seen order. */
function foldById<T extends { id: string }>(records: readonly T[], merge: (a: T | undefined, b: T) => T): T[] {
  const byId = new Map<string, T>();
  for (const r of records) byId.set(r.id, merge(byId.get(r.id), r));
  return [...byId.values()];
}

/** One page of a store's records, by id order: at most `limit` after id `after`, and the id to continue from. */
export async function readRecords<K extends StoreName>(
  db: PaperRadarDB,
  store: K,
  after: string | undefined,
  limit: number,
): Promise<{ records: StoreRecords[K][]; next?: string }> {
  const table = STORES[store].table(db);
  const query = after === undefined ? table.orderBy(':id') : table.where(':id').above(after);
  const records = (await query.limit(limit).toArray()) as StoreRecords[K][];
  const last = records.at(-1);
  return records.length === limit && last ? { records, next: last.id } : { records };
}

/**
 * Merges imported records into `store` in one transaction (all or nothing), each by id with the store's rule, so
 * importing never loses newer data and importing the same file twice changes nothing. Returns how many records it
 * added, changed, and left as they were.
 */
export async function importRecords<K extends StoreName>(
  db: PaperRadarDB,
  store: K,
  records: readonly StoreRecords[K][],
): Promise<WriteCount & { unchanged: number }> {
  const { table, merge } = STORES[store];
  const count = await db.transaction('rw', table(db), () => merge(db, records));
  return { ...count, unchanged: records.length - count.added - count.updated };
}

/**
 * Empties the library — papers, the sync state of every list date, the trending list, the last sync report and the
 * persisted search index — in one transaction. Settings live in extension storage and stay. Returns how many papers
 * went.
 */
export async function clearLibrary(db: PaperRadarDB): Promise<number> {
  return db.transaction('rw', [db.papers, db.days, db.meta, db.blobs], async () => {
    const papers = await db.papers.count();
    await Promise.all([db.papers.clear(), db.days.clear(), db.meta.clear(), db.blobs.clear()]);
    return papers;
  });
}
