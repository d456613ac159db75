/**
 * The settings item as extension storage holds it (WXT's `fakeBrowser`): the round trip through `saveSettings` /
 * `loadSettings`, the upgrade of the shape Paper Radar 0.1 stored (unversioned, no `badgesOnArxiv`), and the
 * content scripts' own read of the arXiv switch.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { arxivBadgesWanted, SETTINGS_KEY } from '../../../lib/ext/badge-switch';
import { loadSettings, saveSettings, settingsItem } from '../../../lib/ext/storage';
import { DEFAULT_SETTINGS, SETTINGS_VERSION } from '../../../lib/settings/settings';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('the settings item', () => {
  it('round-trips every setting, clamped and normalized', async () => {
    const saved = await saveSettings({
      backfillDays: 3,
      syncIntervalMinutes: 90,
      badgesOnArxiv: false,
      badgesEverywhere: true,
      excludedSites: ['https://Mail.Example.com/inbox', 'mail.example.com'],
    });
    expect(saved).toEqual({
      backfillDays: 7,
      syncIntervalMinutes: 90,
      badgesOnArxiv: false,
      badgesEverywhere: true,
      excludedSites: ['mail.example.com'],
      historyPaused: false,
      dimUnfollowed: false,
    });
    expect(await loadSettings()).toEqual(saved);
    // A partial save keeps the rest.
    expect(await saveSettings({ backfillDays: 730 })).toEqual({ ...saved, backfillDays: 730 });
  });

  it('gives the defaults on a fresh install', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('upgrades the unversioned 0.1 shape: every choice kept, arXiv badges on, version recorded', async () => {
    const v1 = { backfillDays: 120, syncIntervalMinutes: 30, badgesEverywhere: true, excludedSites: ['x.com'] };
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: v1 });
    await settingsItem.migrate();
    const stored = await fakeBrowser.storage.local.get([SETTINGS_KEY, `${SETTINGS_KEY}$`]);
    const upgraded = { ...v1, badgesOnArxiv: true, historyPaused: false, dimUnfollowed: false };
    expect(stored[SETTINGS_KEY]).toEqual(upgraded);
    expect(stored[`${SETTINGS_KEY}$`]).toEqual({ v: SETTINGS_VERSION });
    expect(await loadSettings()).toEqual(upgraded);
  });

  it('upgrades a damaged 0.1 value to valid settings instead of failing', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { backfillDays: 'many', syncIntervalMinutes: 5 } });
    await settingsItem.migrate();
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, syncIntervalMinutes: 15 });
  });
});

describe('arxivBadgesWanted (the content script’s read)', () => {
  it('is on for a fresh install and for 0.1 settings, off only when switched off', async () => {
    expect(await arxivBadgesWanted()).toBe(true);
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { backfillDays: 60 } });
    expect(await arxivBadgesWanted()).toBe(true);
    await saveSettings({ badgesOnArxiv: false });
    expect(await arxivBadgesWanted()).toBe(false);
    await saveSettings({ badgesOnArxiv: true });
    expect(await arxivBadgesWanted()).toBe(true);
  });
});
