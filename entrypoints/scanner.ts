/**
 * The one-off detector the popup injects (`scripting.executeScript`) into a tab that has no Paper Radar content
 * script. It reads the page as it is now, asks the background for the cached titles in its text, returns a
 * `TabScan` without `via`, and leaves nothing behind.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { scanDocument } from '../lib/detect/scan-page';
import { matchTitlesInBackground } from '../lib/ext/tab-scan';

export default defineUnlistedScript(() => scanDocument(document, location.href, matchTitlesInBackground));
