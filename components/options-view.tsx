import { useState } from 'preact/hooks';
import { normalizeSite, type Settings } from '../lib/settings/settings';
import type { SyncStatus } from '../lib/sync/status';
import { OptionsPersonal, type OptionsPersonalProps } from './options-personal';
import { CheckboxSetting, NumberSetting, SettingNote } from './setting-fields';
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
  /** Disk space the extension's storage uses (IndexedDB and storage), in bytes; undefined when the browser does not say. */
  storageBytes?: number | undefined;
  /** Empties the cached library (settings stay). Rejects with a message a person can read. */
  onClearCache: () => Promise<void>;
  /** Exports the library and settings to a file; resolves with one sentence on what was saved. */
  onExport: () => Promise<string>;
  /** Imports a file the user picked; resolves with what happened (refused files: `ok: false` and why). */
  onImport: (file: File) => Promise<{ ok: boolean; message: string }>;
  /** The privacy policy page (`privacy.html` in the extension). */
  privacyUrl: string;
  /** The reading history and follows; no such sections without it. */
  personal?: Omit<OptionsPersonalProps, 'settings' | 'onSave'>;
}

/**
 * The settings page: sync status with "sync now", sync window and interval, badges on arXiv and on all sites, sites
 * to leave alone, the library (storage used, export, import, clear the cache) and privacy.
 */
export function OptionsView(props: OptionsViewProps) {
  const { settings, onSave, onBadgesEverywhere, hasAllSitesPermission, status, now, online, onSyncNow, personal } =
    props;
  return (
    <main class="pr-options">
      <h1 class="pr-brand">Paper Radar settings</h1>

      <section class="pr-card-box" aria-labelledby="pr-sync-h">
        <h2 id="pr-sync-h">Sync</h2>
        <div class="pr-statusbar">
          <SyncStatusLine status={status} now={now} online={online} />
          <SyncNowButton busy={status.state === 'syncing'} onClick={onSyncNow} />
        </div>
        <CacheNotices status={status} online={online} now={now} />
        {settings ? (
          <>
            <NumberSetting
              name="backfillDays"
              label="Keep papers listed in the last"
              unit="days"
              min={7}
              max={730}
              value={settings.backfillDays}
              help="7 to 730 days. A longer window takes longer to fill the first time and uses more disk space; a shorter one deletes the papers listed before it at once."
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
          <CheckboxSetting
            name="badgesOnArxiv"
            label="Show badges on arXiv"
            checked={settings.badgesOnArxiv}
            help="A small mark next to each paper of the Daily Papers feed on arXiv abstract, listing and HTML pages. A change applies to the next arXiv page you open or reload. The popup finds the papers of a page either way."
            onChange={(on) => void onSave({ badgesOnArxiv: on })}
          />
          <BadgesEverywhere
            on={settings.badgesEverywhere}
            onToggle={onBadgesEverywhere}
            hasPermission={hasAllSitesPermission}
          />
          <ExcludedSites sites={settings.excludedSites} onSave={(excludedSites) => onSave({ excludedSites })} />
        </section>
      )}

      {settings && personal && <OptionsPersonal settings={settings} onSave={onSave} {...personal} />}

      <LibrarySection
        papers={status.count}
        loaded={status.loaded}
        storageBytes={props.storageBytes}
        onClearCache={props.onClearCache}
        onExport={props.onExport}
        onImport={props.onImport}
      />

      <section class="pr-card-box" aria-labelledby="pr-privacy-h">
        <h2 id="pr-privacy-h">Privacy</h2>
        <p class="pr-privacy">
          Nothing about your browsing leaves your browser. Paper Radar finds papers on the pages you read locally and
          keeps its library on this device. The only network request it makes is for the Hugging Face Daily Papers feed
          (<code>huggingface.co/api/daily_papers</code>), asked by list date — never with a page address, title or paper
          id you visited. It collects nothing and has no account, analytics or ads.{' '}
          <a href={props.privacyUrl} target="_blank" rel="noopener">
            Privacy policy
          </a>
        </p>
        <p class="pr-muted">
          Paper Radar is an independent open-source project, not affiliated with or endorsed by Hugging Face or arXiv.
        </p>
      </section>
    </main>
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
        <SettingNote note={note} />
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
        <SettingNote note={note} />
      </p>
    </div>
  );
}

/** `12.3 MB`-style size of a byte count (decimal units, as browsers show them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = bytes / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

interface LibrarySectionProps {
  papers: number;
  loaded: boolean;
  storageBytes: number | undefined;
  onClearCache: () => Promise<void>;
  onExport: () => Promise<string>;
  onImport: (file: File) => Promise<{ ok: boolean; message: string }>;
}

/** Storage used and papers cached; export, import and "clear the cache" (asked twice: it deletes the library). */
function LibrarySection({ papers, loaded, storageBytes, onClearCache, onExport, onImport }: LibrarySectionProps) {
  const [busy, setBusy] = useState<'' | 'export' | 'import' | 'clear'>('');
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | undefined>(undefined);
  const run = async (what: 'export' | 'import' | 'clear', act: () => Promise<{ ok: boolean; text: string }>) => {
    setBusy(what);
    setNote(undefined);
    try {
      setNote(await act());
    } catch (e) {
      setNote({ ok: false, text: (e as Error).message });
    } finally {
      setBusy('');
    }
  };
  return (
    <section class="pr-card-box" aria-labelledby="pr-library-h">
      <h2 id="pr-library-h">Your library</h2>
      <p data-library="usage">
        {loaded ? `${papers.toLocaleString('en-US')} paper${papers === 1 ? '' : 's'} cached` : 'Counting papers…'}
        {storageBytes !== undefined ? `, using ${formatBytes(storageBytes)} on this device.` : '.'}
      </p>
      <div class="pr-library__actions">
        <button
          type="button"
          class="pr-button"
          name="export"
          disabled={busy !== ''}
          onClick={() => void run('export', async () => ({ ok: true, text: await onExport() }))}
        >
          {busy === 'export' ? 'Exporting…' : 'Export to a file'}
        </button>
        <label class={`pr-button${busy !== '' ? ' pr-button--disabled' : ''}`}>
          {busy === 'import' ? 'Importing…' : 'Import a file…'}
          <input
            type="file"
            name="import"
            accept=".json,application/json"
            class="pr-sr-only"
            disabled={busy !== ''}
            onChange={(e) => {
              const input = e.currentTarget;
              const file = input.files?.[0];
              input.value = '';
              if (file) {
                void run('import', async () => {
                  const r = await onImport(file);
                  return { ok: r.ok, text: r.message };
                });
              }
            }}
          />
        </label>
        {confirming ? (
          <span class="pr-library__confirm">
            <span>
              Delete the {papers.toLocaleString('en-US')} cached papers? Your reading history, saved papers and follows
              stay.
            </span>{' '}
            <button
              type="button"
              class="pr-button pr-button--danger"
              name="clear-cache-confirm"
              onClick={() => {
                setConfirming(false);
                void run('clear', async () => {
                  await onClearCache();
                  return { ok: true, text: 'The cache is empty. The next sync fetches the papers again.' };
                });
              }}
            >
              Delete
            </button>{' '}
            <button type="button" class="pr-button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </span>
        ) : (
          <button
            type="button"
            class="pr-button"
            name="clear-cache"
            disabled={busy !== ''}
            onClick={() => setConfirming(true)}
          >
            {busy === 'clear' ? 'Clearing…' : 'Clear the cache'}
          </button>
        )}
      </div>
      {note && (
        <p
          class={`pr-notice${note.ok ? '' : ' pr-notice--error'}`}
          role={note.ok ? 'status' : 'alert'}
          data-library="note"
        >
          {note.text}
        </p>
      )}
      <p class="pr-help pr-muted">
        An export is one JSON file with the cached papers and these settings. Importing merges it into the library by
        paper: newer information is kept, nothing is deleted, and a file that is not a Paper Radar export is refused
        without changing anything.
      </p>
    </section>
  );
}
