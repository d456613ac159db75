/**
 * Registers or removes the all-sites badge content script to match the settings and the permission the user
 * granted. Idempotent: call it whenever either may have changed.
 */
import { browser } from 'wxt/browser';
import { ARXIV_MATCHES } from '../arxiv/hosts';
import type { Settings } from '../settings/settings';
import { BADGE_SCRIPTS } from './badge-scripts';

export const EVERYWHERE_SCRIPT_ID = 'paper-radar-everywhere';
export const ALL_SITES = ['*://*/*'];

/** Match patterns that keep the script off `sites` and their subdomains, and off arXiv. */
export function excludeMatchesFor(sites: readonly string[]): string[] {
  return [...ARXIV_MATCHES, ...sites.flatMap((s) => [`*://${s}/*`, `*://*.${s}/*`])];
}

export async function syncEverywhereScript(settings: Settings): Promise<'registered' | 'removed'> {
  const granted = await browser.permissions.contains({ origins: ALL_SITES });
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [EVERYWHERE_SCRIPT_ID] });
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [EVERYWHERE_SCRIPT_ID] });
  if (!settings.badgesEverywhere || !granted) return 'removed';
  await browser.scripting.registerContentScripts([
    {
      id: EVERYWHERE_SCRIPT_ID,
      matches: ALL_SITES,
      excludeMatches: excludeMatchesFor(settings.excludedSites),
      js: [BADGE_SCRIPTS.everywhere],
      runAt: 'document_idle',
      persistAcrossSessions: true,
    },
  ]);
  return 'registered';
}
