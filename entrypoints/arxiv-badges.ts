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
import { startPageBadges } from '../lib/ext/page-badges';

export default defineUnlistedScript(() => startPageBadges('arxiv'));
