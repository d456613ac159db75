/** The toolbar popup: wiring only (the view is components/popup-view.tsx, the data lib/ext/use-*.ts). */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { hfPaperUrl } from '../../components/paper-links';
import { PopupView } from '../../components/popup-view';
import { send } from '../../lib/ext/messaging';
import { useCacheVersion } from '../../hooks/use-cache-version';
import { useNow } from '../../hooks/use-now';
import { useOnline } from '../../hooks/use-online';
import { resolveTabId, usePopupData } from '../../hooks/use-popup-data';
import { useSearch } from '../../hooks/use-search';
import { useSyncStatus } from '../../hooks/use-sync-status';
import '../../components/theme.css';

function App() {
  const status = useSyncStatus();
  const version = useCacheVersion(status);
  const [tabId, setTabId] = useState<number | null | undefined>(undefined);
  const [query, setQuery] = useState('');
  useEffect(() => {
    resolveTabId(location.search).then(setTabId, (e: unknown) => {
      console.warn('[paper-radar] no tab to describe', e);
      setTabId(null);
    });
  }, []);
  const data = usePopupData(tabId, version);
  const results = useSearch(query, 20, version);
  const now = useNow();
  const online = useOnline();

  return (
    <PopupView
      status={status}
      now={now}
      online={online}
      query={query}
      onQuery={setQuery}
      results={results}
      data={data}
      onOpen={(id) => void browser.tabs.create({ url: hfPaperUrl(id) })}
      onSyncNow={() => void send({ type: 'syncNow' }).catch((e: unknown) => console.error('[paper-radar] sync', e))}
      onOpenSettings={() => void browser.runtime.openOptionsPage()}
    />
  );
}

render(<App />, document.getElementById('app')!);
