/** The toolbar popup: wiring only (the view is components/popup-view.tsx, the data hooks/use-*.ts). */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { hfPaperUrl } from '../../components/paper-links';
import { PopupView, type PopupTab } from '../../components/popup-view';
import { toIsoDay } from '../../lib/feed/dates';
import {
  useForYou,
  usePeriod,
  usePersonalActions,
  useRefreshKey,
  useSaved,
  useTopics,
  useSearchInTopic,
} from '../../hooks/use-personal';
import { log } from '../../lib/log';
import { usePageChrome } from '../../hooks/use-page-chrome';
import { searchRefreshKey } from '../../hooks/use-cache-version';
import { resolveTabId, usePopupData } from '../../hooks/use-popup-data';
import '../../components/theme.css';

function App() {
  const { version, ...chrome } = usePageChrome();
  const [tabId, setTabId] = useState<number | null | undefined>(undefined);
  const [query, setQuery] = useState('');
  useEffect(() => {
    resolveTabId(location.search).then(setTabId, (e: unknown) => {
      log.warn('popup: no tab to describe', e);
      setTabId(null);
    });
  }, []);
  const data = usePopupData(tabId, version);
  const [topic, setTopic] = useState('');
  const results = useSearchInTopic(query, topic, 20, searchRefreshKey(version, chrome.status));
  const [tab, setTab] = useState<PopupTab>('page');
  const [refresh, bump] = useRefreshKey();
  const actions = usePersonalActions(bump);
  const forYou = useForYou(20, version, refresh, tab === 'page');
  const periodTab = tab === 'day' || tab === 'week' || tab === 'month' ? tab : undefined;
  const period = usePeriod(periodTab, toIsoDay(Date.now()), '', version, refresh);
  const saved = useSaved(version, refresh, tab === 'saved');
  const topics = useTopics(version, refresh, query.trim() !== '');

  return (
    <PopupView
      {...chrome}
      query={query}
      onQuery={setQuery}
      results={results}
      data={data}
      onOpen={(id) => {
        actions.visit(id, 'popup');
        void browser.tabs.create({ url: hfPaperUrl(id) });
      }}
      forYou={forYou}
      tab={tab}
      onTab={setTab}
      period={period}
      saved={saved}
      onSave={(id, on) => void actions.setSaved(id, on)}
      topics={topics}
      topic={topic}
      onTopic={setTopic}
      onOpenSettings={() => void browser.runtime.openOptionsPage()}
    />
  );
}

render(<App />, document.getElementById('app')!);
