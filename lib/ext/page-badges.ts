/**
 * Starts inline badges in a content script: shared by the arXiv content script and the opt-in all-sites one.
 * Follows the page as single-page apps change it (URL changes by `pushState` or back/forward, caught from the
 * Navigation API where the browser has it, `popstate`, WXT's location watcher and the DOM changes that come with
 * them) and the cache as it fills (a tab open before the first sync gets its badges when the feed arrives).
 * Catches at the edge: a failure is logged once, tagged, and never thrown into the page.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { BadgeController } from '../badges/controller';
import { scanDocument } from '../detect/scan-page';
import type { SyncStatus } from '../sync/status';
import { send } from './messaging';
import { syncStatusItem } from './sync-status-item';
import { matchTitlesInBackground, SCAN_MESSAGE } from './tab-scan';

/** What a status says about the cache's content: a change of it means the feed changed. */
function cacheKey(s: SyncStatus): string {
  return `${s.count}:${s.lastSuccessAt ?? ''}`;
}

export function startPageBadges(ctx: ContentScriptContext): void {
  const run = Math.random().toString(36).slice(2, 10);
  const log = (e: unknown) => console.warn('[paper-radar] badges:', e);
  const controller = new BadgeController({
    doc: document,
    url: () => location.href,
    run,
    lookup: (ids) => send({ type: 'lookup', ids }),
    matchTitles: matchTitlesInBackground,
    report: (count) => void send({ type: 'pageCount', count }).catch(() => {}),
    frame: (cb) => ctx.requestAnimationFrame(cb),
    onError: log,
  });

  // The popup asks this page what it refers to, as it is now.
  const onMessage = (message: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
    if ((message as { type?: string } | null)?.type !== SCAN_MESSAGE) return false;
    scanDocument(document, location.href, matchTitlesInBackground).then(sendResponse, (e: unknown) => {
      log(e);
      sendResponse(undefined);
    });
    return true;
  };
  browser.runtime.onMessage.addListener(onMessage);

  ctx.addEventListener(window, 'pageshow', (e) => {
    // Back from the back/forward cache: the toolbar count was reset with the navigation.
    if ((e as PageTransitionEvent).persisted) {
      controller.refresh();
      void send({ type: 'pageCount', count: controller.countInFeed }).catch(() => {});
    }
  });
  // Same-document navigations: back/forward, WXT's location watcher (polls), and the Navigation API's event.
  const onUrlChange = () => controller.checkUrl();
  ctx.addEventListener(window, 'popstate', onUrlChange);
  ctx.addEventListener(window, 'wxt:locationchange', onUrlChange);
  const nav = (window as unknown as { navigation?: EventTarget }).navigation;
  if (nav) ctx.addEventListener(nav, 'navigatesuccess', onUrlChange);

  // The cache changing under an open tab (the first sync, new list dates): badge again with what it holds now.
  let lastCache: string | undefined;
  void syncStatusItem.getValue().then((s) => (lastCache ??= cacheKey(s)));
  const unwatch = syncStatusItem.watch((s) => {
    if (!s || s.state === 'syncing') return;
    const key = cacheKey(s);
    if (key === lastCache) return;
    lastCache = key;
    controller.feedChanged();
  });

  ctx.onInvalidated(() => {
    browser.runtime.onMessage.removeListener(onMessage);
    unwatch();
    controller.stop();
  });
  controller.start().catch(log);
}
