import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { RefObject } from 'preact';
import type { Paper } from '../lib/feed/paper';
import type { PaperHit } from '../lib/feed/summary';
import type { SyncStatus } from '../lib/sync/status';
import type { Loadable } from '../hooks/use-loadable';
import { formatCount, formatDay, formatDayLong, plural } from './format';
import { handleListKeys, useSlashToSearch } from './list-keys';
import { PaperDetail } from './paper-detail';
import { HitFacts, PrimaryLink, RowLinks, type RowLink } from './paper-hits';
import { arxivAbsUrl, arxivPdfUrl, hfPaperUrl } from './paper-links';
import { PersonalView, TopicSelect, ViewTabs, type PersonalViewProps, type ReaderViewName } from './reader-views';
import { SearchBox, SearchResults } from './search-box';
import { CacheNotices, SyncStatusLine } from './sync-status';

export type ReaderSort = 'date' | 'upvotes';

/** Papers rendered at first and added by each "Show more". */
export const READER_PAGE_SIZE = 200;

export interface ReaderViewProps {
  status: SyncStatus & { loaded: boolean };
  now: number;
  online: boolean;
  /** The cached papers of the date range, newest list date first (`complete` false while more are coming). */
  papers: Loadable<Paper[]> & { complete: boolean };
  query: string;
  onQuery: (query: string) => void;
  results: Loadable<PaperHit[]>;
  sort: ReaderSort;
  onSort: (sort: ReaderSort) => void;
  /** Date range, `YYYY-MM-DD` or ''. */
  from: string;
  to: string;
  onRange: (from: string, to: string) => void;
  /** The paper of `#ID` ('' for none) and its record. */
  selectedId: string;
  selected: Loadable<Paper | null>;
  /** Shows a paper in the detail panel. */
  onOpen: (id: string) => void;
  onClose: () => void;
  onSyncNow: () => void;
  pageSize?: number;
  /** The view (`?view=`): the library (default), a day, week or month, "for you", the saved papers. */
  view?: ReaderViewName;
  onView?: (view: ReaderViewName) => void;
  /** What the views other than the library show; those views need it. */
  personal?: Omit<PersonalViewProps, 'view' | 'onOpen' | 'primaryHref' | 'links' | 'selectedId'>;
}

export function readerLinks(id: string): RowLink[] {
  return [
    { label: 'Hugging Face', href: hfPaperUrl(id) },
    { label: 'arXiv', href: arxivAbsUrl(id) },
    { label: 'PDF', href: arxivPdfUrl(id) },
  ];
}

export const readerHash = (id: string) => `#${id}`;

/**
 * The offline library: every cached paper by list date (or by upvotes), searchable, filterable by date range,
 * with one paper open in full. Long lists render `pageSize` papers at a time.
 */
export function ReaderView(props: ReaderViewProps) {
  const { status, now, online, papers, query, onQuery, results, sort, onSort, from, to, onRange } = props;
  const { selectedId, selected, onOpen, onClose, onSyncNow, pageSize = READER_PAGE_SIZE } = props;
  const { view = 'library', onView, personal } = props;
  const root = useRef<HTMLDivElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const head = useRef<HTMLElement>(null);
  useSlashToSearch(search);
  useHeadHeight(root, head);
  const searching = query.trim() !== '';
  const inRange = (hit: PaperHit) => (!from || hit.listDate >= from) && (!to || hit.listDate <= to);

  return (
    <div
      ref={root}
      class="pr-reader"
      onKeyDown={(e) => root.current && handleListKeys(e, { root: root.current, search: search.current, onOpen })}
    >
      <header ref={head} class="pr-reader__head">
        <div class="pr-reader__bar">
          <h1 class="pr-brand">
            Paper Radar <span class="pr-muted">· Library</span>
          </h1>
          <SyncStatusLine status={status} now={now} online={online} />
        </div>
        {onView && <ViewTabs view={view} onView={onView} />}
        <div class="pr-reader__controls">
          <div class="pr-reader__search">
            <SearchBox value={query} onInput={onQuery} inputRef={search} />
          </div>
          {view === 'library' && (
            <>
              <label class="pr-field">
                <span>From</span>
                <input
                  class="pr-input"
                  type="date"
                  value={from}
                  max={to || undefined}
                  onChange={(e) => onRange(e.currentTarget.value, to)}
                />
              </label>
              <label class="pr-field">
                <span>To</span>
                <input
                  class="pr-input"
                  type="date"
                  value={to}
                  min={from || undefined}
                  onChange={(e) => onRange(from, e.currentTarget.value)}
                />
              </label>
              <label class="pr-field">
                <span>Sort</span>
                <select
                  class="pr-input"
                  value={sort}
                  disabled={searching}
                  onChange={(e) => onSort(e.currentTarget.value === 'upvotes' ? 'upvotes' : 'date')}
                >
                  <option value="date">By list date</option>
                  <option value="upvotes">By upvotes</option>
                </select>
              </label>
              {(from || to) && (
                <button type="button" class="pr-button pr-button--link" onClick={() => onRange('', '')}>
                  All dates
                </button>
              )}
            </>
          )}
        </div>
        <CacheNotices status={status} online={online} now={now} onSyncNow={onSyncNow} />
      </header>

      <div class={`pr-reader__body${selectedId ? ' pr-reader__body--detail' : ''}`}>
        {selectedId && <PaperDetail id={selectedId} paper={selected} onClose={onClose} />}
        <main class="pr-reader__main">
          {searching && personal && (
            <div class="pr-reader__controls" data-filter="search-topic">
              <TopicSelect topics={personal.topics} topic={personal.topic} onTopic={personal.onTopic} />
            </div>
          )}
          {searching ? (
            <SearchResults
              query={query}
              results={results}
              filter={from || to ? inRange : undefined}
              primaryHref={readerHash}
              onOpen={onOpen}
              links={readerLinks}
              selectedId={selectedId}
              showCount
            />
          ) : view !== 'library' && personal ? (
            <PersonalView
              view={view}
              {...personal}
              onOpen={onOpen}
              primaryHref={readerHash}
              links={readerLinks}
              selectedId={selectedId}
            />
          ) : (
            <PaperListing
              papers={papers}
              sort={sort}
              from={from}
              to={to}
              pageSize={pageSize}
              selectedId={selectedId}
              onOpen={onOpen}
              cacheEmpty={status.loaded && status.count === 0}
            />
          )}
        </main>
      </div>
    </div>
  );
}

interface PaperListingProps {
  papers: Loadable<Paper[]> & { complete: boolean };
  sort: ReaderSort;
  from: string;
  to: string;
  pageSize: number;
  selectedId: string;
  onOpen: (id: string) => void;
  cacheEmpty: boolean;
}

function PaperListing({ papers, sort, from, to, pageSize, selectedId, onOpen, cacheEmpty }: PaperListingProps) {
  const [shown, setShown] = useState(pageSize);
  useEffect(() => setShown(pageSize), [sort, from, to, pageSize]);
  const sorted = useMemo(() => {
    const list = papers.value ?? [];
    if (sort === 'date') return list;
    return [...list].sort((a, b) => b.upvotes - a.upvotes || b.listDate.localeCompare(a.listDate));
  }, [papers.value, sort]);
  const visible = sorted.slice(0, shown);
  const more = () => setShown((n) => n + pageSize);

  if (papers.error && papers.value === undefined) {
    return (
      <p class="pr-notice pr-notice--error" role="alert">
        Could not read the cache: {papers.error}
      </p>
    );
  }
  if (papers.value === undefined) return <p class="pr-notice">Loading the library…</p>;
  if (sorted.length === 0) {
    return (
      <p class="pr-notice pr-notice--none">
        {from || to
          ? `No cached papers listed ${from ? `from ${formatDay(from)} ` : ''}${to ? `to ${formatDay(to)}` : ''}.`
          : cacheEmpty
            ? 'The library fills up with the first sync.'
            : 'No cached papers.'}
      </p>
    );
  }
  const total = papers.complete ? sorted.length : undefined;
  return (
    <>
      <p class="pr-muted pr-reader__count" aria-live="polite">
        {total === undefined
          ? `Showing the newest ${formatCount(visible.length)} papers (loading the rest…)`
          : visible.length < total
            ? `Showing ${formatCount(visible.length)} of ${plural(total, 'paper')}`
            : plural(total, 'paper')}
        {sort === 'upvotes' && ', most upvoted first'}
      </p>
      {sort === 'date' ? (
        groupByDate(visible).map(([date, group]) => (
          <section key={date} class="pr-day" aria-label={formatDayLong(date)}>
            <h2 class="pr-day__title">
              {formatDayLong(date)} <span class="pr-muted">· {plural(group.length, 'paper')}</span>
            </h2>
            <PaperCards papers={group} selectedId={selectedId} onOpen={onOpen} showDate={false} />
          </section>
        ))
      ) : (
        <PaperCards papers={visible} selectedId={selectedId} onOpen={onOpen} showDate />
      )}
      {(visible.length < sorted.length || !papers.complete) && (
        <ShowMore onMore={more} left={papers.complete ? sorted.length - visible.length : undefined} />
      )}
    </>
  );
}

/** Consecutive runs of the same list date (the list comes newest date first). */
function groupByDate(papers: readonly Paper[]): [string, Paper[]][] {
  const groups: [string, Paper[]][] = [];
  for (const p of papers) {
    const last = groups.at(-1);
    if (last && last[0] === p.listDate) last[1].push(p);
    else groups.push([p.listDate, [p]]);
  }
  return groups;
}

function PaperCards({
  papers,
  selectedId,
  onOpen,
  showDate,
}: {
  papers: readonly Paper[];
  selectedId: string;
  onOpen: (id: string) => void;
  showDate: boolean;
}) {
  return (
    <ol class="pr-list pr-cards">
      {papers.map((p) => (
        <li
          key={p.id}
          class={`pr-item pr-card${p.id === selectedId ? ' pr-item--selected' : ''}`}
          data-paper-radar="paper"
          data-arxiv-id={p.id}
        >
          <PrimaryLink id={p.id} href={readerHash(p.id)} title={p.title} onOpen={onOpen} />
          <div class="pr-meta">
            {showDate ? (
              <HitFacts upvotes={p.upvotes} listDate={p.listDate} dayRank={p.dayRank} />
            ) : (
              <span class="pr-upvotes" title="Upvotes on Hugging Face">
                ▲ {formatCount(p.upvotes)}
              </span>
            )}
            {p.authors.length > 0 && (
              <span class="pr-card__authors">
                {p.authors.slice(0, 3).join(', ')}
                {p.authors.length > 3 ? ' et al.' : ''}
              </span>
            )}
            {p.organization && <span>{p.organization}</span>}
            <RowLinks links={readerLinks(p.id)} />
          </div>
        </li>
      ))}
    </ol>
  );
}

/** "Show more", also pressed by scrolling near it (IntersectionObserver, where there is one). */
function ShowMore({ onMore, left }: { onMore: () => void; left: number | undefined }) {
  const ref = useRef<HTMLButtonElement>(null);
  const onMoreRef = useRef(onMore);
  onMoreRef.current = onMore;
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && onMoreRef.current(), {
      rootMargin: '400px 0px',
    });
    io.observe(el);
    return () => io.disconnect();
  }, []);
  return (
    <button ref={ref} type="button" class="pr-button pr-more" data-action="show-more" onClick={onMore}>
      {left === undefined ? 'Show more' : `Show more (${formatCount(left)} left)`}
    </button>
  );
}

/**
 * Keeps `--pr-head-h` on the reader's root equal to its sticky header's height (which grows with notices and
 * wraps on narrow windows), so an opened paper scrolls to just below the header, never under it.
 */
function useHeadHeight(root: RefObject<HTMLElement | null>, head: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const r = root.current;
    const h = head.current;
    if (!r || !h) return;
    const set = () => r.style.setProperty('--pr-head-h', `${Math.ceil(h.getBoundingClientRect().height)}px`);
    set();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(set);
    observer.observe(h);
    return () => observer.disconnect();
  }, []);
}
