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
import { markFollowedEntries, recordArxivVisit, startPageBadges } from '../lib/ext/page-badges';

// The visit goes to the local reading history (which has its own pause). Settings → Badges → "on arXiv" off: no
// badge and no follow mark is placed (read at each load, so turning it off takes effect on the next one); the popup
// then reads the page with its one-off scanner instead.
export default defineUnlistedScript(() => {
  recordArxivVisit();
  void arxivBadgesWanted().then((wanted) => {
    if (wanted) markFollowedEntries(startPageBadges('arxiv'));
  });
});
