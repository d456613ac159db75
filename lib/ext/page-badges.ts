/**
 * Starts inline badges in a content script: shared by the arXiv script and the opt-in all-sites one.
 *
 * Nothing here tells the page the extension is there before a badge is placed: no event, message, attribute or
 * resource (see `script-context.ts`). The browser APIs the loop needs are captured first thing (`capturePageApis`).
 * Catches at the edge: a failure is logged once, tagged, and never thrown into the page; a run whose extension
 * was reloaded or removed stops without a word.
 */
import { browser } from 'wxt/browser';
import { BadgeController } from '../badges/controller';
import { capturePageApis } from '../badges/page-apis';
import { scanDocument } from '../detect/scan-page';
import { send } from './messaging';
import { startScriptContext } from './script-context';
import { SCAN_MESSAGE } from './tab-scan';
import type { BadgeScriptName } from './badge-scripts';

/** Runs the badge loop of content script `name` in this page, replacing a previous run of it. */
export function startPageBadges(name: BadgeScriptName): void {
  const captured = capturePageApis(window);
  const doc = document;
  const url = location.href;
  const ctx = startScriptContext(name);
  // Every callback the loop schedules runs only while this run is valid (and stops it once the extension is gone).
  const apis = {
    ...captured,
    requestAnimationFrame: (cb: () => void) => captured.requestAnimationFrame(ctx.guard(cb)),
  };
  const run = Math.random().toString(36).slice(2, 10);
  const log = (e: unknown) => {
    if (ctx.isValid) console.warn('[paper-radar] badges:', e);
  };
  const controller = new BadgeController({
    doc,
    url,
    run,
    apis,
    lookup: (ids) => send({ type: 'lookup', ids }),
    report: (count) => void send({ type: 'pageCount', count }).catch(() => {}),
    frame: apis.requestAnimationFrame,
    onError: log,
  });

  // The popup asks this page what it refers to.
  const onMessage = (message: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
    if ((message as { type?: string } | null)?.type !== SCAN_MESSAGE || !ctx.isValid) return false;
    try {
      sendResponse(scanDocument(doc, location.href));
    } catch (e) {
      log(e);
      sendResponse(undefined);
    }
    return false;
  };
  browser.runtime.onMessage.addListener(onMessage);

  ctx.addEventListener(window, 'pageshow', (e) => {
    // Back from the back/forward cache: the toolbar count was reset with the navigation.
    if ((e as PageTransitionEvent).persisted) {
      controller.refresh();
      void send({ type: 'pageCount', count: controller.countInFeed }).catch(() => {});
    }
  });
  ctx.onInvalidated(() => {
    try {
      browser.runtime.onMessage.removeListener(onMessage);
    } catch {
      // An orphaned run may no longer reach the extension's event: nothing to remove then.
    }
    controller.stop();
  });
  controller.start().catch(log);
}
