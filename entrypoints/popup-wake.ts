/**
 * The popup's first script, a classic one in its `<head>` (entrypoints/popup/index.html): asks the background for
 * the sync status at once, while the popup's module graph is still loading. A stopped service worker — the usual
 * case, as the browser stops an idle one after ~30 s — starts on a page's first message, and its start (bundle
 * evaluation, the database open, the related index read) then overlaps the popup's own start-up instead of
 * following it (measured: ~150 ms on a quiet machine, BENCHMARKS.md). The answer is not used; the popup asks again.
 */
import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { Request } from '../lib/ext/protocol';

export default defineUnlistedScript(() => {
  const wake: Request = { type: 'status' };
  void browser.runtime.sendMessage(wake).catch(() => undefined);
});
