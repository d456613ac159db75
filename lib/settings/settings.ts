/**
 * User settings, their defaults, their validation (settings come from storage a user or an old version wrote, or
 * from an imported file) and the versioned steps that upgrade an older version's stored settings.
 */
import * as z from 'zod/mini';
import { clampBackfillDays, DEFAULT_SYNC_SETTINGS } from '../sync/plan';

export interface Settings {
  /** List dates kept, back from today. Default 60, 7–730. */
  backfillDays: number;
  /** Minutes between scheduled syncs. Default 60, 15–1440. */
  syncIntervalMinutes: number;
  /** Inline badges on arXiv pages (the manifest's content script). Default true; off takes effect on a page's next load. */
  badgesOnArxiv: boolean;
  /** Inline badges on every site (needs the optional all-sites permission). Default false: arXiv only. */
  badgesEverywhere: boolean;
  /** Hostnames never scanned even with `badgesEverywhere` (`example.com` also covers its subdomains). */
  excludedSites: string[];
  /** The local reading history records nothing while true. Default false. */
  historyPaused: boolean;
  /** On arXiv listings, dim the entries that match no followed keyword (when there are follows). Default false. */
  dimUnfollowed: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  backfillDays: DEFAULT_SYNC_SETTINGS.backfillDays,
  syncIntervalMinutes: 60,
  badgesOnArxiv: true,
  badgesEverywhere: false,
  excludedSites: [],
  historyPaused: false,
  dimUnfollowed: false,
};

const StoredSettingsSchema = z.looseObject({
  backfillDays: z.catch(z.optional(z.number()), undefined),
  syncIntervalMinutes: z.catch(z.optional(z.number()), undefined),
  badgesOnArxiv: z.catch(z.optional(z.boolean()), undefined),
  badgesEverywhere: z.catch(z.optional(z.boolean()), undefined),
  excludedSites: z.catch(z.optional(z.array(z.string())), undefined),
  historyPaused: z.catch(z.optional(z.boolean()), undefined),
  dimUnfollowed: z.catch(z.optional(z.boolean()), undefined),
});

/** Normalizes a hostname entry typed by a user (`https://www.Example.com/x` → `www.example.com`); '' if unusable. */
export function normalizeSite(raw: string): string {
  // The wildcard goes before parsing: Chromium's URL parser keeps `*` as `%2a` in a host (Node's keeps `*`).
  let s = raw
    .trim()
    .toLowerCase()
    .replace(/^([a-z][a-z\d+.-]*:\/\/)?\*\./, '$1');
  if (!s) return '';
  try {
    s = new URL(s.includes('://') ? s : `https://${s}`).hostname;
  } catch {
    return '';
  }
  // `%2a.` is what earlier versions stored for `*.` in Chromium: read back as the site it meant.
  s = s.replace(/^(?:\*|%2a)\./, '').replace(/\.$/, '');
  // No host name has a label over 63 characters or is over 253 in all (RFC 1035, section 2.3.4).
  return s.length > 253 || s.split('.').some((label) => label.length > 63) ? '' : s;
}

/**
 * Settings from whatever storage (or an imported file) holds, of any version: unknown or broken values fall back to
 * the defaults, numbers are clamped to their ranges, sites are normalized and deduplicated. Never throws.
 */
export function readSettings(stored: unknown): Settings {
  const parsed = StoredSettingsSchema.safeParse(stored ?? {});
  const s = parsed.success ? parsed.data : {};
  return {
    backfillDays: clampBackfillDays(s.backfillDays ?? DEFAULT_SETTINGS.backfillDays),
    syncIntervalMinutes: Math.min(
      1440,
      Math.max(15, Math.round(s.syncIntervalMinutes ?? DEFAULT_SETTINGS.syncIntervalMinutes)),
    ),
    badgesOnArxiv: s.badgesOnArxiv ?? DEFAULT_SETTINGS.badgesOnArxiv,
    badgesEverywhere: s.badgesEverywhere ?? DEFAULT_SETTINGS.badgesEverywhere,
    excludedSites: [...new Set((s.excludedSites ?? []).map(normalizeSite).filter(Boolean))],
    historyPaused: s.historyPaused ?? DEFAULT_SETTINGS.historyPaused,
    dimUnfollowed: s.dimUnfollowed ?? DEFAULT_SETTINGS.dimUnfollowed,
  };
}

/** True when `hostname` is one of `excluded` or a subdomain of one. */
export function isExcludedSite(hostname: string, excluded: readonly string[]): boolean {
  const h = hostname.toLowerCase();
  return excluded.some((e) => h === e || h.endsWith(`.${e}`));
}

/**
 * The version of the stored settings item (`local:settings`; WXT keeps the version in `settings$`).
 *
 * - v1 (Paper Radar 0.1, unversioned): `{ backfillDays, syncIntervalMinutes, badgesEverywhere, excludedSites }`;
 *   badges on arXiv were always on.
 * - v2: adds `badgesOnArxiv`.
 */
export const SETTINGS_VERSION = 2;

/**
 * The versioned steps from one stored version to the next (`SETTINGS_MIGRATIONS[n]` turns a v`n-1` value into a
 * v`n` one), in the shape WXT's `storage.defineItem({ version, migrations })` runs them. Each step is idempotent
 * (running it on a value already at its version changes nothing), so a version marker lost with a storage reset
 * cannot undo a user's choice.
 */
export const SETTINGS_MIGRATIONS: Record<number, (stored: unknown) => Settings> = {
  // v1 → v2: arXiv badges were always on in v1, so an upgraded user keeps them (the default) unless a v2 value is
  // already there; everything else is validated and clamped as v1 read it.
  2: (stored) => readSettings(stored),
};
