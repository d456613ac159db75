/** A Preact hook for one asynchronous value that depends on inputs: the latest answer wins, stale ones are dropped. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../lib/errors';

/**
 * An asynchronous value as a page shows it. `value` keeps the last answer while a newer one loads (lists do not
 * flash empty as a person types); `error` is the last failure's message, cleared by the next success.
 */
export interface Loadable<T> {
  value?: T;
  loading: boolean;
  error?: string;
}

/**
 * Runs `load` whenever `deps` change (and not while `enabled` is false); answers to superseded runs are ignored.
 * `load` gets an AbortSignal that is aborted when the run is superseded or the component unmounts.
 *
 * `loading` is already true in the render where `enabled` turns true or `deps` change, before the effect that
 * starts the run: effects run after the browser paints, and a page reading `loading: false` with no value there
 * would show "nothing found" for a frame (the popup's detected list once did, and a test read it).
 */
export function useLoadable<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
  enabled = true,
): Loadable<T> {
  const [state, setState] = useState<Loadable<T>>({ loading: enabled });
  // The deps of the run last started, `undefined` while disabled.
  const started = useRef<readonly unknown[] | undefined>(undefined);
  useEffect(() => {
    if (!enabled) {
      started.current = undefined;
      return;
    }
    started.current = deps;
    const ctrl = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    load(ctrl.signal).then(
      (value) => {
        if (!ctrl.signal.aborted) setState({ value, loading: false });
      },
      (e: unknown) => {
        if (!ctrl.signal.aborted) setState((s) => ({ ...s, loading: false, error: errorMessage(e) }));
      },
    );
    return () => ctrl.abort();
    // The caller's deps decide when to reload; `load` is a fresh closure each render.
  }, [enabled, ...deps]);
  const pending = enabled && !state.loading && !sameDeps(started.current, deps);
  return pending ? { ...state, loading: true } : state;
}

/** Whether `a` holds the same values as `b`, compared as the hooks compare deps (`Object.is`). */
function sameDeps(a: readonly unknown[] | undefined, b: readonly unknown[]): boolean {
  return a !== undefined && a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}
