/** The reader's data: the cached papers of a date range, and one paper's full record. */
import { useEffect, useState } from 'preact/hooks';
import type { Paper } from '../lib/feed/paper';
import { send } from '../lib/ext/messaging';
import { errorMessage } from '../lib/errors';
import { useLoadable, type Loadable } from './use-loadable';

/** Papers fetched for the first paint, before the whole range arrives. */
export const FIRST_BATCH = 200;

export interface PaperList extends Loadable<Paper[]> {
  /** False while `value` holds only the first batch of a longer range. */
  complete: boolean;
}

/**
 * The cached papers listed from `from` to `to` (`YYYY-MM-DD`, inclusive, either may be empty), newest list date
 * first, most upvoted first within a date. The first `FIRST_BATCH` come in one small request so the page paints
 * at once; the rest follow. Nothing is asked while `version` is undefined; a new `version` reloads.
 */
export function usePaperList(from: string, to: string, version: unknown): PaperList {
  const [state, setState] = useState<PaperList>({ loading: true, complete: false });
  useEffect(() => {
    if (version === undefined) return;
    let live = true;
    const range = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
    setState((s) => ({ ...s, loading: true }));
    const fail = (e: unknown) => live && setState((s) => ({ ...s, loading: false, error: errorMessage(e) }));
    void (async () => {
      try {
        const first = await send({ type: 'list', ...range, limit: FIRST_BATCH });
        if (!live) return;
        if (first.length < FIRST_BATCH) {
          setState({ value: first, loading: false, complete: true });
          return;
        }
        setState({ value: first, loading: true, complete: false });
        const all = await send({ type: 'list', ...range });
        if (live) setState({ value: all, loading: false, complete: true });
      } catch (e) {
        fail(e);
      }
    })();
    return () => {
      live = false;
    };
  }, [from, to, version]);
  return state;
}

/** The full record of paper `id` (null when it is not cached); nothing is asked while `id` is empty. */
export function usePaper(id: string, version: unknown): Loadable<Paper | null> {
  return useLoadable(
    async () => (await send({ type: 'papers', ids: [id] }))[0] ?? null,
    [id, version],
    id !== '' && version !== undefined,
  );
}
