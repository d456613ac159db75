/**
 * The background's search and related papers: two in-memory indexes — the MiniSearch index for typed search and the
 * `RelatedIndex` for related papers — rebuilt after each sync (the related one reusing the analysis of unchanged
 * papers), persisted so a restarted service worker loads them instead of rebuilding, and never built by a page.
 * Browser-free but for the database and the index files.
 *
 * Where they persist: as files in the origin-private file system (`IndexFiles`, one `index-file.ts` container per
 * index) when the browser has it, else as IndexedDB records (`blobs`), as before. Loading tries the file, then the
 * record (an older build's, or one written when a file could not be), then rebuilds; a record found while files
 * work is moved to a file once and deleted, so the database shrinks. A file counts only while the database holds
 * its stamp (`meta`, written after the file): a database rebuilt, cleared or lost does not take a stale file's
 * index, and a file whose stamp write never happened is ignored. Each rebuild also writes two files derived from
 * the papers for a woken worker: the related rows (`RELATED_ROWS`) and the title matcher's entries (`TITLE_ENTRIES`).
 */
import type { PaperRadarDB } from '../db/database';
import {
  deleteBlob,
  deleteMeta,
  getAllPapers,
  getBlob,
  getMeta,
  getPapers,
  getTrending,
  listPapersByDate,
  putBlob,
  setMeta,
  TRENDING_META_KEY,
  type TrendingList,
} from '../db/queries';
import { errorMessage } from '../errors';
import type { Paper } from '../feed/paper';
import { toSummary, type PaperHit } from '../feed/summary';
import {
  addToIndex,
  buildIndex,
  loadIndexAsync,
  serializeIndex,
  updateIndex,
  type PaperIndex,
} from '../search/paper-index';
import { relatedQuery, type RelatedQuery, type RelatedSource } from '../search/related';
import {
  buildRelatedIndex,
  docFreqOf,
  loadRelatedIndex,
  serializeRelatedIndex,
  type RelatedIndex,
  type StoredRelatedIndex,
} from '../search/related-index';
import { IndexFileError, type IndexFileValue } from '../search/index-file';
import { encodeRelatedRows, openStampedRows, type RelatedRows, type RowFields } from './related-rows';
import {
  relatedIds,
  relatedList,
  whyPapersOf,
  withTrendingRanks,
  type RelatedList,
  type RelatedReply,
} from './related-answer';
import { decodeTitleEntries, encodeTitleEntries, titleEntryOf } from './title-entries';
import { createTitleIndex, SNAPSHOT_FORMAT, TitleIndex, type TitleEntry } from '../detect/title-index';
import type { IndexFiles } from './index-files';
import { searchPapers } from '../search/search-papers';
import { topTrending } from '../search/trending';
import { log } from '../log';
import { mark } from '../trace';

/** The blob (and index file) holding the serialized MiniSearch index. */
export const INDEX_BLOB = 'search-index';
/** The blob (and index file) holding the related-papers index (typed arrays, stored by structured clone). */
export const RELATED_BLOB = 'related-index';

/**
 * The index file of the related papers' rows (`related-rows.ts`): what a related reply takes from each paper's
 * record, so a woken worker answers before its database is open. A file only (no record where files fail).
 */
export const RELATED_ROWS = 'related-rows';

/**
 * The index file of the title matcher: every stored paper's id, title and first authors' family names
 * (`title-entries.ts`, written at each rebuild), replaced by the matcher's own snapshot once it is built from them
 * (`TitleIndex.snapshot`), so a woken worker neither reads every whole record nor builds the matcher again. A file
 * only, trusted only through its quick stamp (cleared before every change of the store, as the rows file's is).
 */
export const TITLE_ENTRIES = 'title-entries';

/**
 * A copy of the index files' stamps kept outside IndexedDB (the extension's storage), read in milliseconds by a
 * woken worker whose database takes seconds to open: a file whose stamp matches it is used before the database is
 * open. Written with the database's stamp, cleared first on every write of the file and whenever the store is about
 * to change (`SearchService.storeWillChange`), so it never vouches for a file older than the store.
 */
export interface QuickStamps {
  get(name: string): Promise<string | undefined>;
  /** Sets the stamp of `name`, or clears it (`undefined`). */
  set(name: string, stamp: string | undefined): Promise<void>;
}

/** The `meta` key holding the stamp of index file `name`: the file counts only while its stamp matches. */
export const indexFileStampKey = (name: string) => `index-file:${name}`;

interface Indexes {
  search: PaperIndex;
  related: RelatedIndex;
}

export { MAX_WHY_PAPERS, MIN_RELATED_SIMILARITY, type RelatedReply } from './related-answer';

const searchLog = log.child('search');

/**
 * The global a benchmark sets to an array to record each typed search the worker answers (debug only: nothing is
 * recorded unless it is an array). Entries: `SearchTraceEntry`, at most `MAX_TRACE` kept.
 */
export const SEARCH_TRACE_KEY = '__prSearchTrace';

/** One typed search in the trace: epoch ms (`performance.timeOrigin + performance.now()`), and its parts in ms. */
export interface SearchTraceEntry {
  query: string;
  received: number;
  done: number;
  parts: { index: number; search: number; trending: number };
}

const MAX_TRACE = 5000;

function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

/** The trace array when a benchmark asked for one, else undefined. */
function searchTrace(): SearchTraceEntry[] | undefined {
  const trace = (globalThis as Record<string, unknown>)[SEARCH_TRACE_KEY];
  return Array.isArray(trace) && trace.length < MAX_TRACE ? (trace as SearchTraceEntry[]) : undefined;
}

/**
 * Search and related papers for the background's message handlers (`search`, `related`), over indexes it keeps in
 * memory, persists after each `rebuild` and loads from IndexedDB when the worker restarts (`get`).
 */
export class SearchService {
  private indexes: Indexes | undefined;
  private pending: Promise<Indexes> | undefined;
  /** The persisted indexes, each loaded on its own (undefined: missing or unusable; `get` then rebuilds). */
  private relatedLoad: Promise<RelatedIndex | undefined> | undefined;
  private searchLoad: Promise<PaperIndex | undefined> | undefined;
  /** The stored trending list, read once and kept until it is written (`trendingRead`). */
  private trending: { generation: number; list: Promise<TrendingList> } | undefined;
  /** Counts writes of the trending list: a read begun before one is not kept. */
  private trendingGeneration = 0;
  /** The related index's file, read ahead of the database's open by `preload` (used once). */
  private relatedPreread: Promise<IndexFileValue | undefined> | undefined;
  /** Writes of persisted indexes, one at a time, in order. */
  private writes: Promise<void> = Promise.resolve();
  /** The related rows file, opened (undefined: none, stale or damaged; the database answers). */
  private rowsOpen: Promise<RelatedRows | undefined> | undefined;
  /** Set once the worker's database is open (`databaseOpened`): the rows file is for the answers before that. */
  private databaseIsOpen = false;
  /**
   * Counts `storeWillChange` calls: a file written from papers read before one (a rebuild overtaken by a sync) is
   * not vouched for by its quick stamp — its papers may be older than the store's.
   */
  private storeGeneration = 0;

  /**
   * @param files - where the indexes persist as files; undefined (no OPFS here): as IndexedDB records only.
   * @param quick - the files' stamps outside the database (see `QuickStamps`); undefined: the database's only.
   */
  constructor(
    private readonly db: PaperRadarDB,
    private readonly now: () => number = Date.now,
    private readonly files?: IndexFiles,
    private readonly quick?: QuickStamps,
  ) {
    // Every write of the trending list in this worker goes through this database object: one clears what is kept.
    const written = (key: unknown) => {
      if (key === TRENDING_META_KEY) this.trendingWritten();
    };
    db.meta.hook('creating', (key) => written(key));
    db.meta.hook('updating', (_mods, key) => written(key));
    db.meta.hook('deleting', (key) => written(key));
  }

  /** Forgets the kept trending list (it was written, deleted, or its table cleared). */
  private trendingWritten(): void {
    this.trendingGeneration++;
    this.trending = undefined;
    // The rows file holds the trending list of its writing.
    this.rowsOpen = undefined;
    void this.quickSet(RELATED_ROWS, undefined);
  }

  /**
   * The stored trending list, from memory after the first read: a search per keystroke does not read IndexedDB.
   * Kept until the list is written or deleted in this worker (Dexie's hooks on `meta`; `clear()` of the table calls
   * the deleting hook too), and never kept when a write happened while it was read. Only the worker writes it.
   */
  private trendingRead(): Promise<TrendingList> {
    if (this.trending) return this.trending.list;
    const generation = this.trendingGeneration;
    const list = getTrending(this.db);
    this.trending = { generation, list };
    list.then(
      () => {
        if (this.trending?.list === list && this.trendingGeneration !== generation) this.trending = undefined;
      },
      () => {
        if (this.trending?.list === list) this.trending = undefined;
      },
    );
    return list;
  }

  /**
   * Brings both indexes up to every stored paper — incrementally from the current ones when there are any (only new
   * and changed papers are analyzed and indexed; see `buildRelatedIndex` and `updateIndex`) — keeps them and persists
   * them.
   */
  async rebuild(): Promise<Indexes> {
    const run = (async () => {
      const generation = this.storeGeneration;
      const previous = this.indexes ?? (await this.loadBoth());
      const papers = await getAllPapers(this.db);
      const related = buildRelatedIndex(papers, previous?.related);
      const docFreq = docFreqOf(related);
      const search = previous ? updateIndex(previous.search, papers, docFreq).index : buildIndex(papers, docFreq);
      const indexes = { search, related };
      await this.persist(INDEX_BLOB, serializeIndex(indexes.search));
      await this.persist(RELATED_BLOB, serializeRelatedIndex(indexes.related));
      await this.persistRows(related, papers, generation);
      await this.persistTitles(() => encodeTitleEntries(papers.map(titleEntryOf)), generation);
      this.indexes = indexes;
      this.relatedLoad = this.searchLoad = undefined;
      return indexes;
    })();
    this.pending = run;
    try {
      return await run;
    } finally {
      if (this.pending === run) this.pending = undefined;
    }
  }

  /** The indexes: in memory, else the persisted ones, else a fresh build (first run, or an older index format). */
  async get(): Promise<Indexes> {
    if (this.indexes) return this.indexes;
    if (this.pending) return this.pending;
    const load = this.loadBoth();
    this.pending = load.then((i) => i ?? this.rebuild());
    try {
      return await this.pending;
    } finally {
      this.pending = undefined;
    }
  }

  /**
   * While a sync runs: adds the stored papers of list dates `dates` to the typed-search index in memory (new papers
   * added, changed ones replaced; see `addToIndex`), so a search finds them before the sync ends, and refreshes the
   * related index once the papers have doubled since it was built (`refreshRelatedWhenDoubled`). Nothing is
   * persisted: the `rebuild` after the sync brings both up to the store. Resolves with how many papers were added
   * or replaced.
   */
  async addListDates(dates: readonly string[]): Promise<number> {
    // The store changed (again, within a sync): no file written before vouches for it.
    await this.storeWillChange();
    let changed = 0;
    for (const date of dates) {
      const papers = await listPapersByDate(this.db, { from: date, to: date });
      const indexes = await this.get();
      const added = addToIndex(indexes.search, papers);
      // A rebuild that finished meanwhile replaced the indexes: the papers go into the current ones.
      if (this.indexes === indexes) this.indexes = { ...indexes, search: added.index };
      changed += added.changed;
    }
    if (changed > 0) await this.refreshRelatedWhenDoubled();
    return changed;
  }

  /**
   * Rebuilds the related index in memory from every stored paper (reusing the analysis of those it holds) when the
   * typed-search index holds at least twice the papers it does: during a long first sync, related answers come from
   * at least half of what is stored, and the rebuilds together cost at most about twice the last one (the sizes
   * double), never one per list date.
   */
  private async refreshRelatedWhenDoubled(): Promise<void> {
    const indexes = await this.get();
    if (indexes.search.engine.documentCount < 2 * Math.max(1, indexes.related.ids.length)) return;
    const related = buildRelatedIndex(await getAllPapers(this.db), indexes.related);
    if (this.indexes === indexes) this.indexes = { ...indexes, related };
  }

  /**
   * The related-papers index alone: in memory, else the persisted one — a few typed arrays read by structured clone,
   * loaded in milliseconds — without waiting for the much larger typed-search index (a woken worker's first related
   * answer must not deserialize it); else, when none is stored or it is unusable, `get`'s rebuild.
   */
  async relatedIndex(): Promise<RelatedIndex> {
    if (this.indexes) return this.indexes.related;
    // While a rebuild runs (a sync just stored papers), the persisted index answers, as kept indexes do.
    this.relatedLoad ??= this.loadRelated();
    return (await this.relatedLoad) ?? (await this.get()).related;
  }

  /** The typed-search (MiniSearch) index alone, as `relatedIndex` is loaded. */
  async searchIndex(): Promise<PaperIndex> {
    if (this.indexes) return this.indexes.search;
    this.searchLoad ??= this.loadSearch();
    return (await this.searchLoad) ?? (await this.get()).search;
  }

  /**
   * Starts reading the related index's file at once, before the database is open (its stamp is checked once it is):
   * a woken worker's first related answer then waits for the longer of the two, not for one after the other.
   * Nothing when the index is loaded or being loaded, or there are no index files.
   */
  preload(): void {
    if (!this.files || this.indexes || this.relatedLoad || this.relatedPreread) return;
    const read = this.files.read(RELATED_BLOB);
    read.catch(() => undefined); // Seen and handled by `readFile` when the index is asked for.
    this.relatedPreread = read;
    this.rowsOpen ??= this.openRows();
  }

  /**
   * Call once the database is open: related replies then read their rows from it, as they did before the rows file
   * existed. The file is for a woken worker's answers before the open (up to ~2 s at 50,000 papers); once the
   * database is open its reads are the faster (a few keyed reads against one file read per row: a warm popup's
   * related reply took 147 ms instead of 75 ms at 50,000 papers with rows from the file).
   */
  databaseOpened(): void {
    this.databaseIsOpen = true;
    this.rowsOpen = undefined;
  }

  /**
   * Call before the store changes (a sync, an import, a prune; `addListDates` calls it again for each batch a sync
   * stores): the related rows and title entries files no longer vouch for the store until the next `rebuild` writes
   * them again (their quick stamps are cleared; related replies and the title matcher read the database), and a file
   * written from papers read before this call is not vouched for (`storeGeneration`).
   */
  async storeWillChange(): Promise<void> {
    this.storeGeneration++;
    this.rowsOpen = undefined;
    await this.quickSet(RELATED_ROWS, undefined);
    await this.quickSet(TITLE_ENTRIES, undefined);
  }

  /**
   * Call after a whole sync that changed no paper: the rows file vouches for the store again (its quick stamp set)
   * when it is the database's (its stamp in `meta`) and holds the stored trending list's order; so does the title
   * entries file when it is the database's.
   */
  async storeUnchanged(): Promise<void> {
    if (!this.files || !this.quick) return;
    await this.titlesUnchanged(this.files);
    const stamp = await getMeta<string>(this.db, indexFileStampKey(RELATED_ROWS));
    const blob = await this.files.file(RELATED_ROWS);
    if (stamp === undefined || !blob) return;
    try {
      const rows = await openStampedRows(blob, stamp);
      const trending = await getTrending(this.db);
      if (!rows || rows.trending.ids.join(' ') !== trending.ids.join(' ')) return;
    } catch (e) {
      searchLog.warn(`index file ${RELATED_ROWS} not used (${errorMessage(e)})`);
      return;
    }
    await this.quickSet(RELATED_ROWS, stamp);
  }

  /** `storeUnchanged` for the title entries file: its quick stamp set again when its stamp is the database's. */
  private async titlesUnchanged(files: IndexFiles): Promise<void> {
    const generation = this.storeGeneration;
    const stamp = await getMeta<string>(this.db, indexFileStampKey(TITLE_ENTRIES));
    if (stamp === undefined) return;
    try {
      const file = await files.read(TITLE_ENTRIES);
      if (file?.stamp !== stamp) return;
    } catch (e) {
      searchLog.warn(`index file ${TITLE_ENTRIES} not used (${errorMessage(e)})`);
      return;
    }
    if (generation === this.storeGeneration) await this.quickSet(TITLE_ENTRIES, stamp);
  }

  /**
   * The title matcher (`TitleIndex`) of every stored paper, from the title entries file when its stamp is the quick
   * stamp: loaded from the index's own snapshot when the file holds one (no build), else built from the file's
   * entries — a few MB read, no database — else built from every record (`getAllPapers`). A built index's snapshot
   * then replaces the file for the next woken worker (unless the store began to change meanwhile). A damaged file
   * is logged and the next source answers.
   */
  async titleIndex(): Promise<TitleIndex> {
    const generation = this.storeGeneration;
    const file = await this.titleFile();
    if (file?.format === SNAPSHOT_FORMAT) {
      try {
        const index = TitleIndex.fromSnapshot(file);
        mark('title-index-loaded');
        return index;
      } catch (e) {
        searchLog.warn(`index file ${TITLE_ENTRIES} not used (${errorMessage(e)})`);
      }
    }
    let entries: TitleEntry[] | undefined;
    if (file && file.format !== SNAPSHOT_FORMAT) {
      try {
        entries = decodeTitleEntries(file);
      } catch (e) {
        searchLog.warn(`index file ${TITLE_ENTRIES} not used (${errorMessage(e)})`);
      }
    }
    if (!entries) {
      entries = (await getAllPapers(this.db)).map(titleEntryOf);
      mark('title-entries-from-records');
    }
    const index = createTitleIndex(entries);
    mark('title-index-built');
    // Not waited for: the matcher answers meanwhile. Without quick stamps the file would never be read.
    if (this.quick) {
      void this.persistTitles(() => index.snapshot(), generation, { onlyIfCurrent: true }).catch((e: unknown) =>
        searchLog.warn(`index file ${TITLE_ENTRIES} could not be written`, e),
      );
    }
    return index;
  }

  /** The title entries file when its stamp is the quick stamp; else undefined (a damaged file logged). */
  private async titleFile(): Promise<IndexFileValue | undefined> {
    if (!this.files || !this.quick) return undefined;
    try {
      const stamp = await this.quickGet(TITLE_ENTRIES);
      if (stamp === undefined) return undefined;
      const file = await this.files.read(TITLE_ENTRIES);
      if (!file || file.stamp !== stamp) return undefined;
      mark('title-file-read');
      return file;
    } catch (e) {
      searchLog.warn(`index file ${TITLE_ENTRIES} not used (${errorMessage(e)})`);
      return undefined;
    }
  }

  /**
   * Writes the title entries file (files only) with `value()` — the entries, or a built index's snapshot — made from
   * papers read at store generation `generation`: its quick stamp is set only if the store did not begin to change
   * since. With `onlyIfCurrent`, nothing is written then (a matcher rebuilt every `TITLES_STALE_MS` during a long
   * sync would otherwise write a snapshot of several MB that no one may use, each time).
   */
  private persistTitles(
    value: () => IndexFileValue,
    generation: number,
    options: { onlyIfCurrent?: boolean } = {},
  ): Promise<void> {
    if (!this.files) return Promise.resolve();
    const current = () => generation === this.storeGeneration;
    return this.queueWrite(async () => {
      if (options.onlyIfCurrent && !current()) return;
      await this.writeFile(TITLE_ENTRIES, value(), current);
    });
  }

  /** Sets or clears a quick stamp; a failure is logged (the database's stamps still hold). */
  private async quickSet(name: string, stamp: string | undefined): Promise<void> {
    try {
      await this.quick?.set(name, stamp);
    } catch (e) {
      searchLog.warn(`quick stamp of ${name} not written (${errorMessage(e)})`);
    }
  }

  /** The quick stamp of `name`, or undefined (none, or it could not be read). */
  private async quickGet(name: string): Promise<string | undefined> {
    try {
      return await this.quick?.get(name);
    } catch {
      return undefined;
    }
  }

  /** Writes the related rows file for `related` from `papers` (files only; a failure is logged). */
  private persistRows(related: RelatedIndex, papers: readonly Paper[], generation: number): Promise<void> {
    if (!this.files) return Promise.resolve();
    this.rowsOpen = undefined;
    return this.queueWrite(async () => {
      const byId = new Map(papers.map((p) => [p.id, p]));
      const value = encodeRelatedRows(related.ids, (id) => byId.get(id), await this.trendingRead());
      await this.writeFile(RELATED_ROWS, value, () => generation === this.storeGeneration);
      this.rowsOpen = undefined;
    });
  }

  /**
   * The related rows file, opened, when there is one whose stamp matches the quick stamp; else undefined. A damaged
   * file is logged (the next rebuild replaces it).
   */
  private async openRows(): Promise<RelatedRows | undefined> {
    if (!this.files || !this.quick) return undefined;
    try {
      const [blob, stamp] = await Promise.all([this.files.file(RELATED_ROWS), this.quickGet(RELATED_ROWS)]);
      if (!blob || stamp === undefined) return undefined;
      const rows = await openStampedRows(blob, stamp);
      if (rows) mark('related-rows-open');
      return rows;
    } catch (e) {
      searchLog.warn(`index file ${RELATED_ROWS} not used (${errorMessage(e)})`);
      return undefined;
    }
  }

  /**
   * The rows of papers `ids` (all in `index`) from the rows file, and its trending list; undefined when there is no
   * usable file, it is not `index`'s, or a row is missing or damaged (the database answers then).
   */
  private async rowsFromFile(
    index: RelatedIndex,
    ids: readonly string[],
  ): Promise<{ rows: (RowFields | undefined)[]; trending: TrendingList } | undefined> {
    this.rowsOpen ??= this.openRows();
    const open = this.rowsOpen;
    const rows = await open;
    if (!rows || rows.count !== index.ids.length) return undefined;
    const docs: number[] = [];
    for (const id of ids) {
      const d = index.docOf.get(id);
      if (d === undefined) return undefined;
      docs.push(d);
    }
    try {
      return { rows: await rows.get(docs, ids), trending: rows.trending };
    } catch (e) {
      searchLog.warn(`index file ${RELATED_ROWS} not used (${errorMessage(e)})`);
      if (this.rowsOpen === open) this.rowsOpen = Promise.resolve(undefined);
      return undefined;
    }
  }

  /**
   * Forgets the persisted indexes: deletes their files and their stamps (the records go with the library, see
   * `clearLibrary`). The indexes in memory stay until the next `rebuild` replaces them.
   */
  async discardPersisted(): Promise<void> {
    this.relatedPreread = undefined;
    this.relatedLoad = this.searchLoad = undefined;
    this.rowsOpen = undefined;
    const files = this.files;
    await this.queueWrite(async () => {
      for (const name of [RELATED_BLOB, INDEX_BLOB, RELATED_ROWS, TITLE_ENTRIES]) {
        await this.quickSet(name, undefined);
        await deleteMeta(this.db, indexFileStampKey(name));
        await files?.remove(name);
      }
    });
  }

  /** Runs `write` after the writes queued before it (persisted indexes are written one at a time). */
  private queueWrite(write: () => Promise<void>): Promise<void> {
    const run = this.writes.then(write);
    this.writes = run.catch(() => undefined);
    return run;
  }

  /** Persists index `name` after the writes queued before it (see `write`). */
  private persist(name: string, value: StoredRelatedIndex | string): Promise<void> {
    return this.queueWrite(() => this.write(name, value));
  }

  /**
   * Writes index `name`: as a file when there are index files (see `writeFile`), else — or when the file cannot be
   * written — as a record.
   */
  private async write(name: string, value: StoredRelatedIndex | string): Promise<void> {
    if (!(await this.writeFile(name, value))) await putBlob(this.db, name, value, this.now());
  }

  /**
   * Writes index `name` as a file: its stamp cleared first, set once the file is whole, then any record of it
   * deleted. Its quick stamp is set too, unless `current` says the file's source is no longer the store's. False
   * (logged) when there are no index files or the file could not be written.
   */
  private async writeFile(
    name: string,
    value: StoredRelatedIndex | IndexFileValue | string,
    current: () => boolean = () => true,
  ): Promise<boolean> {
    if (!this.files) return false;
    try {
      const stamp = crypto.randomUUID();
      await this.quickSet(name, undefined);
      await deleteMeta(this.db, indexFileStampKey(name));
      await this.files.write(name, { ...(typeof value === 'string' ? { json: value } : value), stamp });
      await setMeta(this.db, indexFileStampKey(name), stamp);
      if (current()) await this.quickSet(name, stamp);
      await deleteBlob(this.db, name);
      return true;
    } catch (e) {
      searchLog.warn(`index file ${name} could not be written (${errorMessage(e)}); keeping it in IndexedDB`);
      return false;
    }
  }

  /**
   * Moves a record an older build (or a failed file write) left to a file and deletes the record, once. Queued
   * with the other writes: a rebuild's indexes are built from the loads (it awaits them), so its writes are queued
   * after this one and replace it. When the file cannot be written the record stays as it is.
   */
  private migrate(name: string, value: StoredRelatedIndex | string): void {
    if (!this.files) return;
    void this.queueWrite(async () => {
      searchLog.info(`moving the ${name} record to a file`);
      await this.writeFile(name, value);
    }).catch((e: unknown) => searchLog.warn(`moving the ${name} record to a file failed`, e));
  }

  /** Resolves once the writes of persisted indexes queued so far (rebuilds, moves to files, discards) are done. */
  async flushed(): Promise<void> {
    await this.writes;
  }

  /**
   * The persisted index `name`, tried in order: its file (a current one: its stamp in the database), its record,
   * none (undefined: the caller rebuilds). `load` checks a value (a file's through `ofFile`); a damaged file, or one
   * `load` refuses, is logged and deleted, a record it refuses is logged; either way the next is tried. A record
   * that loads is moved to a file (`migrate`).
   */
  private async loadPersisted<T>(
    name: string,
    load: (value: unknown) => Promise<{ ok: true; index: T } | { ok: false; reason: string }>,
    ofFile: (file: IndexFileValue) => unknown,
    preread?: Promise<IndexFileValue | undefined>,
  ): Promise<T | undefined> {
    const file = this.files ? await this.readFile(this.files, name, preread) : undefined;
    if (file) {
      const loaded = await load(ofFile(file));
      if (loaded.ok) return loaded.index;
      searchLog.warn(`${loaded.reason} (file); deleting it`);
      await this.files?.remove(name).catch((e: unknown) => searchLog.warn(`deleting index file ${name} failed`, e));
    }
    const blob = await getBlob(this.db, name);
    if (!blob) return undefined;
    const loaded = await load(blob.value);
    if (loaded.ok) {
      this.migrate(name, blob.value as StoredRelatedIndex | string);
      return loaded.index;
    }
    searchLog.warn(`${loaded.reason}; rebuilding`);
    return undefined;
  }

  /** Index file `name` when it is there, whole and current (see `loadPersisted`), else undefined. */
  private async readFile(
    files: IndexFiles,
    name: string,
    preread = files.read(name),
  ): Promise<IndexFileValue | undefined> {
    // The stamp is read while the file is (a small read, once the database is open), and its quick copy, which a
    // woken worker has long before the database is open.
    const stampRead = getMeta<string>(this.db, indexFileStampKey(name));
    stampRead.catch(() => undefined);
    const quickRead = this.quickGet(name);
    let file: IndexFileValue | undefined;
    try {
      file = await preread;
      mark(`${name}-file-read`);
    } catch (e) {
      if (e instanceof IndexFileError) {
        searchLog.warn(`${e.detail} (${name}); deleting it`);
        await files.remove(name).catch((r: unknown) => searchLog.warn(`deleting index file ${name} failed`, r));
      } else {
        searchLog.warn(`index file ${name} could not be read (${errorMessage(e)})`);
      }
      return undefined;
    }
    if (!file) return undefined;
    const quick = await quickRead;
    if (quick !== undefined && file.stamp === quick) return file;
    const stamp = await stampRead;
    if (stamp === undefined || file.stamp !== stamp) {
      // Not deleted: the next rebuild replaces it (and one may be writing it now, its stamp not yet set).
      searchLog.info(`index file ${name} is not the database's (no or another stamp); ignoring it`);
      return undefined;
    }
    return file;
  }

  /** Both persisted indexes (each loaded once, shared with `relatedIndex` and `searchIndex`), or undefined. */
  private async loadBoth(): Promise<Indexes | undefined> {
    this.relatedLoad ??= this.loadRelated();
    this.searchLoad ??= this.loadSearch();
    const [related, search] = await Promise.all([this.relatedLoad, this.searchLoad]);
    if (!related || !search) return undefined;
    // A rebuild that finished meanwhile holds newer indexes than these.
    this.indexes ??= { search, related };
    return this.indexes;
  }

  private async loadRelated(): Promise<RelatedIndex | undefined> {
    const preread = this.relatedPreread;
    this.relatedPreread = undefined;
    return this.loadPersisted(
      RELATED_BLOB,
      async (value) => {
        mark('related-blob-read');
        const loaded = loadRelatedIndex(value);
        mark('related-index-loaded');
        return loaded;
      },
      (file) => file,
      preread,
    );
  }

  private async loadSearch(): Promise<PaperIndex | undefined> {
    return this.loadPersisted(
      INDEX_BLOB,
      async (json) =>
        typeof json === 'string' ? loadIndexAsync(json) : { ok: false, reason: 'search index: not a string' },
      (file) => file.json,
    );
  }

  /** Typed search over the cached feed, best first (a pasted arXiv id, URL or DOI gives that paper alone). */
  async search(query: string, limit = 20): Promise<PaperHit[]> {
    const trace = searchTrace();
    const received = trace ? epochNow() : 0;
    const search = await this.searchIndex();
    const indexed = trace ? epochNow() : 0;
    // The trending list (in memory after the first read) is asked for while the query runs.
    const trending = this.trendingRead();
    const hits = searchPapers(search, query, { limit }).map((h) => toSummary(h));
    const searched = trace ? epochNow() : 0;
    const out = await this.withTrending(hits, trending);
    if (trace) {
      const done = epochNow();
      trace.push({
        query,
        received,
        done,
        parts: { index: indexed - received, search: searched - indexed, trending: done - searched },
      });
    }
    return out;
  }

  /**
   * Papers related to `source`, best first, each with why (see `relatedQuery` for how the source's own paper, its
   * text and the page's papers form the query). With no source, nothing usable in it, or nothing in the feed close
   * enough (`MIN_RELATED_SIMILARITY`), the current trending list instead, else the top papers of the newest list
   * dates — and the reply says which.
   */
  async related(source: RelatedSource | undefined, limit = 10): Promise<RelatedReply> {
    const related = await this.relatedIndex();
    const query = source ? relatedQuery(related, source) : undefined;
    const ids = query ? relatedIds(related, query, limit) : undefined;
    mark('related-ranked');
    if (query && ids) return this.explain(related, query, source!, ids);
    const reason = query && query.vector.terms.length > 0 ? 'unrelated' : 'no-source';
    const skip = new Set([source?.id, ...(source?.papers ?? [])]);
    const trending = await this.trendingRead();
    if (trending.ids.length > 0) {
      const papers = (await getPapers(this.db, trending.ids.slice(0, limit + skip.size))).filter(
        (p): p is Paper => p !== undefined && !skip.has(p.id),
      );
      if (papers.length > 0) {
        const hits = await this.withTrending(papers.slice(0, limit).map((p) => toSummary(p)));
        return { kind: 'trending', reason, hits };
      }
    }
    const newest = topTrending(await this.searchIndex(), { limit: limit + skip.size }).filter((p) => !skip.has(p.id));
    return { kind: 'newest', reason, hits: await this.withTrending(newest.slice(0, limit)) };
  }

  /**
   * The related list of `ids` (see `relatedList`), its rows read from the rows file before the database is open (a
   * woken worker's first answer) when that file is usable, else from the database.
   */
  private async explain(
    index: RelatedIndex,
    query: RelatedQuery,
    source: RelatedSource,
    ids: string[],
  ): Promise<RelatedList> {
    const fromPapers = whyPapersOf(query);
    const file = this.databaseIsOpen ? undefined : await this.rowsFromFile(index, [...ids, ...fromPapers]);
    if (file) {
      mark('related-rows-read');
      const { rows, trending } = file;
      return relatedList(index, query, source, rows.slice(0, ids.length), rows.slice(ids.length), trending);
    }
    const [papers, own] = await Promise.all([getPapers(this.db, ids), getPapers(this.db, fromPapers)]);
    return relatedList(index, query, source, papers, own, await this.trendingRead());
  }

  private async withTrending(
    hits: PaperHit[],
    reading: Promise<TrendingList> = this.trendingRead(),
  ): Promise<PaperHit[]> {
    return withTrendingRanks(hits, await reading);
  }
}
