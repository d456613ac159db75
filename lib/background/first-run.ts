/**
 * What the background does when the extension is installed or updated: load the bundled snapshot into an empty
 * store (so the extension is useful before its first sync), and give arXiv tabs that were open before a live
 * content script. Browser-free: the snapshot's JSON and the tabs/scripting APIs come in as parameters.
 */
import type { PaperRadarDB } from '../db/database';
import { loadSnapshotIfEmpty, setMeta } from '../db/queries';
import { readSnapshot } from '../feed/snapshot';
import { SnapshotError } from '../errors';
import { ARXIV_MATCHES } from '../arxiv/hosts';

/** Diagnostics kept in `meta.snapshotLoad` (read by the benchmarks). */
export interface SnapshotLoad {
  count: number;
  /** ms from the start of the load until the papers were stored and the count published. */
  usableMs: number;
  /** ms until the search index was rebuilt too. */
  indexedMs: number;
}

/** What loading the bundled snapshot needs (see `loadBundledSnapshot`). */
export interface SnapshotDeps {
  db: PaperRadarDB;
  /** The bundled snapshot's decoded JSON (`/snapshot.json`). */
  readBundled: () => Promise<unknown>;
  now: () => number;
  /** A monotonic clock in ms (`performance.now`). */
  clock: () => number;
  /** Called once the papers are stored (to publish the count); then `rebuild` (the search index). */
  stored: () => Promise<void>;
  rebuild: () => Promise<void>;
}

/**
 * Loads the bundled snapshot when the store holds no papers. Returns how many papers it added (0: the store was
 * not empty). Throws `SnapshotError` when the bundled file does not validate.
 */
export async function loadBundledSnapshot(deps: SnapshotDeps): Promise<number> {
  const started = deps.clock();
  const snap = readSnapshot(await deps.readBundled());
  if (!snap.ok) throw new SnapshotError(snap.reason.replace(/^paper-radar:\s*/, ''));
  const added = await loadSnapshotIfEmpty(deps.db, snap.papers, deps.now());
  if (added === 0) return 0;
  await deps.stored();
  const usableMs = deps.clock() - started;
  await deps.rebuild();
  await setMeta<SnapshotLoad>(deps.db, 'snapshotLoad', { count: added, usableMs, indexedMs: deps.clock() - started });
  return added;
}

/** What re-injection needs of the browser: `tabs.query`, and injecting the arXiv content script into one tab. */
export interface InjectionApis {
  tabs: { query(query: { url: string[] }): Promise<{ id?: number }[]> };
  /** `scripting.executeScript` of the arXiv content script's built file into tab `tabId`. */
  injectArxivScript(tabId: number): Promise<unknown>;
}

/**
 * Injects the arXiv content script into every open arXiv tab: tabs opened before an install or update have none,
 * or one whose extension context is gone. The content script replaces an older run's badges, so a tab that already
 * has a live one ends up with one set. Returns the tab ids injected; a tab that refuses (closed meanwhile, an
 * error page) is skipped.
 */
export async function reinjectArxivTabs(apis: InjectionApis): Promise<number[]> {
  const tabs = await apis.tabs.query({ url: ARXIV_MATCHES });
  const done = await Promise.all(
    tabs.map(async ({ id }) => {
      if (id === undefined) return undefined;
      try {
        await apis.injectArxivScript(id);
        return id;
      } catch {
        return undefined;
      }
    }),
  );
  return done.filter((id) => id !== undefined);
}
