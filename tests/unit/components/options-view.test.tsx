// @vitest-environment happy-dom
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OptionsView, type OptionsViewProps } from '../../../components/options-view';
import { useSettings } from '../../../hooks/use-settings';
import { loadSettings, settingsItem } from '../../../lib/ext/storage';
import type { Settings } from '../../../lib/settings/settings';
import { click, commit, HOSTILE, idle, mount, settle, typeInto, type Mounted } from './helpers';

/**
 * The options page as it is wired: the real `useSettings` hook (which saves through `saveSettings`, validating and
 * clamping) over extension storage (`fakeBrowser`), feeding `OptionsView`. `saves` records each patch the view asked
 * to save; `stored()` reads what storage really holds.
 */
async function mountOptions(over: Partial<OptionsViewProps> = {}, initial: Partial<Settings> = {}) {
  if (Object.keys(initial).length > 0) await settingsItem.setValue({ ...(await loadSettings()), ...initial });
  const saves: Partial<Settings>[] = [];
  function Page() {
    const { settings, save } = useSettings();
    return (
      <OptionsView
        settings={settings}
        onSave={(patch) => {
          saves.push(patch);
          return save(patch);
        }}
        onBadgesEverywhere={vi.fn(async () => false)}
        status={idle()}
        now={Date.UTC(2026, 7, 7, 12, 5)}
        online={true}
        onSyncNow={vi.fn()}
        onClearCache={vi.fn(async () => undefined)}
        onExport={vi.fn(async () => 'Exported.')}
        onImport={vi.fn(async () => ({ ok: true, message: 'Imported.' }))}
        privacyUrl="privacy.html"
        {...over}
      />
    );
  }
  const view: Mounted = await mount(<Page />);
  // The hook reads storage asynchronously: wait for the form to show the stored values.
  await vi.waitFor(() => view.one('input[name="backfillDays"]'));
  return { view, saves, stored: () => settingsItem.getValue() };
}

beforeEach(() => {
  fakeBrowser.reset();
});

let m: Mounted | undefined;
afterEach(() => {
  m?.unmount();
  m = undefined;
});

describe('OptionsView', () => {
  it('has the sync status line and the contract sync-now button', async () => {
    const onSyncNow = vi.fn();
    ({ view: m } = await mountOptions({ onSyncNow }));
    expect(m.one('[data-paper-radar="sync-status"]').getAttribute('data-state')).toBe('idle');
    await click(m.one('[data-paper-radar="sync-now"]'));
    expect(onSyncNow).toHaveBeenCalledTimes(1);
  });

  it('saves a new backfill window when the field is committed', async () => {
    const r = await mountOptions();
    m = r.view;
    const input = m.one('input[name="backfillDays"]') as HTMLInputElement;
    expect(input.value).toBe('60');
    await commit(input, '30');
    await settle();
    expect(r.saves).toEqual([{ backfillDays: 30 }]);
    await vi.waitFor(() => expect(m!.container.textContent).toContain('Saved.'));
    expect((await r.stored()).backfillDays).toBe(30);
  });

  it('clamps an out-of-range window and says what was stored', async () => {
    const r = await mountOptions();
    m = r.view;
    const input = m.one('input[name="backfillDays"]') as HTMLInputElement;
    await commit(input, '5000');
    await vi.waitFor(() => expect(m!.container.textContent).toContain('Saved as 730 (the range is 7–730).'));
    expect((await r.stored()).backfillDays).toBe(730);
    expect(input.value).toBe('730');
  });

  it('does not save a field left empty', async () => {
    const r = await mountOptions();
    m = r.view;
    const input = m.one('input[name="syncIntervalMinutes"]') as HTMLInputElement;
    await commit(input, '');
    await settle();
    expect(r.saves).toEqual([]);
    expect(input.value).toBe('60');
    expect((await r.stored()).syncIntervalMinutes).toBe(60);
  });

  it('saves the sync interval', async () => {
    const r = await mountOptions();
    m = r.view;
    await commit(m.one('input[name="syncIntervalMinutes"]') as HTMLInputElement, '240');
    await vi.waitFor(async () => expect((await r.stored()).syncIntervalMinutes).toBe(240));
    expect(r.saves).toEqual([{ syncIntervalMinutes: 240 }]);
  });

  it('asks for badges everywhere and keeps the box clear when the permission is refused', async () => {
    const onBadgesEverywhere = vi.fn(async () => false);
    ({ view: m } = await mountOptions({ onBadgesEverywhere }));
    const box = m.one('input[name="badgesEverywhere"]') as HTMLInputElement;
    await click(box);
    await settle();
    expect(onBadgesEverywhere).toHaveBeenCalledExactlyOnceWith(true);
    expect(box.checked).toBe(false);
    expect(m.container.textContent).toContain('Permission not granted');
  });

  it('turns badges everywhere off', async () => {
    const onBadgesEverywhere = vi.fn(async () => true);
    ({ view: m } = await mountOptions({ onBadgesEverywhere }, { badgesEverywhere: true }));
    const box = m.one('input[name="badgesEverywhere"]') as HTMLInputElement;
    expect(box.checked).toBe(true);
    await click(box);
    await settle();
    expect(onBadgesEverywhere).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('adds a site to leave alone, normalized, and removes it', async () => {
    const r = await mountOptions();
    m = r.view;
    const input = m.one('input[name="site"]') as HTMLInputElement;
    await typeInto(input, 'https://www.Example.com/some/page');
    await click(m.one('.pr-sites__add button[type="submit"]'));
    await vi.waitFor(() => m!.one('[data-site="www.example.com"]'));
    expect((await r.stored()).excludedSites).toEqual(['www.example.com']);
    expect(m.all('[data-site]').map((li) => li.getAttribute('data-site'))).toEqual(['www.example.com']);
    await click(m.one('[data-site="www.example.com"] button'));
    await vi.waitFor(() => expect(m!.all('[data-site]')).toEqual([]));
    expect((await r.stored()).excludedSites).toEqual([]);
  });

  it('rejects what is not a site name', async () => {
    const r = await mountOptions();
    m = r.view;
    await typeInto(m.one('input[name="site"]') as HTMLInputElement, 'http://');
    await click(m.one('.pr-sites__add button[type="submit"]'));
    await settle();
    expect(r.saves).toEqual([]);
    expect(m.container.textContent).toContain('Enter a site such as example.com.');
  });

  it('states what leaves the browser', async () => {
    ({ view: m } = await mountOptions());
    const privacy = m.one('.pr-privacy').textContent ?? '';
    expect(privacy).toContain('Nothing about your browsing leaves your browser');
    expect(privacy).toContain('huggingface.co/api/daily_papers');
  });

  it('links the privacy policy and says it is not affiliated with Hugging Face', async () => {
    ({ view: m } = await mountOptions());
    expect(m.one('a[href="privacy.html"]').textContent).toBe('Privacy policy');
    expect(m.container.textContent).toContain('not affiliated with or endorsed by Hugging Face');
  });

  it('turns badges on arXiv off and on, stored', async () => {
    const r = await mountOptions();
    m = r.view;
    const box = m.one('input[name="badgesOnArxiv"]') as HTMLInputElement;
    expect(box.checked).toBe(true);
    await click(box);
    await vi.waitFor(async () => expect((await r.stored()).badgesOnArxiv).toBe(false));
    await click(box);
    await vi.waitFor(async () => expect((await r.stored()).badgesOnArxiv).toBe(true));
  });

  it('shows papers cached and storage used', async () => {
    ({ view: m } = await mountOptions({ status: idle(1234), storageBytes: 12_345_678 }));
    expect(m.one('[data-library="usage"]').textContent).toBe('1,234 papers cached, using 12 MB on this device.');
  });

  it('clears the cache only after a second, explicit click', async () => {
    const onClearCache = vi.fn(async () => undefined);
    ({ view: m } = await mountOptions({ onClearCache, status: idle(40) }));
    await click(m.one('button[name="clear-cache"]'));
    expect(onClearCache).not.toHaveBeenCalled();
    expect(m.container.textContent).toContain('Delete the 40 cached papers?');
    await click(m.one('button[name="clear-cache-confirm"]'));
    await settle();
    expect(onClearCache).toHaveBeenCalledTimes(1);
    expect(m.one('[data-library="note"]').textContent).toContain('The cache is empty');
  });

  it('shows why an import was refused, as text', async () => {
    const onImport = vi.fn(async () => ({ ok: false, message: `The file is damaged: ${HOSTILE}` }));
    ({ view: m } = await mountOptions({ onImport }));
    const input = m.one('input[name="import"]') as HTMLInputElement;
    const file = new File(['{}'], 'x.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => m!.one('[data-library="note"]'));
    expect(onImport).toHaveBeenCalledExactlyOnceWith(file);
    const note = m.one('[data-library="note"]');
    expect(note.getAttribute('role')).toBe('alert');
    expect(note.textContent).toBe(`The file is damaged: ${HOSTILE}`);
    expect(m.container.querySelector('img')).toBeNull();
  });

  it('says what an export saved', async () => {
    const onExport = vi.fn(async () => 'Exported 3 papers and the settings to paper-radar-2026-08-07.json.');
    ({ view: m } = await mountOptions({ onExport }));
    await click(m.one('button[name="export"]'));
    await vi.waitFor(() => expect(m!.one('[data-library="note"]').textContent).toContain('Exported 3 papers'));
  });
});
