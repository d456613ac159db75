/** The extension storage items Paper Radar keeps (small state only; papers live in IndexedDB). */
import { storage } from 'wxt/utils/storage';
import {
  DEFAULT_SETTINGS,
  readSettings,
  SETTINGS_MIGRATIONS,
  SETTINGS_VERSION,
  type Settings,
} from '../settings/settings';
import { SETTINGS_KEY } from './badge-switch';

export { syncStatusItem } from './sync-status-item';

/**
 * The settings: one versioned item (`SETTINGS_VERSION`). An older version's value is upgraded by the steps of
 * `SETTINGS_MIGRATIONS` as soon as this module loads (WXT runs them, and every read waits for them). Read it through
 * `loadSettings`, which also validates what it finds.
 */
export const settingsItem = storage.defineItem<Settings>(`local:${SETTINGS_KEY}`, {
  fallback: DEFAULT_SETTINGS,
  version: SETTINGS_VERSION,
  migrations: SETTINGS_MIGRATIONS,
});

/** The stored settings, validated and clamped (`readSettings`). */
export async function loadSettings(): Promise<Settings> {
  return readSettings(await settingsItem.getValue());
}

/** Stores `patch` over the current settings (validated and clamped) and returns what was stored. */
export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = readSettings({ ...(await loadSettings()), ...patch });
  await settingsItem.setValue(next);
  return next;
}

/**
 * The index files' quick stamps (`QuickStamps` in search-service.ts): one small item per file, read by a woken
 * worker long before its database is open.
 */
export const quickStamps = {
  get: async (name: string): Promise<string | undefined> =>
    (await storage.getItem<string>(`local:indexFileStamp:${name}`)) ?? undefined,
  set: async (name: string, stamp: string | undefined): Promise<void> => {
    if (stamp === undefined) await storage.removeItem(`local:indexFileStamp:${name}`);
    else await storage.setItem(`local:indexFileStamp:${name}`, stamp);
  },
};
