/**
 * The reader (`reader.html`): wiring only (the view is components/reader-view.tsx). Its state lives in the URL:
 * `?q=` the search, `?from=`/`?to=` the date range, `?sort=upvotes`, `#ID` the open paper.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ReaderView, type ReaderSort } from '../../components/reader-view';
import { usePageChrome } from '../../hooks/use-page-chrome';
import { usePaper, usePaperList } from '../../hooks/use-reader-data';
import { useSearch } from '../../hooks/use-search';
import '../../components/theme.css';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function readHash(): string {
  try {
    return decodeURIComponent(location.hash.slice(1)).trim();
  } catch {
    return '';
  }
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

function App() {
  const { version, ...chrome } = usePageChrome();
  const [query, setQuery] = useState(() => param('q'));
  const [sort, setSort] = useState<ReaderSort>(() => (param('sort') === 'upvotes' ? 'upvotes' : 'date'));
  const [range, setRange] = useState(() => ({
    from: DAY.test(param('from')) ? param('from') : '',
    to: DAY.test(param('to')) ? param('to') : '',
  }));
  const [selectedId, setSelectedId] = useState(readHash);
  useEffect(() => {
    const onHash = () => setSelectedId(readHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const papers = usePaperList(range.from, range.to, version);
  const results = useSearch(query, 100, version);
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
        // A history entry per opened paper: Back returns to the previous one.
        if (readHash() !== id) location.hash = id;
        else setSelectedId(id);
      }}
      onClose={() => {
        history.pushState(history.state, '', location.pathname + location.search);
        setSelectedId('');
      }}
    />
  );
}

render(<App />, document.getElementById('app')!);
