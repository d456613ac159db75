/**
 * The popup's data: what the described tab holds (`scanTab`: its papers with why and how sure, scanned as the page
 * is now and again when the cache changes), which of them are in the feed (`lookup`), and the papers related to it
 * (`related`: from the page's own paper when it has one, else from its text and the papers found on it).
 */
import { useEffect, useRef } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { TabScan } from '../lib/detect/scan-page';
import type { BadgeInfo } from '../lib/feed/summary';
import { send } from '../lib/ext/messaging';
import type { DetectedPaper, RelatedReply } from '../lib/ext/protocol';
import { MAX_IDS } from '../lib/ext/request-limits';
import { log } from '../lib/log';
import { citedSourceOf, ownPaperId, relatedSourceOf } from '../lib/search/page-query';
import { syncStatusItem } from '../lib/ext/sync-status-item';
import { popupCitedCache, popupRelatedCache } from '../lib/ext/tab-cache';
import { scanTab, scanTabUrl } from '../lib/ext/tab-scan';
import { cacheVersionOf } from './use-cache-version';
import { useLoadable, type Loadable } from './use-loadable';

/** A row of the popup's detected list: a paper found on the tab, with its Daily Papers data when in the feed. */
export interface DetectedRow extends DetectedPaper {
  info?: BadgeInfo;
}

/** Related papers (or, with nothing to relate to, trending ones), as the background answered. */
export type RelatedResult = RelatedReply & {
  /** The source's title, when the related papers were found for one paper or one page. */
  sourceTitle?: string;
};

export interface PopupData {
  scan: Loadable<TabScan>;
  detected: Loadable<DetectedRow[]>;
  related: Loadable<RelatedResult>;
  /**
   * The papers related to those the page cites, taken as one set without the own paper (`citedSourceOf`), for a page
   * with a paper of its own that cites enough papers; never asked (no value, not loading) for any other page.
   */
  cited: Loadable<RelatedReply>;
}

/**
 * Whether the popup's main lists are in (or failed): the related papers, and the detected list once the tab is
 * scanned. The popup asks for its secondary lists ("For you") only then: a woken worker's first "For you" reads every
 * paper (seconds at 50,000 papers) and would hold the main lists' last requests behind it.
 */
export function mainListsSettled(data: PopupData): boolean {
  const related = data.related.value !== undefined || data.related.error !== undefined;
  return related && data.scan.value !== undefined && !data.detected.loading;
}

/** The tab a popup describes: `?tabId=N` in its URL, else the active tab of the current window (null: none). */
export async function resolveTabId(search: string): Promise<number | null> {
  const raw = new URLSearchParams(search).get('tabId');
  if (raw !== null && /^\d+$/.test(raw)) return Number(raw);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  // The popup opened as a tab of its own has nothing to describe.
  if (tab?.url?.startsWith(browser.runtime.getURL('/'))) return null;
  return tab?.id ?? null;
}

/** In-feed papers first, page order kept within each group; one row per id. */
export function orderDetected(
  papers: readonly DetectedPaper[],
  found: Readonly<Record<string, BadgeInfo>>,
): DetectedRow[] {
  const seen = new Set<string>();
  const unique = papers.filter((p) => !seen.has(p.id) && seen.add(p.id));
  const inFeed = unique.filter((p) => found[p.id]).map((p) => ({ ...p, info: found[p.id]! }));
  const notInFeed = unique.filter((p) => !found[p.id]);
  return [...inFeed, ...notInFeed];
}

/** What is known of a tab that cannot be scanned (browser pages, the Web Store, a closed tab). */
export const NOTHING_SCANNED: TabScan = { ids: [], papers: [], page: {}, via: 'none' };

/**
 * A reload key for data that depends on the cache's `version`: the same while the version is still unknown
 * (`undefined`, the status not loaded yet) and at its first known value, then the version itself. Loading can so
 * start at once, without waiting for the status round trip, and is not repeated when the status arrives.
 */
export function useReloadKey(version: unknown): unknown {
  const first = useRef<unknown>(undefined);
  if (first.current === undefined && version !== undefined) first.current = version;
  return version === undefined || version === first.current ? FIRST_VERSION : version;
}

const FIRST_VERSION = Symbol('first cache version');

/** Scans tab `tabId` (`null`: no tab); a failed scan counts as an empty one. */
export async function loadScan(tabId: number | null): Promise<TabScan> {
  if (tabId === null) return NOTHING_SCANNED;
  try {
    return await scanTab(tabId);
  } catch (e) {
    log.warn('popup: tab scan failed', e);
    return NOTHING_SCANNED;
  }
}

/** The detected list of a scan: its papers, with their Daily Papers data when in the feed (`lookup`). */
export async function loadDetected(scan: TabScan): Promise<DetectedRow[]> {
  const papers = scan.papers.slice(0, MAX_IDS);
  const found = papers.length > 0 ? await send({ type: 'lookup', ids: papers.map((p) => p.id) }) : {};
  return orderDetected(papers, found);
}

/**
 * The related papers of a scan (`related`): from the page's own paper when it has one, else from its text and the
 * papers found on it (ids and cached titles).
 */
export async function loadRelated(scan: TabScan): Promise<RelatedResult> {
  const ownId = ownPaperId(scan);
  const papers = ownId ? [] : scan.papers.map((p) => p.id);
  const source = relatedSourceOf(scan.page, ownId, papers);
  const reply = await send({ type: 'related', ...(source ? { source } : {}), limit: 10 });
  return withSourceTitle(reply, source);
}

function withSourceTitle(reply: RelatedReply, source: { title?: string } | undefined): RelatedResult {
  const single = reply.kind === 'related' && (reply.basis === 'paper' || reply.basis === 'text');
  return single && source?.title ? { ...reply, sourceTitle: source.title } : reply;
}

/**
 * What a popup starts loading before its first render, so no step waits for the page's scripts to run, render and
 * settle first: the described tab, its scan, and — when the tab's URL names an arXiv paper — that paper's related
 * papers, asked in parallel with the scan (which injects a script and matches the page's text against the cached
 * titles: the slowest step of a woken worker).
 */
export interface PopupStart {
  tabId: Promise<number | null>;
  scan: Promise<TabScan>;
  /** The related papers of the paper the tab's URL names, or undefined (no such paper, or the request failed). */
  early: Promise<{ ownId: string; related: RelatedResult } | undefined>;
  /** The tab's URL and the cache version at the start: the key of the per-tab cache (`lib/ext/tab-cache.ts`). */
  key: Promise<{ tabId: number; url: string; version: string } | undefined>;
  /** The related list this popup last showed for the same tab, URL and cache version, if any. */
  cached: Promise<RelatedResult | undefined>;
  /** The list related to the cited papers this popup last showed for the same tab, URL and version, if any. */
  cachedCited: Promise<RelatedReply | undefined>;
}

/** Starts a popup's loading (see `PopupStart`) for the tab `search` (`location.search`) names, else the active one. */
export function startPopupData(search: string): PopupStart {
  const tabId = resolveTabId(search).catch((e: unknown) => {
    log.warn('popup: no tab to describe', e);
    return null;
  });
  const scan = tabId.then(loadScan);
  const byUrl = tabId.then((id) => (id === null ? undefined : scanTabUrl(id)));
  const key = Promise.all([tabId, byUrl, syncStatusItem.getValue()]).then(([id, s, status]) =>
    id === null || !s?.page.url ? undefined : { tabId: id, url: s.page.url, version: cacheVersionOf(status) },
  );
  // Both read while the key is still on its way.
  const cached = popupRelatedCache.read(key) as Promise<RelatedResult | undefined>;
  const cachedCited = popupCitedCache.read(key);
  const early = byUrl.then(async (byUrl) => {
    if (!byUrl) return undefined;
    const ownId = ownPaperId(byUrl);
    if (ownId === undefined) return undefined;
    try {
      return { ownId, related: await loadRelated(byUrl) };
    } catch {
      return undefined;
    }
  });
  return { tabId, scan, early, key: key.catch(() => undefined), cached, cachedCited };
}

/**
 * The early answer stands for the scan's own when both relate from the same cached paper's record (basis `paper`:
 * the page's text was not used); the heading then takes the title the scan read from the page.
 */
function reuseEarly(
  early: { ownId: string; related: RelatedResult } | undefined,
  scan: TabScan,
): RelatedResult | undefined {
  if (!early || early.related.kind !== 'related' || early.related.basis !== 'paper') return undefined;
  const ownId = ownPaperId(scan);
  if (ownId !== early.ownId) return undefined;
  return withSourceTitle(early.related, relatedSourceOf(scan.page, ownId, []));
}

/**
 * Loads the popup's data for tab `tabId` (`undefined` while it is being resolved, `null` for no tab) as soon as the
 * tab is known, the first time from what `start` began; `version` changing after its first value reloads the
 * feed-dependent parts. A failed scan counts as an empty one: related papers then fall back to today's trending.
 * The early related answer (see `PopupStart`) is shown while the scan runs.
 */
export function usePopupData(tabId: number | null | undefined, version: unknown, start?: PopupStart): PopupData {
  const enabled = tabId !== undefined;
  const key = useReloadKey(version);
  const first = key === FIRST_VERSION && start !== undefined;
  const scan = useLoadable(
    () => (first ? start.scan : loadScan(tabId ?? null)),
    // Scanned again when the cache changes: the page's titles are matched against the cache of the moment.
    [tabId, key],
    enabled,
  );
  const detected = useLoadable(() => loadDetected(scan.value!), [scan.value, key], enabled && scan.value !== undefined);
  // Shown only when it is the answer the scan will keep (related from the cached paper's record).
  const early = useLoadable(
    async () => {
      const r = (await start?.early)?.related;
      return r?.kind === 'related' && r.basis === 'paper' ? r : undefined;
    },
    [start],
    enabled && start !== undefined,
  );
  const cached = useLoadable(async () => start?.cached, [start], enabled && start !== undefined);
  const related = useLoadable(
    async (): Promise<RelatedResult> => {
      const s = scan.value!;
      return (first ? reuseEarly(await start.early, s) : undefined) ?? loadRelated(s);
    },
    [scan.value, key],
    enabled && scan.value !== undefined,
  );
  // The first answer is remembered for the next popup on this tab (same URL and cache version only): the early one
  // as soon as it is shown — the scan behind the fresh one can take seconds on a woken worker with a large cache
  // (its titles are matched against every cached one), and a popup closed before then would leave nothing — and
  // the fresh one when it comes. A remembered list is only ever shown while the next popup's own answer loads.
  const remembered = related.value ?? early.value;
  useEffect(() => {
    if (!first || remembered === undefined) return;
    void start.key.then((k) => k && popupRelatedCache.write({ ...k, value: remembered }));
  }, [remembered]);
  const waiting = related.value === undefined && related.error === undefined;
  const stand = early.value ?? cached.value;
  const shown: Loadable<RelatedResult> = waiting && stand !== undefined ? { value: stand, loading: true } : related;
  const cited = useCited(scan.value, key, enabled && !waiting, first ? start : undefined);
  return { scan, detected, related: shown, cited };
}

/**
 * "Related to the papers this page cites" (see `PopupData.cited`), asked only once `relatedSettled` (the first
 * related answer is in, or failed): a woken worker answers the popup's main list first. With `start` (the popup's
 * first load), the list last shown for the tab stands in while the answer loads, and the answer is remembered.
 */
function useCited(
  scan: TabScan | undefined,
  key: unknown,
  relatedSettled: boolean,
  start: PopupStart | undefined,
): Loadable<RelatedReply> {
  const source = scan ? citedSourceOf(scan) : undefined;
  const sourceKey = source ? `${source.exclude.join(' ')}|${source.papers.join(' ')}` : '';
  const cited = useLoadable(
    () => send({ type: 'related', source: source!, limit: 10 }),
    [sourceKey, key],
    source !== undefined && relatedSettled,
  );
  const cached = useLoadable(async () => start?.cachedCited, [start], start !== undefined && source !== undefined);
  useEffect(() => {
    if (!start || cited.value === undefined) return;
    const value = cited.value;
    void start.key.then((k) => k && popupCitedCache.write({ ...k, value }));
  }, [cited.value]);
  if (source === undefined) return { loading: false };
  const waiting = cited.value === undefined && cited.error === undefined;
  return waiting && cached.value !== undefined ? { value: cached.value, loading: true } : cited;
}
