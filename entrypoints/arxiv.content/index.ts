/**
 * Inline badges on arXiv: abstract pages, listings, search results and HTML full text. Thin glue: the loop is
 * `lib/badges/controller.ts`; this file ties it to the content script context (which owns every listener, frame
 * and observer, so all of it dies with the page or an extension update) and to the message protocol.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { ARXIV_MATCHES } from '../../lib/arxiv/hosts';
import { markFollowedEntries, recordArxivVisit, startPageBadges } from '../../lib/ext/page-badges';

export default defineContentScript({
  matches: ARXIV_MATCHES,
  runAt: 'document_idle',
  main(ctx: ContentScriptContext) {
    startPageBadges(ctx);
    recordArxivVisit();
    markFollowedEntries(ctx);
  },
});
