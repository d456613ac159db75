/** A Preact hook for search as you type: at most one request per animation frame, the latest query's answer wins. */
import { useEffect, useState } from 'preact/hooks';
import { send } from '../lib/ext/messaging';
import type { PaperHit } from '../lib/feed/summary';
import { errorMessage } from '../lib/errors';
import type { Loadable } from './use-loadable';

/** Longest query sent (the protocol's limit). */
const MAX_QUERY = 500;

/**
 * Search results for `query` (trimmed; empty gives no results and sends nothing). Keystrokes within one frame
 * coalesce into one request; `refreshKey` changing re-runs the search (new papers after a sync).
 */
export function useSearch(
  query: string,
  limit = 20,
  refreshKey: unknown = 0,
): Loadable<PaperHit[]> & { query: string } {
  const q = query.trim().slice(0, MAX_QUERY);
  const [state, setState] = useState<Loadable<PaperHit[]> & { query: string }>({ loading: false, query: '' });
  useEffect(() => {
    if (q === '') {
      setState({ loading: false, query: '' });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    const frame = requestAnimationFrame(() => {
      send({ type: 'search', query: q, limit }).then(
        (hits) => live && setState({ value: hits, loading: false, query: q }),
        (e: unknown) => live && setState((s) => ({ ...s, loading: false, error: errorMessage(e), query: q })),
      );
    });
    return () => {
      live = false;
      cancelAnimationFrame(frame);
    };
  }, [q, limit, refreshKey]);
  return state;
}
