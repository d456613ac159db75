/**
 * Whether the user wants inline badges on arXiv, as a content script can tell: it reads the stored settings from
 * `storage.local` directly, because the settings module (`lib/settings`) and WXT's storage wrapper bring Zod, which
 * must stay out of the bundles injected into pages.
 */
import { browser } from 'wxt/browser';

/** The `storage.local` key of the settings (`settingsItem` in `storage.ts` is `local:` + this). */
export const SETTINGS_KEY = 'settings';

/**
 * True unless the stored settings say `badgesOnArxiv: false`: nothing stored (a fresh install), an older version's
 * settings (which had no such switch: badges were always on), an unreadable value or a storage error all mean on.
 */
export async function arxivBadgesWanted(): Promise<boolean> {
  try {
    const stored: Record<string, unknown> = await browser.storage.local.get(SETTINGS_KEY);
    const settings = stored[SETTINGS_KEY];
    return !(settings && typeof settings === 'object' && (settings as Record<string, unknown>).badgesOnArxiv === false);
  } catch {
    return true;
  }
}
