/**
 * Inline badges on every other site, for users who opt in (settings → "badges on all sites", which asks for the
 * optional all-sites permission). Registered at run time by the background (`lib/ext/everywhere.ts`), never listed
 * in the manifest, and kept off arXiv (its own script is there) and the sites the user leaves alone. A plain
 * script for the reason `arxiv-badges.ts` gives.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startPageBadges } from '../lib/ext/page-badges';

export default defineUnlistedScript(() => startPageBadges('everywhere'));
