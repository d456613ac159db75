/**
 * The Dexie database: the only place that declares tables. Every read and write goes through `lib/db/queries.ts`.
 *
 * Schema history (each step is kept so any older store upgrades in order):
 * - v1: `papers` (by id; list date, upvotes), `days` (per list date sync state), `meta` (key/value).
 * - v2: `papers` is indexed by `[listDate+upvotes]` alone (replacing `listDate` and `upvotes`: one index to
 *   update per write); each paper's `dayRank` is backfilled; `blobs` holds large derived values (the persisted search index).
 * - v3: the user's own data, which no sync touches: `history` (the local reading history, one row per paper, by
 *   last visit), `saved` (saved papers with a copy of what a citation needs), `follows` (followed keywords, regular
 *   expressions and topics) and `topics` (the topics derived from the feed, ids kept stable across syncs). Adds
 *   tables only: nothing stored before changes.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { Paper } from '../feed/paper';
import { isBrokenDatabaseError } from './errors';
import type { StoredTopic } from '../topics/topic';

export type { StoredTopic, TopicTerm } from '../topics/topic';

/** The sync state of one list date. */
export interface DayState {
  /** The list date, `YYYY-MM-DD`. */
  date: string;
  /** `ok`: stored; `failed`: the last try failed (papers from earlier tries are kept). */
  status: 'ok' | 'failed';
  /** Epoch ms of the last try. */
  fetchedAt: number;
  /** Epoch ms of the last successful fetch, if any. */
  okAt?: number;
  /** Entries in the last successful response, and how many of them were rejected. */
  entries: number;
  rejected: number;
  /** Why the last try failed. */
  error?: string;
  /** Consecutive failed tries. */
  failures: number;
}

/** A key/value row of small state (last sync report, trending list, snapshot marker). */
export interface MetaRow {
  key: string;
  value: unknown;
}

/** A large derived value kept apart from `meta` so reading meta stays cheap. */
export interface BlobRow {
  name: string;
  /** Epoch ms when it was written. */
  updatedAt: number;
  /** Any structured-cloneable value: a JSON string, or an object of typed arrays (stored without JSON). */
  value: unknown;
}

/** One paper in the local reading history (never sent anywhere). */
export interface HistoryEntry {
  /** Canonical arXiv id. Primary key: one row per paper. */
  id: string;
  /** The title as the page or the feed gave it ('' when unknown). */
  title: string;
  /** The page's abstract, kept only for papers the feed does not hold (to relate them); at most 5,000 characters. */
  abstract?: string;
  /** Epoch ms of the first and the last visit. */
  firstAt: number;
  lastAt: number;
  /** How many visits were recorded. */
  visits: number;
  /** Where the last visit was recorded. */
  via: HistoryVia;
}

/** Where a visit was recorded: an arXiv abstract or HTML page, or a paper opened from the popup or the reader. */
export type HistoryVia = 'abs' | 'html' | 'popup' | 'reader';

/** A saved paper, with what a citation needs (kept when retention deletes the paper from the feed cache). */
export interface SavedPaper {
  /** Canonical arXiv id. Primary key. */
  id: string;
  /** Epoch ms when saved. */
  savedAt: number;
  title: string;
  authors: string[];
  /** The arXiv publication date `YYYY-MM-DD`, when known. */
  publishedDate?: string;
  /** The arXiv primary category (`cs.CL`), when known (the feed does not carry it; an arXiv page does). */
  primaryClass?: string;
}

/** What a follow watches: plain words or a phrase, a regular expression, or a derived topic (by its id). */
export type FollowKind = 'keyword' | 'regex' | 'topic';

/** A followed keyword, regular expression or topic. */
export interface Follow {
  /** `kind:value`. Primary key, so following the same thing twice keeps one row. */
  id: string;
  kind: FollowKind;
  /** The words, the pattern, or the topic id. */
  value: string;
  /** Epoch ms. */
  createdAt: number;
}

export const DB_NAME = 'paper-radar';

export type PaperRadarDB = Dexie & {
  papers: EntityTable<Paper, 'id'>;
  days: EntityTable<DayState, 'date'>;
  meta: EntityTable<MetaRow, 'key'>;
  blobs: EntityTable<BlobRow, 'name'>;
  history: EntityTable<HistoryEntry, 'id'>;
  saved: EntityTable<SavedPaper, 'id'>;
  follows: EntityTable<Follow, 'id'>;
  topics: EntityTable<StoredTopic, 'id'>;
};

/** The v1 schema, kept so tests can build a v1 store and upgrade it. */
export const SCHEMA_V1 = {
  papers: 'id, listDate, upvotes',
  days: 'date',
  meta: 'key',
};

export const SCHEMA_V2 = {
  // One secondary index only: every query ranges over list dates (sorted by upvotes within one), which the compound
  // index serves, and each index costs time on every write (BENCHMARKS.md). `upvotes` and `listDate` alone go.
  papers: 'id, [listDate+upvotes]',
  blobs: 'name',
};

export const SCHEMA_V3 = {
  // History is read newest visit first; saved papers newest first.
  history: 'id, lastAt',
  saved: 'id, savedAt',
  follows: 'id',
  topics: 'id',
};

/** Opens (lazily: Dexie opens on first use) the database named `name`, declaring every schema version. */
export function createDatabase(name: string = DB_NAME): PaperRadarDB {
  // Relaxed durability: the store is a cache of a public feed that a sync can always fetch again, so it need not
  // wait for each transaction to reach the disk (Chromium's default flushes each commit; writes are ~2× faster).
  const db = new Dexie(name, { chromeTransactionDurability: 'relaxed' }) as PaperRadarDB;
  db.version(1).stores(SCHEMA_V1);
  db.version(2)
    .stores(SCHEMA_V2)
    .upgrade(async (tx) => {
      // v1 did not rank papers within their list date; rank them now, per date, by upvotes.
      const byDay = new Map<string, Paper[]>();
      await tx.table<Paper, string>('papers').each((p) => {
        const list = byDay.get(p.listDate) ?? [];
        list.push(p);
        byDay.set(p.listDate, list);
      });
      const updated: Paper[] = [];
      for (const list of byDay.values()) {
        list.sort((a, b) => b.upvotes - a.upvotes || a.id.localeCompare(b.id));
        list.forEach((p, i) => updated.push({ ...p, dayRank: i + 1 }));
      }
      await tx.table<Paper, string>('papers').bulkPut(updated);
    });
  // New tables only: Dexie creates them; nothing to migrate.
  db.version(3).stores(SCHEMA_V3);
  return db;
}

/**
 * Opens `db`; when it cannot be opened at all (a damaged backing store, a schema version from a newer build, see
 * `isBrokenDatabaseError`), deletes it and opens an empty one in its place — the store is a cache of a public feed,
 * so starting over loses nothing that a sync cannot fetch again, while a database that never opens would leave the
 * extension dead. Resolves with why it was rebuilt, or `undefined` when it opened as it was. Other errors (a full
 * disk, a blocked open) are thrown.
 */
export async function openOrRebuild(db: PaperRadarDB): Promise<string | undefined> {
  try {
    await db.open();
    return undefined;
  } catch (e) {
    if (!isBrokenDatabaseError(e)) throw e;
    const reason = (e as Error).message || (e as Error).name || String(e);
    db.close();
    await db.delete();
    await db.open();
    return reason;
  }
}
