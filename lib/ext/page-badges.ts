/**
 * Starts inline badges in a content script: shared by the arXiv content script and the opt-in all-sites one. (The
 * popup does not ask it what the page holds: it injects the one-off scanner, which reads the page as it is then.)
 * Follows the page as single-page apps change it (URL changes by `pushState` or back/forward, caught from
 * `popstate`, WXT's location watcher and the DOM changes that come with them) and the cache as it fills (a tab open before the first sync gets its badges when the feed arrives).
 * Catches at the edge: a failure is logged once, tagged, and never thrown into the page.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { isArxivListing } from '../badges/arxiv-listing';
import { BadgeController } from '../badges/controller';
import { clearFollowMarks, listingEntries, placeFollowMarks } from '../badges/follow-marks';
import { readPaperPage } from '../detect/paper-page';
import { log } from '../log';
import { watchCacheChanges } from './cache-watch';
import { send } from './messaging';
import { matchTitlesInBackground } from './tab-scan';

const badgeLog = log.child('badges');

export function startPageBadges(ctx: ContentScriptContext): void {
  const run = Math.random().toString(36).slice(2, 10);
  const warn = (e: unknown) => badgeLog.warn('failed', e);
  const controller = new BadgeController({
    doc: document,
    url: () => location.href,
    run,
    lookup: (ids) => send({ type: 'lookup', ids }),
    matchTitles: matchTitlesInBackground,
    report: (count) => void send({ type: 'pageCount', count }).catch(() => {}),
    frame: (cb) => ctx.requestAnimationFrame(cb),
    onError: warn,
  });

  ctx.addEventListener(window, 'pageshow', (e) => {
    // Back from the back/forward cache: the toolbar count was reset with the navigation.
    if ((e as PageTransitionEvent).persisted) {
      controller.refresh();
      void send({ type: 'pageCount', count: controller.countInFeed }).catch(() => {});
    }
  });
  // Same-document navigations: back/forward, and WXT's location watcher (the Navigation API's `navigate` event
  // where the browser has it, else a poll). `navigate` fires before the URL changes: look in the next frame.
  const onUrlChange = () => ctx.requestAnimationFrame(() => controller.checkUrl());
  ctx.addEventListener(window, 'popstate', onUrlChange);
  ctx.addEventListener(window, 'wxt:locationchange', onUrlChange);

  // The cache changing under an open tab (the first sync, new list dates): badge again with what it holds now.
  const unwatch = watchCacheChanges(() => controller.feedChanged());

  ctx.onInvalidated(() => {
    unwatch();
    controller.stop();
  });
  controller.start().catch(warn);
}

/**
 * On an arXiv abstract or HTML page, records the visit in the local reading history (the background skips it while
 * the history is paused). The message goes to the extension's own background only; nothing leaves the browser.
 */
export function recordArxivVisit(): void {
  try {
    const visit = readPaperPage(document, location.href);
    if (visit) void send({ type: 'visit', ...visit }).catch((e: unknown) => badgeLog.warn('visit not recorded', e));
  } catch (e) {
    badgeLog.warn('visit not recorded', e);
  }
}

/**
 * On an arXiv listing, marks the entries that match a followed keyword, pattern or topic (nothing is sent when the
 * user follows nothing); the marks go when the content script is invalidated.
 */
export function markFollowedEntries(ctx: ContentScriptContext): void {
  if (!isArxivListing(location.href)) return;
  ctx.onInvalidated(() => clearFollowMarks(document));
  placeMarks().catch((e: unknown) => badgeLog.warn('follow marks failed', e));
}

async function placeMarks(): Promise<void> {
  const follows = await send({ type: 'follows' });
  if (follows.length === 0) return;
  const entries = listingEntries(document);
  if (entries.length === 0) return;
  const { marks, dim } = await send({
    type: 'matchFollows',
    entries: entries.map((e) => ({ id: e.id, text: e.text })),
  });
  placeFollowMarks(document, entries, marks, dim);
}
