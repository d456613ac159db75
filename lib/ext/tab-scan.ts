/**
 * What the popup learns about a tab, asked in the least intrusive way that works:
 * 1. the one-off detector `/scanner.js` is injected with `scripting.executeScript` — allowed on arXiv (the
 *    extension's host permission), on every site with the all-sites opt-in, and anywhere right after the user
 *    clicks the toolbar button (`activeTab`). It scans the page as it is at that moment (a single-page app's
 *    current view) and asks the background for the cached titles in its text (`matchTitlesInBackground`);
 * 2. otherwise only the tab's URL (when the browser shows it to us) is read for an arXiv id.
 * The badge content scripts are not asked: that keeps the scan code out of their bundle. Nothing leaves the
 * browser: every step runs locally.
 */
import { browser } from 'wxt/browser';
import { arxivIdFromUrl } from '../arxiv/urls';
import { send } from './messaging';
import type { MatchTitles, TabScan } from '../detect/scan-page';

function isTabScan(x: unknown): x is Omit<TabScan, 'via'> {
  const scan = x as TabScan | null;
  return (
    !!scan &&
    typeof scan === 'object' &&
    Array.isArray(scan.ids) &&
    Array.isArray(scan.papers) &&
    typeof scan.page === 'object'
  );
}

/** Scans tab `tabId`. Never throws: a tab we may not read gives what its URL tells, or no paper (`via: 'none'`). */
export async function scanTab(tabId: number): Promise<TabScan> {
  return scanTabRaw(tabId);
}

/** `MatchTitles` for scripts in a page: the background's title index, over the message protocol. */
export const matchTitlesInBackground: MatchTitles = (text, metaTitle) =>
  send({ type: 'matchTitles', text, ...(metaTitle === undefined ? {} : { metaTitle: metaTitle.slice(0, 2000) }) });

async function scanTabRaw(tabId: number): Promise<TabScan> {
  try {
    const [first] = await browser.scripting.executeScript({ target: { tabId }, files: ['/scanner.js'] });
    const result: unknown = await first?.result;
    if (isTabScan(result)) return { ...result, via: 'injected' };
  } catch {
    // Not allowed here (no activeTab grant, a browser page, the web store): fall back to the URL.
  }
  return scanTabUrl(tabId);
}

/**
 * What tab `tabId`'s URL and title alone tell (`via: 'none'`): its paper when the URL is an arXiv paper's. Costs one
 * `tabs.get` — no script injected, no background asked — so the popup can ask for that paper's related papers while
 * the full scan runs. Never throws (a closed tab: nothing).
 */
export async function scanTabUrl(tabId: number): Promise<TabScan> {
  try {
    const tab = await browser.tabs.get(tabId);
    const id = tab.url ? arxivIdFromUrl(tab.url) : undefined;
    return {
      ids: id ? [id] : [],
      papers: id ? [{ id, reasons: ['meta'], confidence: 1, isPagePaper: true }] : [],
      page: { ...(tab.url ? { url: tab.url } : {}), ...(tab.title ? { title: tab.title } : {}) },
      via: 'none',
    };
  } catch {
    return { ids: [], papers: [], page: {}, via: 'none' };
  }
}
