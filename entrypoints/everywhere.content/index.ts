/**
 * Inline badges on every other site, for users who opt in (settings → "badges on all sites", which asks for the
 * optional all-sites permission). Registered at run time by the background, never listed in the manifest, and
 * kept off arXiv (its own content script is there) and the sites the user leaves alone.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startPageBadges } from '../../lib/ext/page-badges';

export default defineContentScript({
  // Empty: the background registers it with the user's granted origins; listing them here would make WXT ask for
  // every site at install.
  matches: [],
  registration: 'runtime',
  runAt: 'document_idle',
  main(ctx: ContentScriptContext) {
    startPageBadges(ctx);
  },
});
