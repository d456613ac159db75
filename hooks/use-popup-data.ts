/**
 * The popup's data: what the described tab holds (`scanTab`: its papers with why and how sure, scanned as the page
 * is now and again when the cache changes), which of them are in the feed (`lookup`), and the papers related to it
 * (`related`: from the page's own paper when it has one, else from its text and the papers found on it).
 */
import { browser } from 'wxt/browser';
import type { TabScan } from '../lib/detect/scan-page';
import type { BadgeInfo } from '../lib/feed/summary';
import { send } from '../lib/ext/messaging';
import { MAX_IDS, type DetectedPaper, type RelatedReply } from '../lib/ext/protocol';
import { log } from '../lib/log';
import { ownPaperId, relatedSourceOf } from '../lib/search/page-query';
import { scanTab } from '../lib/ext/tab-scan';
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
      const ownId = ownPaperId(s);
      // A page without a paper of its own relates from its text and the papers found on it (ids and cached titles).
      const papers = ownId ? [] : s.papers.map((p) => p.id);
      const source = relatedSourceOf(s.page, ownId, papers);
      const reply = await send({ type: 'related', ...(source ? { source } : {}), limit: 10 });
      const single = reply.kind === 'related' && (reply.basis === 'paper' || reply.basis === 'text');
      return single && source?.title ? { ...reply, sourceTitle: source.title } : reply;
    },
    [scan.value, version],
    enabled && scan.value !== undefined,
  );
  return { scan, detected, related };
}
