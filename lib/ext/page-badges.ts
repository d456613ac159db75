/**
 * Starts inline badges in a content script: shared by the arXiv script and the opt-in all-sites one. (The popup
 * does not ask it what the page holds: it injects the one-off scanner, which reads the page as it is then.)
 * Follows the page as single-page apps change it (URL changes by `pushState` or back/forward, caught from
 * `popstate`, the Navigation API's `navigate` event where the browser has it, and the DOM changes that come with
 * them) and the cache as it fills (a tab open before the first sync gets its badges when the feed arrives).
 *
 * Nothing here tells the page the extension is there before a badge is placed: no event, message, attribute or
 * resource (see `script-context.ts`). The browser APIs the loop needs are captured first thing (`capturePageApis`).
 * Catches at the edge: a failure is logged once, tagged, and never thrown into the page; a run whose extension
 * was reloaded or removed stops without a word.
 */
import { BadgeController } from '../badges/controller';
import { capturePageApis } from '../badges/page-apis';
import { isArxivListing } from '../badges/arxiv-listing';
import { clearFollowMarks, listingEntries, placeFollowMarks } from '../badges/follow-marks';
import { readPaperPage } from '../detect/paper-page';
import { log } from '../log';
import type { BadgeScriptName } from './badge-scripts';
import { watchCacheChanges } from './cache-watch';
import { send } from './messaging';
import { startScriptContext, type ScriptContext } from './script-context';
import { matchTitlesInBackground } from './tab-scan';

const badgeLog = log.child('badges');

/**
 * Runs the badge loop of content script `name` in this page, replacing a previous run of it. Returns the run's
 * context, for other work of the same script that must stop with it.
 */
export function startPageBadges(name: BadgeScriptName): ScriptContext {
  const captured = capturePageApis(window);
  const ctx = startScriptContext(name);
  // Every callback the loop schedules runs only while this run is valid (and stops it once the extension is gone).
  const apis = {
    ...captured,
    requestAnimationFrame: (cb: () => void) => captured.requestAnimationFrame(ctx.guard(cb)),
  };
  const run = Math.random().toString(36).slice(2, 10);
  const warn = (e: unknown) => {
    if (ctx.isValid) badgeLog.warn('failed', e);
  };
  const controller = new BadgeController({
    doc: document,
    url: () => location.href,
    run,
    apis,
    lookup: (ids) => send({ type: 'lookup', ids }),
    matchTitles: matchTitlesInBackground,
    report: (count) => void send({ type: 'pageCount', count }).catch(() => {}),
    save: saveFromBadge,
    frame: apis.requestAnimationFrame,
    onError: warn,
  });

  ctx.addEventListener(window, 'pageshow', (e) => {
    // Back from the back/forward cache: the toolbar count was reset with the navigation.
    if ((e as PageTransitionEvent).persisted) {
      controller.refresh();
      void send({ type: 'pageCount', count: controller.countInFeed }).catch(() => {});
    }
  });
  // Same-document navigations: back/forward, and the Navigation API's `navigate` event where the browser has it
  // (elsewhere the DOM changes that come with a new URL are caught by the controller). `navigate` fires before the
  // URL changes: look in the next frame.
  const onUrlChange = () => apis.requestAnimationFrame(() => controller.checkUrl());
  ctx.addEventListener(window, 'popstate', onUrlChange);
  const navigation = (window as unknown as { navigation?: EventTarget }).navigation;
  if (navigation) ctx.addEventListener(navigation, 'navigate', onUrlChange);

  // The cache changing under an open tab (the first sync, new list dates): badge again with what it holds now.
  const unwatch = watchCacheChanges(ctx.guard(() => controller.feedChanged()));

  ctx.onInvalidated(() => {
    try {
      unwatch();
    } catch {
      // An orphaned run may no longer reach the extension's event: nothing to remove then.
    }
    controller.stop();
  });
  controller.start().catch(warn);
  return ctx;
}

/**
 * The badges' save toggle: saves or un-saves through the background (the only writer of the saved papers) and
 * answers the state it now has. Only the toggle's trusted clicks call it (`lib/badges/save-toggle.ts`).
 */
async function saveFromBadge(id: string, saved: boolean): Promise<boolean> {
  if (saved) return (await send({ type: 'save', id })) !== null;
  await send({ type: 'unsave', ids: [id] });
  return false;
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
export function markFollowedEntries(ctx: Pick<ScriptContext, 'onInvalidated'>): void {
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
