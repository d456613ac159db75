/** The extension storage items Paper Radar keeps (small state only; papers live in IndexedDB). */
import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS, readSettings, type Settings } from '../settings/settings';
import { INITIAL_STATUS, type SyncStatus } from '../sync/status';
import { SYNC_STATUS_KEY } from './cache-watch';

/** The sync status, written by the background, watched by every page. */
export const syncStatusItem = storage.defineItem<SyncStatus>(`local:${SYNC_STATUS_KEY}`, { fallback: INITIAL_STATUS });

/** The raw settings as stored; read them through `loadSettings`. */
export const settingsItem = storage.defineItem<Settings>('local:settings', { fallback: DEFAULT_SETTINGS });

export async function loadSettings(): Promise<Settings> {
  return readSettings(await settingsItem.getValue());
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = readSettings({ ...(await loadSettings()), ...patch });
  await settingsItem.setValue(next);
  return next;
}
