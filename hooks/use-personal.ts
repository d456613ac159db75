/**
 * The pages' hooks over the user's own data: period views, "for you", saved papers, topics, follows and the reading
 * history; and the actions that change them (each bumps a shared refresh key so every list reloads).
 */
import { useCallback, useRef, useState } from 'preact/hooks';
import type { FollowInfo, ForYouReply, PeriodReply, SavedRow, TopicInfo } from '../lib/background/personal';
import type { HistoryEntry } from '../lib/db/database';
import { MAX_PERIOD_PAGE, PERIOD_PAGE, type Period } from '../lib/feed/periods';
import type { PaperHit, PaperRow } from '../lib/feed/summary';
import { errorMessage } from '../lib/errors';
import { FOLLOW_TOO_LONG, MAX_FOLLOW_LENGTH } from '../lib/follow/limits';
import type { RelatedReply } from '../lib/ext/protocol';
import { send } from '../lib/ext/messaging';
import { log } from '../lib/log';
import { useLoadable, type Loadable } from './use-loadable';
import { useSearch } from './use-search';

export type { FollowInfo, ForYouReply, HistoryEntry, PeriodReply, RelatedReply, SavedRow, TopicInfo };

const actionLog = log.child('pages');

/** A key that changes after each action on the user's data, and a way to change it. */
export function useRefreshKey(): [number, () => void] {
  const [key, setKey] = useState(0);
  return [key, useCallback(() => setKey((k) => k + 1), [])];
}

/** A period view loaded page by page: the rows so far (`value.papers`), and a way to load the next page. */
export interface PeriodPages extends Loadable<PeriodReply> {
  /** Loads the next page and appends it; undefined while every row is loaded or a page is loading. */
  more: (() => void) | undefined;
  /** A next page is loading. */
  loadingMore: boolean;
  /** Why the last next page failed (cleared by the next try). */
  moreError?: string;
}

/**
 * The papers of a day, week or month around `date`, best first, only `topic`'s when given: the first `pageSize` rows,
 * then `pageSize` more on each `more()`. A refresh (an action, a newer store) reloads as many rows as are shown, so
 * the reader keeps its place; another period, date or topic starts again at one page.
 */
export function usePeriod(
  period: Period | undefined,
  date: string,
  topic: string,
  version: unknown,
  refresh: number,
  pageSize: number = PERIOD_PAGE,
): PeriodPages {
  const key = `${period ?? ''} ${date} ${topic}`;
  // Rows shown for `key` (kept across refreshes, a page again for another key).
  const shown = useRef({ key, rows: pageSize });
  if (shown.current.key !== key) shown.current = { key, rows: pageSize };
  const first = useLoadable(
    () =>
      send({
        type: 'period',
        period: period!,
        date,
        limit: Math.min(shown.current.rows, MAX_PERIOD_PAGE),
        ...(topic ? { topic } : {}),
      }),
    [key, version, refresh, pageSize],
    period !== undefined && version !== undefined,
  );
  // Pages loaded after `first.value` (dropped when it is replaced).
  const [extra, setExtra] = useState<{ base: PeriodReply; rows: PaperRow[]; loading: boolean; error?: string }>();
  const base = first.value;
  const appended = extra && extra.base === base ? extra : undefined;
  const papers = base ? dedupe([...base.papers, ...(appended?.rows ?? [])]) : [];
  const value = base && appended ? { ...base, papers } : base;
  const loadingMore = appended?.loading ?? false;
  const more =
    base && !loadingMore && papers.length < base.count
      ? () => {
          const offset = papers.length;
          setExtra({ base, rows: appended?.rows ?? [], loading: true });
          send({ type: 'period', period: period!, date, offset, limit: pageSize, ...(topic ? { topic } : {}) }).then(
            (page) => {
              shown.current = { key, rows: Math.max(shown.current.rows, offset + page.papers.length) };
              setExtra((x) => (x?.base === base ? { base, rows: [...x.rows, ...page.papers], loading: false } : x));
            },
            (e: unknown) => setExtra((x) => (x?.base === base ? { ...x, loading: false, error: errorMessage(e) } : x)),
          );
        }
      : undefined;
  const moreError = appended?.loading ? undefined : appended?.error;
  return { ...first, ...(value ? { value } : {}), more, loadingMore, ...(moreError ? { moreError } : {}) };
}

/** `rows` without a repeated paper (a page read after the store changed can repeat one of the page before). */
function dedupe(rows: PaperRow[]): PaperRow[] {
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id));
}

/**
 * Typed-search results of one topic (`topic`, a topic id), in the search's order; nothing is asked while the query
 * or the topic is empty. (Search without a topic is `useSearch`, which coalesces keystrokes.)
 */
export function useTopicSearch(
  query: string,
  topic: string,
  limit: number,
  version: unknown,
): Loadable<PaperHit[]> & { query: string } {
  const q = query.trim().slice(0, 500);
  const hits = useLoadable(
    () => send({ type: 'search', query: q, limit, topic }),
    [q, topic, limit, version],
    q !== '' && topic !== '' && version !== undefined,
  );
  return { ...hits, query: q };
}

/** Search as you type (`useSearch`), or only `topic`'s results when a topic is chosen (`useTopicSearch`). */
export function useSearchInTopic(
  query: string,
  topic: string,
  limit: number,
  version: unknown,
): Loadable<PaperHit[]> & { query: string } {
  const plain = useSearch(topic ? '' : query, limit, version);
  const ofTopic = useTopicSearch(query, topic, limit, version);
  return topic ? ofTopic : plain;
}

/**
 * Papers related to a set of papers taken as one source (`related` with `source.papers`: their shared content is the
 * query, the set itself is never returned, a hit's why names the phrases of the set's titles and keywords it shares),
 * best first; asked only when `enabled` and the set is not empty.
 */
export function useRelatedToSet(
  ids: readonly string[] | undefined,
  limit: number,
  version: unknown,
  enabled = true,
): Loadable<RelatedReply> {
  const key = ids?.join(' ') ?? '';
  return useLoadable(
    () => send({ type: 'related', source: { papers: key.split(' ') }, limit }),
    [key, limit, version],
    enabled && key !== '' && version !== undefined,
  );
}

export function useForYou(limit: number, version: unknown, refresh: number, enabled = true): Loadable<ForYouReply> {
  return useLoadable(
    () => send({ type: 'forYou', limit }),
    [limit, version, refresh],
    enabled && version !== undefined,
  );
}

export function useSaved(version: unknown, refresh: number, enabled = true): Loadable<SavedRow[]> {
  return useLoadable(() => send({ type: 'saved' }), [version, refresh], enabled && version !== undefined);
}

export function useTopics(version: unknown, refresh: number, enabled = true): Loadable<TopicInfo[]> {
  return useLoadable(() => send({ type: 'topics' }), [version, refresh], enabled && version !== undefined);
}

export function useFollows(refresh: number): Loadable<FollowInfo[]> {
  return useLoadable(() => send({ type: 'follows' }), [refresh]);
}

export function useHistory(refresh: number): Loadable<HistoryEntry[]> {
  return useLoadable(() => send({ type: 'history', limit: 500 }), [refresh]);
}

/** The actions on the user's data, each followed by `refresh()`. */
export interface PersonalActions {
  /** Saves or un-saves a paper. */
  setSaved: (id: string, saved: boolean) => Promise<void>;
  /** Follows a keyword, pattern or topic; resolves with the refusal's reason, or undefined when followed. */
  follow: (kind: FollowInfo['kind'], value: string) => Promise<string | undefined>;
  unfollow: (id: string) => Promise<void>;
  /** Records that a paper was opened from this page (the background ignores it while the history is paused). */
  visit: (id: string, via: 'popup' | 'reader') => void;
  deleteHistory: (ids: string[]) => Promise<HistoryEntry[]>;
  /** Clears the history at once; resolves with what it held (for an undo). */
  clearHistory: () => Promise<HistoryEntry[]>;
  restoreHistory: (entries: HistoryEntry[]) => Promise<void>;
}

export function usePersonalActions(refresh: () => void): PersonalActions {
  const then = <T>(p: Promise<T>) =>
    p.then((v) => {
      refresh();
      return v;
    });
  return {
    setSaved: async (id, saved) => {
      await then(saved ? send({ type: 'save', id }) : send({ type: 'unsave', ids: [id] }));
    },
    follow: async (kind, value) => {
      // Checked here too: a value longer than the protocol carries would come back as an invalid request.
      if (kind !== 'topic' && value.trim().length > MAX_FOLLOW_LENGTH) return FOLLOW_TOO_LONG;
      const r = await then(send({ type: 'follow', kind, value }));
      return r.ok ? undefined : r.reason;
    },
    unfollow: async (id) => {
      await then(send({ type: 'unfollow', id }));
    },
    visit: (id, via) => {
      send({ type: 'visit', id, via }).then(refresh, (e: unknown) => actionLog.warn('visit not recorded', e));
    },
    deleteHistory: (ids) => then(send({ type: 'historyDelete', ids })),
    clearHistory: () => then(send({ type: 'historyClear' })),
    restoreHistory: async (entries) => {
      await then(send({ type: 'historyRestore', entries }));
    },
  };
}
