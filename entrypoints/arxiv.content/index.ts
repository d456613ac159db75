/**
 * Inline badges on arXiv: abstract pages, listings, search results and HTML full text. Thin glue: the loop is
 * `lib/badges/controller.ts`; this file ties it to the content script context (which owns every listener, frame
 * and observer, so all of it dies with the page or an extension update) and to the message protocol.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { ARXIV_MATCHES } from '../../lib/arxiv/hosts';
import { arxivBadgesWanted } from '../../lib/ext/badge-switch';
import { startPageBadges } from '../../lib/ext/page-badges';

export default defineContentScript({
  matches: ARXIV_MATCHES,
  runAt: 'document_idle',
  async main(ctx: ContentScriptContext) {
    // Settings → Badges → "on arXiv" off: nothing at all runs on the page (read at each load, so turning it off
    // takes effect on the next one). The popup then reads the page with its one-off scanner instead.
    if (await arxivBadgesWanted()) startPageBadges(ctx);
  },
});
