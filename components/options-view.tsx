import { useEffect, useState } from 'preact/hooks';
import { normalizeSite, type Settings } from '../lib/settings/settings';
import type { SyncStatus } from '../lib/sync/status';
import { OptionsPersonal, type OptionsPersonalProps } from './options-personal';
import { CacheNotices, SyncNowButton, SyncStatusLine } from './sync-status';

export interface OptionsViewProps {
  /** Undefined while loading. */
  settings: Settings | undefined;
  /** Saves a change; resolves with what was stored (numbers clamped). */
  onSave: (patch: Partial<Settings>) => Promise<Settings>;
  /**
   * Turns badges on every site on or off. Turning on asks for the all-sites permission, so it must be called
   * straight from the click; resolves false when the permission was refused (nothing saved).
   */
  onBadgesEverywhere: (on: boolean) => Promise<boolean>;
  /** False when badges everywhere is on but the permission was taken back; undefined when unknown. */
  hasAllSitesPermission?: boolean | undefined;
  status: SyncStatus & { loaded: boolean };
  now: number;
  online: boolean;
  onSyncNow: () => void;
  /** The reading history and follows; no such sections without it. */
  personal?: Omit<OptionsPersonalProps, 'settings' | 'onSave'>;
}

/** The settings page: sync window and interval, badges everywhere, sites to leave alone, sync status, privacy. */
export function OptionsView(props: OptionsViewProps) {
  const { settings, onSave, onBadgesEverywhere, hasAllSitesPermission, status, now, online, onSyncNow, personal } =
    props;
  return (
    <main class="pr-options">
      <h1 class="pr-brand">Paper Radar settings</h1>

      <section class="pr-card-box" aria-labelledby="pr-sync-h">
        <h2 id="pr-sync-h">Sync</h2>
        <div class="pr-statusbar">
          <SyncStatusLine status={status} now={now} />
          <SyncNowButton busy={status.state === 'syncing'} onClick={onSyncNow} />
        </div>
        <CacheNotices status={status} online={online} />
        {settings ? (
          <>
            <NumberSetting
              name="backfillDays"
              label="Keep papers listed in the last"
              unit="days"
              min={7}
              max={730}
              value={settings.backfillDays}
              help="7 to 730 days. A longer window takes longer to fill the first time and uses more disk space."
              onSave={async (n) => (await onSave({ backfillDays: n })).backfillDays}
            />
            <NumberSetting
              name="syncIntervalMinutes"
              label="Check for new papers every"
              unit="minutes"
              min={15}
              max={1440}
              value={settings.syncIntervalMinutes}
              help="15 to 1440 minutes (one day). A day's list grows until evening, and its upvotes keep moving for days."
              onSave={async (n) => (await onSave({ syncIntervalMinutes: n })).syncIntervalMinutes}
            />
          </>
        ) : (
          <p class="pr-notice">Loading settings…</p>
        )}
      </section>

      {settings && (
        <section class="pr-card-box" aria-labelledby="pr-badges-h">
          <h2 id="pr-badges-h">Badges</h2>
          <BadgesEverywhere
            on={settings.badgesEverywhere}
            onToggle={onBadgesEverywhere}
            hasPermission={hasAllSitesPermission}
          />
          <ExcludedSites sites={settings.excludedSites} onSave={(excludedSites) => onSave({ excludedSites })} />
        </section>
      )}

      {settings && personal && <OptionsPersonal settings={settings} onSave={onSave} {...personal} />}

      <section class="pr-card-box" aria-labelledby="pr-privacy-h">
        <h2 id="pr-privacy-h">Privacy</h2>
        <p class="pr-privacy">
          Nothing about your browsing leaves your browser. Paper Radar finds papers on the pages you read locally and
          keeps its library on this device. The only network request it makes is for the Hugging Face Daily Papers feed
          (<code>huggingface.co/api/daily_papers</code>), asked by list date — never with a page address, title or paper
          id you visited.
        </p>
      </section>
    </main>
  );
}

interface NumberSettingProps {
  name: string;
  label: string;
  unit: string;
  min: number;
  max: number;
  value: number;
  help: string;
  onSave: (n: number) => Promise<number>;
}

/** A number field saved when it is committed (Enter or leaving the field); out-of-range values are clamped. */
export function NumberSetting({ name, label, unit, min, max, value, help, onSave }: NumberSettingProps) {
  const [draft, setDraft] = useState(String(value));
  const [note, setNote] = useState('');
  useEffect(() => setDraft(String(value)), [value]);
  // Reads the field itself: `change` can follow `input` before the draft state has re-rendered.
  const commit = async (raw: string) => {
    setDraft(raw);
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) {
      setDraft(String(value));
      setNote(`Enter a number from ${min} to ${max}.`);
      return;
    }
    if (n === value) return;
    try {
      const saved = await onSave(n);
      setDraft(String(saved));
      setNote(saved === n ? 'Saved.' : `Saved as ${saved} (the range is ${min}–${max}).`);
    } catch (e) {
      setNote(`Not saved: ${(e as Error).message}`);
    }
  };
  const id = `pr-setting-${name}`;
  return (
    <form
      class="pr-setting"
      onSubmit={(e) => {
        e.preventDefault();
        const field = e.currentTarget.elements.namedItem(name);
        void commit(field instanceof HTMLInputElement ? field.value : draft);
      }}
    >
      <label for={id}>{label}</label>
      <span class="pr-setting__input">
        <input
          id={id}
          name={name}
          class="pr-input"
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          value={draft}
          onInput={(e) => setDraft(e.currentTarget.value)}
          onChange={(e) => void commit(e.currentTarget.value)}
        />{' '}
        {unit}
      </span>
      <p class="pr-help pr-muted">
        {help}
        {note && (
          <span class="pr-setting__note" role="status">
            {' '}
            {note}
          </span>
        )}
      </p>
    </form>
  );
}

function BadgesEverywhere({
  on,
  onToggle,
  hasPermission,
}: {
  on: boolean;
  onToggle: (on: boolean) => Promise<boolean>;
  hasPermission: boolean | undefined;
}) {
  const [pending, setPending] = useState(false);
  const [note, setNote] = useState('');
  return (
    <div class="pr-setting">
      <label class="pr-check">
        <input
          type="checkbox"
          name="badgesEverywhere"
          checked={on}
          disabled={pending}
          onChange={(e) => {
            const want = e.currentTarget.checked;
            // Put the box back until the change is stored: the settings decide what it shows.
            e.currentTarget.checked = on;
            setPending(true);
            setNote('');
            onToggle(want).then(
              (ok) => {
                setPending(false);
                if (!ok) setNote('Permission not granted: badges stay on arXiv only.');
              },
              (err: unknown) => {
                setPending(false);
                setNote(`Not changed: ${(err as Error).message}`);
              },
            );
          }}
        />
        Show badges on all sites
      </label>
      <p class="pr-help pr-muted">
        Off: badges on arXiv pages only. On: Paper Radar asks your browser for access to all sites, so it can mark
        papers wherever you read. Pages are still read only on this device.
        {on && hasPermission === false && (
          <span class="pr-setting__note"> The browser no longer grants access to all sites; turn this off and on.</span>
        )}
        {note && (
          <span class="pr-setting__note" role="status">
            {' '}
            {note}
          </span>
        )}
      </p>
    </div>
  );
}

/** The sites never scanned, with add and remove. */
export function ExcludedSites({ sites, onSave }: { sites: readonly string[]; onSave: (sites: string[]) => unknown }) {
  const [draft, setDraft] = useState('');
  const [note, setNote] = useState('');
  const add = () => {
    const site = normalizeSite(draft);
    if (!site) {
      setNote('Enter a site such as example.com.');
      return;
    }
    setDraft('');
    if (sites.includes(site)) {
      setNote(`${site} is already on the list.`);
      return;
    }
    setNote('');
    void onSave([...sites, site]);
  };
  return (
    <div class="pr-setting pr-sites">
      <h3 class="pr-section__title">Sites to leave alone</h3>
      {sites.length === 0 ? (
        <p class="pr-muted">None. Paper Radar shows badges on every page it may read.</p>
      ) : (
        <ul class="pr-list pr-sites__list">
          {sites.map((s) => (
            <li key={s} class="pr-sites__item" data-site={s}>
              <span>{s}</span>
              <button
                type="button"
                class="pr-button pr-button--link"
                aria-label={`Remove ${s}`}
                onClick={() => void onSave(sites.filter((x) => x !== s))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        class="pr-sites__add"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <input
          class="pr-input"
          type="text"
          name="site"
          aria-label="Site to leave alone"
          placeholder="example.com"
          value={draft}
          onInput={(e) => setDraft(e.currentTarget.value)}
        />
        <button type="submit" class="pr-button">
          Add
        </button>
      </form>
      <p class="pr-help pr-muted">
        A site covers its subdomains too.
        {note && (
          <span class="pr-setting__note" role="status">
            {' '}
            {note}
          </span>
        )}
      </p>
    </div>
  );
}
