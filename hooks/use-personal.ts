/**
 * The pages' hooks over the user's own data: period views, "for you", saved papers, topics, follows and the reading
 * history; and the actions that change them (each bumps a shared refresh key so every list reloads).
 */
import { useCallback, useState } from 'preact/hooks';
import type { FollowInfo, ForYouReply, PeriodReply, SavedRow, TopicInfo } from '../lib/background/personal';
import type { HistoryEntry } from '../lib/db/database';
import type { Period } from '../lib/feed/periods';
import type { PaperHit } from '../lib/feed/summary';
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

/** The papers of a day, week or month around `date`, best first; only `topic`'s when given. */
export function usePeriod(
  period: Period | undefined,
  date: string,
  topic: string,
  version: unknown,
  refresh: number,
): Loadable<PeriodReply> {
  return useLoadable(
    () => send({ type: 'period', period: period!, date, ...(topic ? { topic } : {}) }),
    [period, date, topic, version, refresh],
    period !== undefined && version !== undefined,
  );
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
