/**
 * The reader (`reader.html`): wiring only (the view is components/reader-view.tsx). Its state lives in the URL:
 * `?q=` the search (with `?topic=ID`, only that topic's results), `?from=`/`?to=` the date range, `?sort=upvotes`, `#ID` the open paper; `?view=day|week|month`
 * with `?date=YYYY-MM-DD` (default today) and `?topic=ID`, `?view=for-you`, `?view=saved`.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ReaderView, type ReaderSort } from '../../components/reader-view';
import type { ReaderViewName } from '../../components/reader-views';
import { canonicalArxivId } from '../../lib/arxiv/id';
import { isIsoDay, toIsoDay } from '../../lib/feed/dates';
import { isPeriod, shiftPeriod } from '../../lib/feed/periods';
import { toBibtexFile, toPlainList } from '../../lib/saved/export';
import {
  useForYou,
  usePeriod,
  usePersonalActions,
  useRefreshKey,
  useSaved,
  useTopics,
  useSearchInTopic,
  useRelatedToSet,
} from '../../hooks/use-personal';
import { usePageChrome } from '../../hooks/use-page-chrome';
import { downloadFile } from '../../lib/ext/download';
import { searchRefreshKey } from '../../hooks/use-cache-version';
import { usePaper, usePaperList } from '../../hooks/use-reader-data';
import '../../components/theme.css';

/** A `?date=`/`?from=`/`?to=` value when it names a real day (`2026-13-45` does not), else `''`. */
function dayParam(name: string): string {
  const d = param(name);
  return isIsoDay(d) ? d : '';
}

/** The paper `#ID` names, canonical: a link copied from arXiv (`#2406.01234v2`, `#arXiv:…`) opens the cached paper. */
function readHash(): string {
  let raw: string;
  try {
    raw = decodeURIComponent(location.hash.slice(1)).trim();
  } catch {
    return '';
  }
  return canonicalArxivId(raw) ?? raw;
}

function param(name: string): string {
  return new URLSearchParams(location.search).get(name) ?? '';
}

/** Rewrites the query string in place (no history entry), keeping the hash. */
function setParams(patch: Record<string, string>): void {
  const url = new URL(location.href);
  for (const [k, v] of Object.entries(patch)) {
    if (v) url.searchParams.set(k, v);
    else url.searchParams.delete(k);
  }
  history.replaceState(history.state, '', url);
}

function readView(): ReaderViewName {
  const v = param('view');
  return isPeriod(v) || v === 'for-you' || v === 'saved' ? v : 'library';
}

function App() {
  const { version, ...chrome } = usePageChrome();
  const [query, setQuery] = useState(() => param('q'));
  const [sort, setSort] = useState<ReaderSort>(() => (param('sort') === 'upvotes' ? 'upvotes' : 'date'));
  const [range, setRange] = useState(() => ({
    from: dayParam('from'),
    to: dayParam('to'),
  }));
  const [selectedId, setSelectedId] = useState(readHash);
  useEffect(() => {
    const onHash = () => setSelectedId(readHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const [view, setView] = useState(readView);
  const [date, setDate] = useState(() => dayParam('date') || toIsoDay(Date.now()));
  const [topic, setTopic] = useState(() => param('topic'));
  const [refresh, bump] = useRefreshKey();
  const actions = usePersonalActions(bump);
  const periodName = isPeriod(view) ? view : undefined;
  const period = usePeriod(periodName, date, topic, version, refresh);
  const forYou = useForYou(50, version, refresh, view === 'for-you');
  const saved = useSaved(version, refresh, view === 'saved');
  const relatedToSaved = useRelatedToSet(
    saved.value?.map((s) => s.id),
    20,
    version,
    view === 'saved',
  );
  const searching = query.trim() !== '';
  const topics = useTopics(version, refresh, periodName !== undefined || searching);
  const chooseTopic = (t: string) => {
    setTopic(t);
    // A search is filtered where it is; elsewhere a topic opens the month's papers of it.
    if (!periodName && !searching) {
      setView('month');
      setParams({ view: 'month', topic: t });
    } else setParams({ topic: t });
  };

  // The whole library is loaded only for its own view (it can be thousands of papers).
  const papers = usePaperList(range.from, range.to, view === 'library' ? version : undefined);
  const results = useSearchInTopic(query, topic, 100, searchRefreshKey(version, chrome.status));
  const selected = usePaper(selectedId, version);

  return (
    <ReaderView
      {...chrome}
      papers={papers}
      query={query}
      onQuery={(q) => {
        setQuery(q);
        setParams({ q: q.trim() === '' ? '' : q });
      }}
      results={results}
      sort={sort}
      onSort={(s) => {
        setSort(s);
        setParams({ sort: s === 'upvotes' ? s : '' });
      }}
      from={range.from}
      to={range.to}
      onRange={(from, to) => {
        setRange({ from, to });
        setParams({ from, to });
      }}
      selectedId={selectedId}
      selected={selected}
      onOpen={(id) => {
        actions.visit(id, 'reader');
        // A history entry per opened paper: Back returns to the previous one.
        if (readHash() !== id) location.hash = id;
        else setSelectedId(id);
      }}
      view={view}
      onView={(v) => {
        setView(v);
        setParams({ view: v === 'library' ? '' : v });
      }}
      personal={{
        date,
        onDate: (d) => {
          setDate(d);
          setParams({ date: d });
        },
        onShift: (delta) => {
          if (!periodName) return;
          const d = shiftPeriod(periodName, date, delta);
          setDate(d);
          setParams({ date: d });
        },
        topic,
        onTopic: chooseTopic,
        period,
        forYou,
        saved,
        relatedToSaved,
        topics,
        onSave: (id, on) => void actions.setSaved(id, on),
        onFollowTopic: (id, on) => void (on ? actions.follow('topic', id) : actions.unfollow(`topic:${id}`)),
        onExport: (format, ids) => {
          const chosen = new Set(ids);
          const list = (saved.value ?? []).filter((s) => chosen.has(s.id));
          if (format === 'bibtex') downloadFile('paper-radar-saved.bib', 'application/x-bibtex', toBibtexFile(list));
          else downloadFile('paper-radar-saved.txt', 'text/plain', toPlainList(list));
        },
      }}
      onClose={() => {
        history.pushState(history.state, '', location.pathname + location.search);
        setSelectedId('');
      }}
    />
  );
}

render(<App />, document.getElementById('app')!);
