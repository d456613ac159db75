/**
 * The one-off detector the popup injects (`scripting.executeScript`) into a tab that has no Paper Radar content
 * script. It reads the page, returns a `TabScan` without `via`, and leaves nothing behind.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { scanDocument } from '../lib/detect/scan-page';

export default defineUnlistedScript(() => scanDocument(document));
