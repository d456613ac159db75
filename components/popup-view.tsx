import { useEffect, useRef, useState } from 'preact/hooks';
import type { PaperHit } from '../lib/feed/summary';
import type { SyncStatus } from '../lib/sync/status';
import type { Loadable } from '../hooks/use-loadable';
import type { PopupData, RelatedResult } from '../hooks/use-popup-data';
import { formatCount, plural } from './format';
import type { ForYouReply, PeriodPages, RelatedReply, SavedRow, TopicInfo } from '../hooks/use-personal';
import type { Period } from '../lib/feed/periods';
import { PaperRows, ShowAllButton } from './paper-rows';
import { handleListKeys, useSlashToSearch } from './list-keys';
import { arxivAbsUrl, hfPaperUrl, readerHref } from './paper-links';
import { DetectedList } from './detected-list';
import { HitList, SetTerms, type RowLink } from './paper-hits';
import { MIN_CITED_PAPERS } from '../lib/search/page-query';
import { TopicSelect } from './reader-views';
import { SearchBox, SearchResults } from './search-box';
import { CacheNotices, SyncNowButton, SyncStatusLine } from './sync-status';

export interface PopupViewProps {
  status: SyncStatus & { loaded: boolean };
  now: number;
  online: boolean;
  query: string;
  onQuery: (query: string) => void;
  results: Loadable<PaperHit[]>;
  data: PopupData;
  /** Opens a paper's Hugging Face page. */
  onOpen: (id: string) => void;
  onSyncNow: () => void;
  onOpenSettings: () => void;
  /** "For you" from the reading history; no section without it. */
  forYou?: Loadable<ForYouReply>;
  /** The tab shown: this page (default), a period, or the saved papers. */
  tab?: PopupTab;
  onTab?: (tab: PopupTab) => void;
  /** The chosen period's papers (tabs `day`, `week`, `month`). */
  period?: PeriodPages;
  saved?: Loadable<SavedRow[]>;
  onSave?: (id: string, saved: boolean) => void;
  /** The topic filter of the search results (a topic id, '' for all); no filter without `onTopic`. */
  topics?: Loadable<TopicInfo[]>;
  topic?: string;
  onTopic?: (topic: string) => void;
}

/** The popup's tabs. */
export type PopupTab = 'page' | Period | 'saved';

const POPUP_TABS: { tab: PopupTab; label: string }[] = [
  { tab: 'page', label: 'This page' },
  { tab: 'day', label: 'Today' },
  { tab: 'week', label: 'Week' },
  { tab: 'month', label: 'Month' },
  { tab: 'saved', label: 'Saved' },
];

/** "For you" rows shown before "Show all". */
export const FOR_YOU_SHOWN = 5;

/** Secondary links of a popup row: arXiv and the paper in the reader. */
function popupLinks(id: string): RowLink[] {
  return [
    { label: 'arXiv', href: arxivAbsUrl(id) },
    { label: 'Reader', href: readerHref(id) },
  ];
}

/**
 * The toolbar popup: the papers on the tab, papers related to it, search as you type, the sync status. Arrow
 * keys move through the rows, Enter opens one, `/` returns to the search box.
 */
export function PopupView(props: PopupViewProps) {
  const { status, now, online, query, onQuery, results, data, onOpen, onSyncNow, onOpenSettings } = props;
  const { forYou, tab = 'page', onTab, period, saved, onSave, topics, topic = '', onTopic } = props;
  const root = useRef<HTMLElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const [showAllDetected, setShowAllDetected] = useState(false);
  useSlashToSearch(search);
  useEffect(() => search.current?.focus(), []);
  const searching = query.trim() !== '';
  const busy = status.state === 'syncing';

  return (
    <main
      ref={root}
      class="pr-popup"
      onKeyDown={(e) =>
        root.current && handleListKeys(e, { root: root.current, search: search.current, onOpen, enterOpensFirst: true })
      }
    >
      <header class="pr-popup__head">
        <h1 class="pr-brand">Paper Radar</h1>
        <nav class="pr-links" aria-label="Pages">
          <a href="reader.html" target="_blank" rel="noopener">
            Reader
          </a>
          <button type="button" class="pr-button pr-button--link" onClick={onOpenSettings}>
            Settings
          </button>
        </nav>
      </header>
      <SearchBox value={query} onInput={onQuery} inputRef={search} />
      <CacheNotices status={status} online={online} now={now} onSyncNow={onSyncNow} />
      {onTab && !searching && (
        <nav class="pr-tabs pr-tabs--compact" aria-label="Lists">
          {POPUP_TABS.map((t) => (
            <button
              key={t.tab}
              type="button"
              class={`pr-tab${t.tab === tab ? ' pr-tab--on' : ''}`}
              aria-current={t.tab === tab ? 'page' : undefined}
              data-view={t.tab}
              onClick={() => onTab(t.tab)}
            >
              {t.label}
            </button>
          ))}
        </nav>
      )}

      {searching && topics && onTopic && (
        <div class="pr-popup__filter" data-filter="search-topic">
          <TopicSelect topics={topics} topic={topic} onTopic={onTopic} />
        </div>
      )}
      {searching ? (
        <SearchResults query={query} results={results} primaryHref={hfPaperUrl} onOpen={onOpen} links={popupLinks} />
      ) : tab !== 'page' ? (
        <TabList tab={tab} period={period} saved={saved} onOpen={onOpen} onSave={onSave} />
      ) : (
        <>
          <section class="pr-section" aria-labelledby="pr-detected-title">
            <h2 id="pr-detected-title" class="pr-section__title">
              On this page
            </h2>
            <DetectedSection
              data={data}
              onOpen={onOpen}
              showAll={showAllDetected}
              onShowAll={() => setShowAllDetected(true)}
            />
          </section>
          <section class="pr-section" aria-labelledby="pr-related-title">
            <h2 id="pr-related-title" class="pr-section__title">
              {relatedHeading(data.related.value)}
            </h2>
            <RelatedSection data={data} onOpen={onOpen} snapshotOnly={snapshotOnly(status)} count={status.count} />
          </section>
          <CitedSection cited={data.cited} onOpen={onOpen} />
          {forYou && (
            <section class="pr-section" aria-labelledby="pr-for-you-title">
              <h2 id="pr-for-you-title" class="pr-section__title">
                For you
              </h2>
              <ForYouSection forYou={forYou} onOpen={onOpen} onSave={onSave} />
            </section>
          )}
        </>
      )}

      <footer class="pr-statusbar pr-popup__foot">
        <SyncStatusLine status={status} now={now} online={online} />
        <SyncNowButton busy={busy} onClick={onSyncNow} />
      </footer>
    </main>
  );
}

function DetectedSection({
  data,
  onOpen,
  showAll,
  onShowAll,
}: {
  data: PopupData;
  onOpen: (id: string) => void;
  showAll: boolean;
  onShowAll: () => void;
}) {
  const { scan, detected } = data;
  if (scan.value === undefined || (detected.value === undefined && detected.loading)) {
    return <p class="pr-notice">Looking at this page…</p>;
  }
  if (detected.error && detected.value === undefined) {
    return (
      <p class="pr-notice pr-notice--error" role="alert">
        Could not check this page's papers: {detected.error}
      </p>
    );
  }
  const papers = detected.value ?? [];
  if (papers.length === 0) {
    return (
      <p class="pr-notice pr-notice--none">
        {scan.value.via === 'none' ? 'Paper Radar cannot read this page.' : 'No arXiv papers found on this page.'}
      </p>
    );
  }
  return <DetectedList papers={papers} onOpen={onOpen} links={popupLinks} showAll={showAll} onShowAll={onShowAll} />;
}

/** The related section's heading: what its rows really are. */
export function relatedHeading(related: RelatedResult | undefined): string {
  if (related === undefined || related.kind === 'related') return 'Related';
  return related.kind === 'trending' ? 'Trending today' : 'Top of the latest lists';
}

/** Whether the cache holds only the bundled first-run snapshot (no sync has succeeded yet). */
export function snapshotOnly(status: SyncStatus & { loaded: boolean }): boolean {
  return status.loaded && status.count > 0 && status.lastSuccessAt === undefined;
}

/** The line under the heading saying what the list was found from, or why it is not a related list. */
function RelatedBasis({ related }: { related: RelatedResult }) {
  if (related.kind !== 'related') {
    return related.reason === 'unrelated' ? (
      <p class="pr-basis pr-muted" data-notice="unrelated">
        Nothing in the cached feed is close to this page.
      </p>
    ) : null;
  }
  if (related.basis === 'papers' || related.basis === 'papers+text') {
    const papers = plural(related.papers, 'cached paper');
    return (
      <p class="pr-basis pr-muted">
        {related.basis === 'papers' ? `From the ${papers} on this page` : `From this page and the ${papers} on it`}
      </p>
    );
  }
  return related.sourceTitle ? (
    <p class="pr-basis pr-muted">
      For “<span class="pr-basis__title">{related.sourceTitle}</span>”
    </p>
  ) : null;
}

function RelatedSection({
  data,
  onOpen,
  snapshotOnly,
  count,
}: {
  data: PopupData;
  onOpen: (id: string) => void;
  snapshotOnly: boolean;
  count: number;
}) {
  const { related } = data;
  if (related.value === undefined) {
    if (related.error) {
      return (
        <p class="pr-notice pr-notice--error" role="alert">
          Could not find related papers: {related.error}
        </p>
      );
    }
    return <p class="pr-notice">Finding related papers…</p>;
  }
  const { hits } = related.value;
  return (
    <>
      <RelatedBasis related={related.value} />
      {related.value.kind === 'related' && <SetTerms terms={related.value.shared} />}
      {snapshotOnly && (
        <p class="pr-basis pr-muted" data-notice="snapshot">
          Among the {count.toLocaleString('en-US')} papers of the bundled snapshot — the first sync brings the full
          feed.
        </p>
      )}
      {hits.length === 0 ? (
        <p class="pr-notice pr-notice--none">Nothing related in the cached feed.</p>
      ) : (
        <HitList
          hits={hits}
          kind="related"
          label={relatedHeading(related.value)}
          primaryHref={hfPaperUrl}
          onOpen={onOpen}
          links={popupLinks}
        />
      )}
    </>
  );
}

/**
 * Whether the answer for the papers a page cites is worth a section: a related list made from at least
 * `MIN_CITED_PAPERS` cached cited papers (the background counts the cached ones in `papers`).
 */
export function showsCited(reply: RelatedReply | undefined): reply is Extract<RelatedReply, { kind: 'related' }> {
  return reply?.kind === 'related' && reply.papers >= MIN_CITED_PAPERS && reply.hits.length > 0;
}

/**
 * "Related to the N papers this page cites": for a page with a paper of its own, the papers related to the ones it
 * cites taken as one set (never the own paper nor a cited one), with what they share as a whole. Shown only when
 * the answer qualifies (`showsCited`); nothing while it loads, so the section does not flash on other pages.
 */
function CitedSection({ cited, onOpen }: { cited: Loadable<RelatedReply>; onOpen: (id: string) => void }) {
  const reply = cited.value;
  if (!showsCited(reply)) return null;
  const heading = `Related to the ${plural(reply.papers, 'paper')} this page cites`;
  return (
    <section class="pr-section" aria-labelledby="pr-cited-title" data-section="cited">
      <h2 id="pr-cited-title" class="pr-section__title">
        {heading}
      </h2>
      <SetTerms terms={reply.shared} />
      <HitList
        hits={reply.hits}
        kind="cited-related"
        label={`${heading}, most related first`}
        primaryHref={hfPaperUrl}
        onOpen={onOpen}
        links={popupLinks}
      />
    </section>
  );
}

function ForYouSection({
  forYou,
  onOpen,
  onSave,
}: {
  forYou: Loadable<ForYouReply>;
  onOpen: (id: string) => void;
  onSave?: ((id: string, saved: boolean) => void) | undefined;
}) {
  const [all, setAll] = useState(false);
  const reply = forYou.value;
  if (reply === undefined) {
    return forYou.error ? (
      <p class="pr-notice pr-notice--error" role="alert">
        Could not find papers for you: {forYou.error}
      </p>
    ) : (
      <p class="pr-notice">Finding papers for you…</p>
    );
  }
  if (reply.hits.length === 0) return <p class="pr-notice pr-notice--none">No recent papers in the cache yet.</p>;
  const rows = all ? reply.hits : reply.hits.slice(0, FOR_YOU_SHOWN);
  return (
    <>
      {reply.historySize === 0 && (
        <p class="pr-basis pr-muted">Nothing read yet: open papers on arXiv and this list follows your reading.</p>
      )}
      <PaperRows
        rows={rows}
        kind="for-you"
        label="Papers for you"
        primaryHref={hfPaperUrl}
        onOpen={onOpen}
        links={popupLinks}
        onSave={onSave}
        compact
      />
      {rows.length < reply.hits.length && <ShowAllButton total={reply.hits.length} onClick={() => setAll(true)} />}
    </>
  );
}

/**
 * Rows of a period tab (its top `POPUP_PERIOD_ROWS`, then that many more on each "Show more") or of the saved papers
 * (the first `TAB_SHOWN` before "Show all").
 */
const TAB_SHOWN = 10;

/** Rows of a period the popup asks for at a time. */
export const POPUP_PERIOD_ROWS = TAB_SHOWN;

function TabList({
  tab,
  period,
  saved,
  onOpen,
  onSave,
}: {
  tab: Exclude<PopupTab, 'page'>;
  period?: PeriodPages | undefined;
  saved?: Loadable<SavedRow[]> | undefined;
  onOpen: (id: string) => void;
  onSave?: ((id: string, saved: boolean) => void) | undefined;
}) {
  const [all, setAll] = useState(false);
  useEffect(() => setAll(false), [tab]);
  const loadable = tab === 'saved' ? saved : period;
  if (!loadable || loadable.value === undefined) {
    return loadable?.error ? (
      <p class="pr-notice pr-notice--error" role="alert">
        Could not load this list: {loadable.error}
      </p>
    ) : (
      <p class="pr-notice">Loading…</p>
    );
  }
  const rows =
    tab === 'saved'
      ? (saved?.value ?? []).map(
          (s) => s.row ?? { id: s.id, title: s.title, upvotes: 0, listDate: '', authors: s.authors, saved: true },
        )
      : (period?.value?.papers ?? []);
  if (rows.length === 0) {
    return (
      <p class="pr-notice pr-notice--none">
        {tab === 'saved' ? 'No saved papers yet.' : 'No cached papers listed in this period yet.'}
      </p>
    );
  }
  const shown = all || tab !== 'saved' ? rows : rows.slice(0, TAB_SHOWN);
  const periodLeft = tab !== 'saved' && period?.value ? period.value.count - rows.length : 0;
  return (
    <>
      <PaperRows
        rows={shown}
        kind="paper"
        label={tab === 'saved' ? 'Saved papers' : 'Papers, most upvoted first'}
        numbered={tab !== 'saved'}
        primaryHref={hfPaperUrl}
        onOpen={onOpen}
        links={popupLinks}
        onSave={onSave}
        compact
      />
      {shown.length < rows.length && <ShowAllButton total={rows.length} onClick={() => setAll(true)} />}
      {periodLeft > 0 && (
        <button
          type="button"
          class="pr-button pr-button--link pr-more"
          data-paper-radar="more"
          aria-disabled={period?.loadingMore ? 'true' : undefined}
          onClick={() => period?.more?.()}
        >
          {period?.loadingMore
            ? 'Loading more…'
            : `Show more (${formatCount(rows.length)} of ${formatCount(rows.length + periodLeft)})`}
        </button>
      )}
      <p class="pr-links">
        <a href={tab === 'saved' ? 'reader.html?view=saved' : `reader.html?view=${tab}`} target="_blank" rel="noopener">
          Open in the reader
        </a>
      </p>
    </>
  );
}
