/**
 * The popup's data: what the described tab holds (`scanTab`), which of its papers are in the feed (`lookup`), and
 * the papers related to it (`related`: from the page's own paper when it has one, else from its text and papers).
 */
import { browser } from 'wxt/browser';
import type { BadgeInfo } from '../lib/feed/summary';
import { send } from '../lib/ext/messaging';
import { MAX_IDS, type RelatedReply, type TabScan } from '../lib/ext/protocol';
import { ownPaperId, relatedSourceOf } from '../lib/search/page-query';
import { matchTitlesOnPage, scanTab } from '../lib/ext/tab-scan';
import { useLoadable, type Loadable } from './use-loadable';

/** A paper found on the tab, with its Daily Papers data when it is in the cached feed. */
export interface DetectedPaper {
  id: string;
  info?: BadgeInfo;
}

/** Related papers (or, with nothing to relate to, trending ones), as the background answered. */
export type RelatedResult = RelatedReply & {
  /** The source's title, when the related papers were found for one paper or one page. */
  sourceTitle?: string;
};

export interface PopupData {
  scan: Loadable<TabScan>;
  detected: Loadable<DetectedPaper[]>;
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

/** In-feed papers first, page order kept within each group. */
export function orderDetected(ids: readonly string[], found: Readonly<Record<string, BadgeInfo>>): DetectedPaper[] {
  const unique = [...new Set(ids)];
  const inFeed = unique.filter((id) => found[id]).map((id) => ({ id, info: found[id]! }));
  const notInFeed = unique.filter((id) => !found[id]).map((id) => ({ id }));
  return [...inFeed, ...notInFeed];
}

/** What is known of a tab that cannot be scanned (browser pages, the Web Store, a closed tab). */
export const NOTHING_SCANNED: TabScan = { ids: [], page: {}, via: 'none' };

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
        console.warn('[paper-radar] tab scan failed', e);
        return NOTHING_SCANNED;
      }
    },
    [tabId],
    tabId !== undefined,
  );
  const detected = useLoadable(
    async () => {
      const s = scan.value!;
      // Ids and titles in parallel: titles need the background's matcher, ids are already known.
      const byTitle = matchTitlesOnPage(s);
      const list = s.ids.slice(0, MAX_IDS);
      const found = list.length > 0 ? await send({ type: 'lookup', ids: list }) : {};
      const titled = (await byTitle).filter((id) => !list.includes(id));
      const all = [...list, ...titled].slice(0, MAX_IDS);
      const foundTitled = titled.length > 0 ? await send({ type: 'lookup', ids: titled }) : {};
      return orderDetected(all, { ...found, ...foundTitled });
    },
    [scan.value, version],
    enabled && scan.value !== undefined,
  );
  const ownId = scan.value ? ownPaperId(scan.value) : undefined;
  // A page of its own paper relates at once; any other page waits for its detected papers (ids and cached titles).
  const papersReady = ownId !== undefined || detected.value !== undefined || detected.error !== undefined;
  const related = useLoadable(
    async (): Promise<RelatedResult> => {
      const s = scan.value!;
      const papers = ownId ? [] : (detected.value ?? []).map((p) => p.id);
      const source = relatedSourceOf(s.page, ownId, papers);
      const reply = await send({ type: 'related', ...(source ? { source } : {}), limit: 10 });
      const single = reply.kind === 'related' && (reply.basis === 'paper' || reply.basis === 'text');
      return single && source?.title ? { ...reply, sourceTitle: source.title } : reply;
    },
    [scan.value, ownId ? undefined : detected.value, version],
    enabled && scan.value !== undefined && papersReady,
  );
  return { scan, detected, related };
}
