/**
 * The one message protocol between the background (the only writer of the database) and everything else:
 * content scripts, the popup, the reader and the options page. Every incoming request is validated here.
 */
import * as z from 'zod/mini';
import { STORE_NAMES } from '../backup/stores';
import type { StoreName, StoreRecords } from '../db/backup';
import type { MergeCount } from '../backup/transfer';
import type { BadgeInfo, PaperHit } from '../feed/summary';
import type { FollowInfo, ForYouReply, PeriodReply, SavedRow, TopicInfo } from '../background/personal';
import type { RelatedReply } from '../background/search-service';

export type { RelatedReply } from '../background/search-service';
import type { HistoryEntry, SavedPaper } from '../db/database';
import type { Paper } from '../feed/paper';
import { MAX_PERIOD_PAGE } from '../feed/periods';
import type { SyncStatus } from '../sync/status';
import type { TitleMatchReply } from '../detect/scan-page';

export type { DetectedPaper, PageInfo, TabScan, TitleMatchReply } from '../detect/scan-page';

import { MAX_IDS } from './request-limits';

export { MAX_IDS } from './request-limits';

const Id = z.string().check(z.minLength(1), z.maxLength(64));
const Text = (max: number) => z.string().check(z.maxLength(max));
const Store = z.enum(STORE_NAMES);

/**
 * A page's text for the title matcher (`PageText` in `lib/detect/page-text.ts`). The content side caps it at
 * `MAX_PAGE_TEXT_CHARS`; the limits here only bound what a request may hold.
 */
export const PageTextSchema = z.object({
  runs: z.array(Text(2_000_000)).check(z.maxLength(200_000)),
  kinds: z.array(z.number()).check(z.maxLength(200_000)),
  marks: z.array(z.number()).check(z.maxLength(2_000_000)),
});

/** What to relate to (see `RelatedSource` in lib/search/related.ts): the page's own paper, its text, its papers. */
export const SourceSchema = z.object({
  id: z.optional(Id),
  title: z.optional(Text(2000)),
  abstract: z.optional(Text(20_000)),
  keywords: z.optional(z.array(Text(200)).check(z.maxLength(100))),
  /** The other papers found on the page (arXiv ids), for pages without a paper of their own. */
  papers: z.optional(z.array(Id).check(z.maxLength(MAX_IDS))),
  /** Papers never returned that take no part in the query (the own paper, when relating to what a page cites). */
  exclude: z.optional(z.array(Id).check(z.maxLength(MAX_IDS))),
});

const Day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

const HistoryEntrySchema = z.object({
  id: Id,
  title: Text(2000),
  abstract: z.optional(Text(5000)),
  firstAt: z.number(),
  lastAt: z.number(),
  visits: z.number().check(z.int(), z.gte(0)),
  via: z.enum(['abs', 'html', 'popup', 'reader']),
});

export const RequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status') }),
  z.object({ type: z.literal('syncNow') }),
  /** Which of these ids are in the cached feed (content scripts, the popup). */
  z.object({ type: z.literal('lookup'), ids: z.array(Id).check(z.maxLength(MAX_IDS)) }),
  /** Full records for the reader and the popup. */
  z.object({ type: z.literal('papers'), ids: z.array(Id).check(z.maxLength(MAX_IDS)) }),
  /** The reader's listing: newest list dates first. */
  z.object({
    type: z.literal('list'),
    from: z.optional(Text(10)),
    to: z.optional(Text(10)),
    limit: z.optional(z.number().check(z.int(), z.positive())),
  }),
  z.object({
    type: z.literal('search'),
    query: Text(500),
    limit: z.optional(z.number().check(z.int(), z.positive(), z.lte(200))),
    /** Only the results of this derived topic (a topic id), in the same order. */
    topic: z.optional(Text(64)),
  }),
  z.object({
    type: z.literal('related'),
    source: z.optional(SourceSchema),
    limit: z.optional(z.number().check(z.int(), z.positive(), z.lte(100))),
  }),
  /** Where cached titles stand in a page's text, and which cached paper has the page's metadata title. */
  z.object({
    type: z.literal('matchTitles'),
    text: PageTextSchema,
    metaTitle: z.optional(Text(2000)),
  }),
  /** A content script tells how many papers of its page are in the feed, for the toolbar badge. */
  z.object({ type: z.literal('pageCount'), count: z.number().check(z.int(), z.gte(0)) }),
  /** Settings → "Clear the cache". */
  z.object({ type: z.literal('clearCache') }),
  /** Export: one page of a store's records, by id order, after id `after`. */
  z.object({
    type: z.literal('exportRecords'),
    store: Store,
    after: z.optional(Id),
    limit: z.number().check(z.int(), z.positive(), z.lte(MAX_IDS)),
  }),
  /**
   * Import: one chunk of a store's records (each validated against the store's record schema by the handler);
   * `last` marks the store's final chunk.
   */
  z.object({
    type: z.literal('importRecords'),
    store: Store,
    records: z.array(z.unknown()).check(z.maxLength(MAX_IDS)),
    last: z.boolean(),
  }),
  /** A paper was opened: an arXiv abstract or HTML page (content script), or a row of the popup or the reader. */
  z.object({
    type: z.literal('visit'),
    id: Id,
    title: z.optional(Text(2000)),
    abstract: z.optional(Text(20_000)),
    primaryClass: z.optional(Text(40)),
    via: z.enum(['abs', 'html', 'popup', 'reader']),
  }),
  /** The reading history, newest first. */
  z.object({ type: z.literal('history'), limit: z.optional(z.number().check(z.int(), z.positive())) }),
  z.object({ type: z.literal('historyDelete'), ids: z.array(Id).check(z.maxLength(MAX_IDS)) }),
  z.object({ type: z.literal('historyClear') }),
  /** Puts entries back (the undo of a delete or a clear). */
  z.object({ type: z.literal('historyRestore'), entries: z.array(HistoryEntrySchema).check(z.maxLength(100_000)) }),
  z.object({ type: z.literal('forYou'), limit: z.optional(z.number().check(z.int(), z.positive(), z.lte(200))) }),
  /** One page (`offset`, `limit`) of the papers of a day, ISO week or month, best first; optionally of one topic. */
  z.object({
    type: z.literal('period'),
    period: z.enum(['day', 'week', 'month']),
    date: Day,
    topic: z.optional(Text(64)),
    offset: z.optional(z.number().check(z.int(), z.nonnegative())),
    limit: z.optional(z.number().check(z.int(), z.positive(), z.lte(MAX_PERIOD_PAGE))),
  }),
  z.object({ type: z.literal('topics') }),
  z.object({ type: z.literal('follows') }),
  z.object({
    type: z.literal('follow'),
    kind: z.enum(['keyword', 'regex', 'topic']),
    value: Text(500),
  }),
  z.object({ type: z.literal('unfollow'), id: Text(600) }),
  /** Which followed keywords each listing entry's text matches (a content script on an arXiv listing). */
  z.object({
    type: z.literal('matchFollows'),
    entries: z.array(z.object({ id: Id, text: Text(20_000) })).check(z.maxLength(MAX_IDS)),
  }),
  z.object({
    type: z.literal('save'),
    id: Id,
    title: z.optional(Text(2000)),
    authors: z.optional(z.array(Text(300)).check(z.maxLength(5000))),
    publishedDate: z.optional(Day),
    primaryClass: z.optional(Text(40)),
  }),
  z.object({ type: z.literal('unsave'), ids: z.array(Id).check(z.maxLength(MAX_IDS)) }),
  z.object({ type: z.literal('saved') }),
]);

export type Request = z.infer<typeof RequestSchema>;
export type RequestType = Request['type'];
export type Source = z.infer<typeof SourceSchema>;

/** A failed request's answer. */
export interface ErrorReply {
  error: string;
}

/** The replies, by request type. */
export interface Replies {
  status: SyncStatus;
  syncNow: SyncStatus;
  lookup: Record<string, BadgeInfo>;
  papers: Paper[];
  list: Paper[];
  search: PaperHit[];
  related: RelatedReply;
  matchTitles: TitleMatchReply;
  pageCount: null;
  clearCache: SyncStatus;
  exportRecords: { records: StoreRecords[StoreName][]; next?: string };
  importRecords: MergeCount;
  visit: { recorded: boolean };
  history: HistoryEntry[];
  historyDelete: HistoryEntry[];
  historyClear: HistoryEntry[];
  historyRestore: null;
  forYou: ForYouReply;
  period: PeriodReply;
  topics: TopicInfo[];
  follows: FollowInfo[];
  follow: { ok: true; follow: FollowInfo } | { ok: false; reason: string };
  unfollow: null;
  matchFollows: { marks: Record<string, string[]>; dim: boolean };
  save: SavedPaper | null;
  unsave: null;
  saved: SavedRow[];
}
