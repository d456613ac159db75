/**
 * A Preact hook for search as you type: each keystroke that changes the trimmed query is sent at once, at most one
 * request is in flight (a newer query waits for it and replaces any query waiting before it), and only the latest
 * query's answer is shown.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { send } from '../lib/ext/messaging';
import type { PaperHit } from '../lib/feed/summary';
import { errorMessage } from '../lib/errors';
import type { Loadable } from './use-loadable';

/** Longest query sent (the protocol's limit). */
const MAX_QUERY = 500;

/** One search to run: the trimmed query and the limit. */
interface SearchRequest {
  query: string;
  limit: number;
}

/** The search requests of one hook: the one in flight, the one waiting for it, and the latest one asked for. */
interface Flight {
  busy: boolean;
  waiting: SearchRequest | undefined;
  latest: SearchRequest | undefined;
  mounted: boolean;
}

/**
 * Search results for `query` (trimmed; empty gives no results and sends nothing). The request goes out in the same
 * task as the keystroke's render (a layout effect: no frame is waited for, neither before sending nor by an effect
 * deferred after paint), so the answer can be painted in the next frame. Keystrokes typed while a request is in
 * flight are not sent one by one: the newest waits and goes out when the answer comes (stale queries are never
 * computed). `refreshKey` changing re-runs the search (new papers after a sync).
 */
export function useSearch(
  query: string,
  limit = 20,
  refreshKey: unknown = 0,
): Loadable<PaperHit[]> & { query: string } {
  const q = query.trim().slice(0, MAX_QUERY);
  const [state, setState] = useState<Loadable<PaperHit[]> & { query: string }>({ loading: false, query: '' });
  const flight = useRef<Flight>({ busy: false, waiting: undefined, latest: undefined, mounted: true });

  useEffect(() => {
    const f = flight.current;
    f.mounted = true;
    return () => {
      f.mounted = false;
    };
  }, []);

  useLayoutEffect(() => {
    const f = flight.current;
    if (q === '') {
      f.latest = undefined;
      f.waiting = undefined;
      setState({ loading: false, query: '' });
      return;
    }
    const request: SearchRequest = { query: q, limit };
    f.latest = request;
    setState((s) => ({ ...s, loading: true }));
    const run = (r: SearchRequest): void => {
      f.busy = true;
      const done = (apply: () => void) => {
        f.busy = false;
        if (f.mounted && f.latest === r) apply();
        const next = f.waiting;
        f.waiting = undefined;
        if (next && f.mounted && f.latest === next) run(next);
      };
      send({ type: 'search', query: r.query, limit: r.limit }).then(
        (hits) => done(() => setState({ value: hits, loading: false, query: r.query })),
        (e: unknown) => done(() => setState((s) => ({ ...s, loading: false, error: errorMessage(e), query: r.query }))),
      );
    };
    if (f.busy) f.waiting = request;
    else run(request);
  }, [q, limit, refreshKey]);
  return state;
}
