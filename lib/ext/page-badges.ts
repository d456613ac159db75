/**
 * Starts inline badges in a content script: shared by the arXiv content script and the opt-in all-sites one.
 * Catches at the edge: a failure is logged once, tagged, and never thrown into the page.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { BadgeController } from '../badges/controller';
import { scanDocument } from '../detect/scan-page';
import { log } from '../log';
import { send } from './messaging';
import { SCAN_MESSAGE } from './tab-scan';

const badgeLog = log.child('badges');

export function startPageBadges(ctx: ContentScriptContext): void {
  const run = Math.random().toString(36).slice(2, 10);
  const warn = (e: unknown) => badgeLog.warn('failed', e);
  const controller = new BadgeController({
    doc: document,
    url: location.href,
    run,
    lookup: (ids) => send({ type: 'lookup', ids }),
    report: (count) => void send({ type: 'pageCount', count }).catch(() => {}),
    frame: (cb) => ctx.requestAnimationFrame(cb),
    onError: warn,
  });

  // The popup asks this page what it refers to.
  const onMessage = (message: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
    if ((message as { type?: string } | null)?.type !== SCAN_MESSAGE) return false;
    try {
      sendResponse(scanDocument(document, location.href));
    } catch (e) {
      warn(e);
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
    browser.runtime.onMessage.removeListener(onMessage);
    controller.stop();
  });
  controller.start().catch(warn);
}
