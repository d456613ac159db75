/**
 * The popup's data: what the described tab holds (`scanTab`: its papers with why and how sure, scanned as the page
 * is now and again when the cache changes), which of them are in the feed (`lookup`), and the related trending
 * papers for it (`related`, from the page's own paper when it has one).
 */
import { browser } from 'wxt/browser';
import type { Paper } from '../lib/feed/paper';
import type { BadgeInfo, PaperHit } from '../lib/feed/summary';
import type { TabScan } from '../lib/detect/scan-page';
import { send } from '../lib/ext/messaging';
import { log } from '../lib/log';
import { MAX_IDS, type DetectedPaper, type Source } from '../lib/ext/protocol';
import { scanTab } from '../lib/ext/tab-scan';
import { useLoadable, type Loadable } from './use-loadable';

/** A row of the popup's detected list: a paper found on the tab, with its Daily Papers data when in the feed. */
export interface DetectedRow extends DetectedPaper {
  info?: BadgeInfo;
}

/** Related papers and what they are related to. */
export interface RelatedResult {
  hits: PaperHit[];
  /** The source's title; undefined when the page gave nothing to relate to (the hits are today's trending). */
  basis?: string;
}

export interface PopupData {
  scan: Loadable<TabScan>;
  detected: Loadable<DetectedRow[]>;
  related: Loadable<RelatedResult>;
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

/** The protocol's limits on a source's text. */
const LIMITS = { title: 2000, abstract: 20_000, keywords: 100, keyword: 200 } as const;

/**
 * What to find related papers for, best first: the page's own paper when it is in the feed (`own`, with its
 * abstract and keywords), else the paper its meta tags describe, else the page's title with its description and
 * headings as the abstract; undefined when the page says nothing (the background then answers today's trending).
 */
export function relatedSourceOf(page: TabScan['page'], own?: Paper, ownId?: string): Source | undefined {
  if (own) {
    return compact({ id: own.id, title: own.title, abstract: own.abstract, keywords: own.keywords });
  }
  if (page.paper?.title.trim()) {
    return compact({ id: page.paper.id ?? ownId, title: page.paper.title, abstract: page.paper.abstract });
  }
  if (ownId) {
    // Only an id (a link to one paper): the background fills in its title, abstract and keywords when cached.
    return compact({ id: ownId, title: page.title?.trim() || ownId });
  }
  const title = page.title?.trim() ?? '';
  const abstract = [page.description, ...(page.headings ?? [])]
    .map((s) => s?.replace(/\s+/g, ' ').trim())
    .filter((s): s is string => !!s)
    .join('. ');
  if (title === '' && abstract === '') return undefined;
  return compact({ title: title || abstract.slice(0, 200), abstract });
}

function compact(s: {
  id?: string | undefined;
  title: string;
  abstract?: string | undefined;
  keywords?: string[];
}): Source {
  const out: Source = { title: s.title.replace(/\s+/g, ' ').trim().slice(0, LIMITS.title) };
  if (s.id) out.id = s.id;
  if (s.abstract) out.abstract = s.abstract.slice(0, LIMITS.abstract);
  const keywords = (s.keywords ?? []).map((k) => k.slice(0, LIMITS.keyword)).filter(Boolean);
  if (keywords.length > 0) out.keywords = keywords.slice(0, LIMITS.keywords);
  return out;
}

/**
 * The id of the page's own paper: the one its meta tags name, else the only id on the page (a blog post or a
 * Hugging Face page about one paper). A listing with many ids has none.
 */
export function ownPaperId(scan: TabScan): string | undefined {
  return scan.page.paper?.id ?? (scan.ids.length === 1 ? scan.ids[0] : undefined);
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
 * Loads the popup's data for tab `tabId` (`undefined` while it is being resolved, `null` for no tab); `version`
 * changing reloads the feed-dependent parts. A failed scan counts as an empty one: related papers then fall back to
 * today's trending.
 */
export function usePopupData(tabId: number | null | undefined, version: unknown): PopupData {
  const enabled = tabId !== undefined && version !== undefined;
  const scan = useLoadable(
    async () => {
      if (tabId === null || tabId === undefined) return NOTHING_SCANNED;
      try {
        return await scanTab(tabId);
      } catch (e) {
        log.warn('popup: tab scan failed', e);
        return NOTHING_SCANNED;
      }
    },
    // Scanned again when the cache changes: the page's titles are matched against the cache of the moment.
    [tabId, version],
    enabled,
  );
  const detected = useLoadable(
    async () => {
      const s = scan.value!;
      const papers = s.papers.slice(0, MAX_IDS);
      const found = papers.length > 0 ? await send({ type: 'lookup', ids: papers.map((p) => p.id) }) : {};
      return orderDetected(papers, found);
    },
    [scan.value, version],
    enabled && scan.value !== undefined,
  );
  const related = useLoadable(
    async (): Promise<RelatedResult> => {
      const s = scan.value!;
      // The background completes a source whose paper it holds (abstract, keywords) itself: one round trip.
      const ownId = ownPaperId(s);
      const source = relatedSourceOf(s.page, undefined, ownId);
      if (source) {
        const hits = await send({ type: 'related', source, limit: 10 });
        if (hits.length > 0) return { hits, basis: source.title };
      }
      // Nothing relates to this page (or it says nothing): today's trending papers are the next best thing.
      return { hits: await send({ type: 'related', limit: 10 }) };
    },
    [scan.value, version],
    enabled && scan.value !== undefined,
  );
  return { scan, detected, related };
}
