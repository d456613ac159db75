/** The options page: wiring only (the view is components/options-view.tsx). */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsView } from '../../components/options-view';
import type { StoreName, StoreRecords } from '../../lib/db/backup';
import { describeExport, describeImport, exportLibrary, importLibrary } from '../../lib/backup/transfer';
import { ALL_SITES } from '../../lib/ext/everywhere';
import { send } from '../../lib/ext/messaging';
import { loadSettings, saveSettings } from '../../lib/ext/storage';
import { useLoadable } from '../../hooks/use-loadable';
import { usePageChrome } from '../../hooks/use-page-chrome';
import { useSettings } from '../../hooks/use-settings';
import { useFollows, useHistory, usePersonalActions, useRefreshKey } from '../../hooks/use-personal';
import { downloadFile } from '../../lib/ext/download';
import '../../components/theme.css';

/** The optional permission badges everywhere needs (the same patterns the background registers its script on). */
const ALL_SITES_PERMISSION = { origins: ALL_SITES };

/** `Paper Radar 0.1.0`, written into exports. */
const EXTENSION = `Paper Radar ${browser.runtime.getManifest().version}`;

/** One page of a store's records from the background (the only reader of the database). */
const readChunk = async <K extends StoreName>(store: K, after: string | undefined, limit: number) =>
  (await send({ type: 'exportRecords', store, limit, ...(after !== undefined ? { after } : {}) })) as {
    records: StoreRecords[K][];
    next?: string;
  };

/** Builds the export and hands it to the browser's download of a file (no permission needed). */
async function exportToFile(): Promise<string> {
  const now = Date.now();
  const { text, counts } = await exportLibrary({
    read: readChunk,
    settings: await loadSettings(),
    now,
    extension: EXTENSION,
  });
  const fileName = `paper-radar-${new Date(now).toISOString().slice(0, 10)}.json`;
  downloadFile(fileName, 'application/json', text);
  return describeExport(counts, fileName);
}

async function importFromFile(file: File): Promise<{ ok: boolean; message: string }> {
  const result = await importLibrary(await file.text(), {
    write: (store, records, last) => send({ type: 'importRecords', store, records, last }),
    settings: await loadSettings(),
    saveSettings,
  });
  if (!result.ok) return { ok: false, message: result.reason };
  return { ok: true, message: [describeImport(result), ...result.notes].join(' ') };
}

/** The disk space the extension uses, refreshed when the number of cached papers changes. */
function useStorageBytes(count: number): number | undefined {
  const estimate = useLoadable(async () => (await navigator.storage?.estimate?.())?.usage, [count]);
  return estimate.value ?? undefined;
}

function App() {
  const { settings, save } = useSettings();
  const { version: _version, ...chrome } = usePageChrome();
  const storageBytes = useStorageBytes(chrome.status.count);
  const [refresh, bump] = useRefreshKey();
  const actions = usePersonalActions(bump);
  const history = useHistory(refresh);
  const follows = useFollows(refresh);
  const permission = useLoadable(
    () => browser.permissions.contains(ALL_SITES_PERMISSION),
    [settings?.badgesEverywhere],
  );

  const setBadgesEverywhere = async (on: boolean): Promise<boolean> => {
    if (on) {
      // Asked first, before any await: the browser only shows the prompt within the click's user gesture.
      const granted = await browser.permissions.request(ALL_SITES_PERMISSION);
      if (!granted) return false;
      await save({ badgesEverywhere: true });
      return true;
    }
    await save({ badgesEverywhere: false });
    await browser.permissions.remove(ALL_SITES_PERMISSION);
    return true;
  };

  return (
    <OptionsView
      settings={settings}
      onSave={save}
      onBadgesEverywhere={setBadgesEverywhere}
      hasAllSitesPermission={permission.value}
      storageBytes={storageBytes}
      onClearCache={async () => {
        await send({ type: 'clearCache' });
      }}
      onExport={exportToFile}
      onImport={importFromFile}
      privacyUrl={browser.runtime.getURL('/privacy.html')}
      personal={{
        history,
        follows,
        onDeleteHistory: actions.deleteHistory,
        onClearHistory: actions.clearHistory,
        onRestoreHistory: actions.restoreHistory,
        onFollow: actions.follow,
        onUnfollow: actions.unfollow,
      }}
      {...chrome}
    />
  );
}

render(<App />, document.getElementById('app')!);
