/** The toolbar popup: wiring only (the view is components/popup-view.tsx, the data hooks/use-*.ts). */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { hfPaperUrl } from '../../components/paper-links';
import { POPUP_PERIOD_ROWS, PopupView, type PopupTab } from '../../components/popup-view';
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
import { usePageChrome } from '../../hooks/use-page-chrome';
import { searchRefreshKey } from '../../hooks/use-cache-version';
import { mainListsSettled, startPopupData, usePopupData } from '../../hooks/use-popup-data';
import { sendOverPort } from '../../lib/ext/messaging';
import '../../components/theme.css';

// The popup's requests (its related lists, a search per keystroke) share one port to the background.
sendOverPort();
// Started before the first render: the tab's scan and its paper's related papers need no page code to run first.
const start = startPopupData(location.search);

function App() {
  const { version, ...chrome } = usePageChrome();
  const [tabId, setTabId] = useState<number | null | undefined>(undefined);
  const [query, setQuery] = useState('');
  useEffect(() => void start.tabId.then(setTabId), []);
  const data = usePopupData(tabId, version, start);
  const [topic, setTopic] = useState('');
  const results = useSearchInTopic(query, topic, 20, searchRefreshKey(version, chrome.status));
  const [tab, setTab] = useState<PopupTab>('page');
  const [refresh, bump] = useRefreshKey();
  const actions = usePersonalActions(bump);
  // "For you" is asked once the related papers and the detected list are in: a woken worker answers the popup's
  // main lists first (its first "For you" reads every paper for the topics: seconds at 50,000 papers, and the
  // detected list's lookup waited behind it).
  const forYou = useForYou(20, version, refresh, tab === 'page' && mainListsSettled(data));
  const periodTab = tab === 'day' || tab === 'week' || tab === 'month' ? tab : undefined;
  const period = usePeriod(periodTab, toIsoDay(Date.now()), '', version, refresh, POPUP_PERIOD_ROWS);
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
