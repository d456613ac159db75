/**
 * Inline badges on arXiv: abstract pages, listings, search results and HTML full text. Thin glue over
 * `lib/ext/page-badges.ts`.
 *
 * A plain script, not a WXT content script: WXT's content-script wrapper announces every start to the page (an
 * event and a `postMessage` carrying the extension id), which lets any page tell that Paper Radar is installed and
 * stop it by replaying the message. `wxt.config.ts` lists this file in the manifest's `content_scripts` for
 * `ARXIV_MATCHES` at `document_idle`; the background injects it again into open arXiv tabs after an update.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { arxivBadgesWanted } from '../lib/ext/badge-switch';
import { startPageBadges } from '../lib/ext/page-badges';

// Settings → Badges → "on arXiv" off: nothing at all runs on the page (read at each load, so turning it off takes
// effect on the next one). The popup then reads the page with its one-off scanner instead.
export default defineUnlistedScript(() => {
  void arxivBadgesWanted().then((wanted) => {
    if (wanted) startPageBadges('arxiv');
  });
});
