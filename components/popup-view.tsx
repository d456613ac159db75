import { useEffect, useRef, useState } from 'preact/hooks';
import type { PaperHit } from '../lib/feed/summary';
import type { SyncStatus } from '../lib/sync/status';
import type { Loadable } from '../hooks/use-loadable';
import type { PopupData, RelatedResult } from '../hooks/use-popup-data';
import { plural } from './format';
import { handleListKeys, useSlashToSearch } from './list-keys';
import { arxivAbsUrl, hfPaperUrl, readerHref } from './paper-links';
import { DetectedList } from './detected-list';
import { HitList, type RowLink } from './paper-hits';
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
}

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

      {searching ? (
        <SearchResults query={query} results={results} primaryHref={hfPaperUrl} onOpen={onOpen} links={popupLinks} />
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
