/** A Preact hook over the stored settings: the current value, kept live, and a way to save a change. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { readSettings, type Settings } from '../lib/settings/settings';
import { saveSettings, settingsItem } from '../lib/ext/storage';

export interface SettingsState {
  /** Undefined until loaded. */
  settings?: Settings;
  /** Saves `patch` (validated and clamped by `readSettings`) and returns what was stored. */
  save: (patch: Partial<Settings>) => Promise<Settings>;
}

export function useSettings(): SettingsState {
  const [settings, setSettings] = useState<Settings | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void settingsItem.getValue().then((s) => live && setSettings(readSettings(s)));
    const unwatch = settingsItem.watch((s) => live && setSettings(readSettings(s)));
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  const save = useCallback(async (patch: Partial<Settings>) => {
    const next = await saveSettings(patch);
    setSettings(next);
    return next;
  }, []);
  return settings ? { settings, save } : { save };
}
