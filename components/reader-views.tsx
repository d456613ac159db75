import { useEffect, useRef, useState } from 'preact/hooks';
import type { ForYouReply, PeriodPages, RelatedReply, SavedRow, TopicInfo } from '../hooks/use-personal';
import { PERIOD_PAGE, type Period } from '../lib/feed/periods';
import type { PaperRow } from '../lib/feed/summary';
import type { Loadable } from '../hooks/use-loadable';
import { formatCount, formatDay, formatDayLong, plural } from './format';
import { PaperRows } from './paper-rows';
import { HitList, SetTerms, type RowLink } from './paper-hits';

/** The reader's views: the library (every cached paper), a period, "for you", the saved papers. */
export type ReaderViewName = 'library' | Period | 'for-you' | 'saved';

export const READER_VIEWS: readonly { view: ReaderViewName; label: string }[] = [
  { view: 'library', label: 'Library' },
  { view: 'day', label: 'Day' },
  { view: 'week', label: 'Week' },
  { view: 'month', label: 'Month' },
  { view: 'for-you', label: 'For you' },
  { view: 'saved', label: 'Saved' },
];

/** What the reader's personal views need. */
export interface PersonalViewProps {
  view: Exclude<ReaderViewName, 'library'>;
  /** The period's day (`YYYY-MM-DD`). */
  date: string;
  onDate: (date: string) => void;
  /** Moves the period by `delta` periods. */
  onShift: (delta: number) => void;
  /** The topic filter (a topic id, '' for all). */
  topic: string;
  onTopic: (topic: string) => void;
  /** The period's rows loaded so far, and the next page on demand. */
  period: PeriodPages;
  forYou: Loadable<ForYouReply>;
  saved: Loadable<SavedRow[]>;
  /** Papers related to the saved papers taken as one set (asked on the Saved view only). */
  relatedToSaved: Loadable<RelatedReply>;
  topics: Loadable<TopicInfo[]>;
  onSave: (id: string, saved: boolean) => void;
  onFollowTopic: (topicId: string, follow: boolean) => void;
  /** Downloads the papers `ids` as BibTeX or as a plain list. */
  onExport: (format: 'bibtex' | 'list', ids: string[]) => void;
  onOpen: (id: string) => void;
  primaryHref: (id: string) => string;
  links: (id: string) => RowLink[];
  selectedId: string;
}

/** The tab strip of the reader's views. */
export function ViewTabs({ view, onView }: { view: ReaderViewName; onView: (v: ReaderViewName) => void }) {
  return (
    <nav class="pr-tabs" aria-label="Views">
      {READER_VIEWS.map((v) => (
        <button
          key={v.view}
          type="button"
          class={`pr-tab${v.view === view ? ' pr-tab--on' : ''}`}
          aria-current={v.view === view ? 'page' : undefined}
          data-view={v.view}
          onClick={() => onView(v.view)}
        >
          {v.label}
        </button>
      ))}
    </nav>
  );
}

export function PersonalView(props: PersonalViewProps) {
  if (props.view === 'for-you') return <ForYouView {...props} />;
  if (props.view === 'saved') return <SavedView {...props} />;
  return <PeriodView {...props} period={props.period} periodName={props.view} />;
}

function Failure({ what, error }: { what: string; error: string }) {
  return (
    <p class="pr-notice pr-notice--error" role="alert">
      Could not load {what}: {error}
    </p>
  );
}

/** The topic select (`select[name="topic"]`): every topic with its size, '' for all (period views and search). */
export function TopicSelect({ topics, topic, onTopic }: Pick<PersonalViewProps, 'topics' | 'topic' | 'onTopic'>) {
  const list = topics.value ?? [];
  const chosen = list.find((t) => t.id === topic);
  return (
    <label class="pr-field">
      <span>Topic</span>
      <select class="pr-input" name="topic" value={topic} onChange={(e) => onTopic(e.currentTarget.value)}>
        <option value="">All topics</option>
        {list.map((t) => (
          <option key={t.id} value={t.id}>
            {t.followed ? '★ ' : ''}
            {t.label} ({formatCount(t.papers)})
          </option>
        ))}
        {topic && !chosen && <option value={topic}>(a topic no longer derived)</option>}
      </select>
    </label>
  );
}

/** A topic filter: every topic, and a follow toggle for the chosen one. */
function TopicFilter(props: PersonalViewProps) {
  const { topics, topic, onFollowTopic } = props;
  const chosen = (topics.value ?? []).find((t) => t.id === topic);
  return (
    <div class="pr-topic-filter">
      <TopicSelect {...props} />
      {chosen && (
        <button
          type="button"
          class="pr-button"
          data-action="follow-topic"
          aria-pressed={chosen.followed ? 'true' : 'false'}
          onClick={() => onFollowTopic(chosen.id, !chosen.followed)}
        >
          {chosen.followed ? '★ Following' : '☆ Follow topic'}
        </button>
      )}
    </div>
  );
}

const PERIOD_WORD: Record<Period, string> = { day: 'day', week: 'week', month: 'month' };

function periodTitle(period: Period, from: string, to: string): string {
  if (period === 'day') return formatDayLong(from);
  if (period === 'week') return `Week of ${formatDay(from)} – ${formatDay(to)}`;
  const d = new Date(`${from}T00:00:00Z`);
  return d.toLocaleDateString('en-US', { timeZone: 'UTC', month: 'long', year: 'numeric' });
}

function PeriodView(props: PersonalViewProps & { periodName: Period }) {
  const { periodName, date, onDate, onShift, period, topic, onTopic, onSave, onOpen, primaryHref, links } = props;
  const reply = period.value;
  return (
    <section class="pr-section" aria-label={`Papers of the ${PERIOD_WORD[periodName]}`} aria-busy={period.loading}>
      <div class="pr-reader__controls">
        <button type="button" class="pr-button" data-action="previous" onClick={() => onShift(-1)}>
          ← Previous {PERIOD_WORD[periodName]}
        </button>
        <label class="pr-field">
          <span>Date</span>
          <input
            class="pr-input"
            type="date"
            name="date"
            value={date}
            onChange={(e) => e.currentTarget.value && onDate(e.currentTarget.value)}
          />
        </label>
        <button type="button" class="pr-button" data-action="next" onClick={() => onShift(1)}>
          Next {PERIOD_WORD[periodName]} →
        </button>
        <TopicFilter {...props} />
      </div>
      {period.error && reply === undefined ? (
        <Failure what="this period" error={period.error} />
      ) : reply === undefined ? (
        <p class="pr-notice">Loading…</p>
      ) : (
        <>
          <h2 class="pr-day__title">
            {periodTitle(periodName, reply.from, reply.to)}{' '}
            <span class="pr-muted">
              · {plural(reply.count, 'paper')}
              {topic ? ` of this topic (${formatCount(reply.total)} in all)` : ''}, most upvoted first
            </span>
          </h2>
          {reply.papers.length === 0 ? (
            <p class="pr-notice pr-notice--none">
              {reply.total > 0 ? 'No paper of this topic in this period.' : 'No cached papers listed in this period.'}
            </p>
          ) : (
            <PagedRows
              period={period}
              kind="paper"
              label="Papers, most upvoted first"
              numbered
              onSave={onSave}
              onTopic={onTopic}
              onOpen={onOpen}
              primaryHref={primaryHref}
              links={links}
              selectedId={props.selectedId}
            />
          )}
        </>
      )}
    </section>
  );
}

/**
 * A period's rows loaded so far and a "Show more" button that loads the next page from the background (a month can
 * hold thousands of papers). When a page arrives, focus moves to its first row's link, so a keyboard user goes on
 * reading where the list grew.
 */
function PagedRows(props: Omit<Parameters<typeof PaperRows>[0], 'rows'> & { period: PeriodPages }) {
  const { period, ...rest } = props;
  const reply = period.value!;
  const list = useRef<HTMLDivElement>(null);
  // The row to focus once the page asked for arrives.
  const focusAt = useRef<number | undefined>(undefined);
  useEffect(() => {
    const at = focusAt.current;
    if (at === undefined || at >= reply.papers.length) return;
    focusAt.current = undefined;
    list.current?.querySelectorAll('li[data-arxiv-id]')[at]?.querySelector<HTMLElement>('a')?.focus();
  }, [reply.papers.length]);
  const left = reply.count - reply.papers.length;
  return (
    <div ref={list}>
      <PaperRows rows={reply.papers} {...rest} />
      {left > 0 && (
        <button
          type="button"
          class="pr-button pr-more"
          data-action="show-more"
          data-paper-radar="more"
          aria-disabled={period.loadingMore ? 'true' : undefined}
          onClick={() => {
            if (!period.more) return;
            focusAt.current = reply.papers.length;
            period.more();
          }}
        >
          {period.loadingMore
            ? 'Loading more…'
            : `Show ${formatCount(Math.min(left, PERIOD_PAGE))} more (${formatCount(reply.papers.length)} of ${formatCount(reply.count)} shown)`}
        </button>
      )}
      {period.moreError && (
        <p class="pr-notice pr-notice--error" role="alert">
          Could not load more: {period.moreError}
        </p>
      )}
    </div>
  );
}

function ForYouView({ forYou, onSave, onOpen, primaryHref, links, selectedId, onTopic }: PersonalViewProps) {
  const reply = forYou.value;
  if (forYou.error && reply === undefined) return <Failure what="recommendations" error={forYou.error} />;
  if (reply === undefined) return <p class="pr-notice">Finding papers for you…</p>;
  return (
    <section class="pr-section" aria-label="For you" aria-busy={forYou.loading}>
      <p class="pr-muted pr-reader__count">
        {reply.historySize === 0
          ? 'Nothing in your reading history yet: these are the most upvoted recent papers. Open papers on arXiv (or here) and this list follows what you read.'
          : `Recent trending papers ranked by how related they are to the ${plural(reply.historySize, 'paper')} you read last (your reading history stays in this browser).`}
        {reply.paused && ' The reading history is paused.'}
      </p>
      {reply.hits.length === 0 ? (
        <p class="pr-notice pr-notice--none">No recent papers in the cache yet.</p>
      ) : (
        <PaperRows
          rows={reply.hits}
          kind="for-you"
          label="Papers for you, best first"
          onSave={onSave}
          onTopic={onTopic}
          onOpen={onOpen}
          primaryHref={primaryHref}
          links={links}
          selectedId={selectedId}
        />
      )}
    </section>
  );
}

/** A saved paper as a row: its feed row when the feed still holds it, else what was saved with it. */
function savedRow(s: SavedRow): PaperRow {
  return s.row ?? { id: s.id, title: s.title, upvotes: 0, listDate: '', authors: s.authors, saved: true };
}

function SavedView(props: PersonalViewProps) {
  const { saved, onSave, onOpen, primaryHref, links, selectedId, onExport, onTopic } = props;
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const list = saved.value;
  if (saved.error && list === undefined) return <Failure what="saved papers" error={saved.error} />;
  if (list === undefined) return <p class="pr-notice">Loading saved papers…</p>;
  const ids = list.map((s) => s.id);
  const chosen = ids.filter((id) => selected.has(id));
  const exportIds = chosen.length > 0 ? chosen : ids;
  return (
    <section class="pr-section" aria-label="Saved papers">
      <div class="pr-reader__controls">
        <span class="pr-muted">
          {plural(list.length, 'saved paper')}
          {chosen.length > 0 ? `, ${formatCount(chosen.length)} selected` : ''}
        </span>
        <button
          type="button"
          class="pr-button"
          data-action="export-bibtex"
          disabled={list.length === 0}
          onClick={() => onExport('bibtex', exportIds)}
        >
          Export {chosen.length > 0 ? 'selected' : 'all'} as BibTeX
        </button>
        <button
          type="button"
          class="pr-button"
          data-action="export-list"
          disabled={list.length === 0}
          onClick={() => onExport('list', exportIds)}
        >
          Export as a list with links
        </button>
      </div>
      {list.length === 0 ? (
        <p class="pr-notice pr-notice--none">No saved papers. Press “☆ Save” on a paper to keep it here.</p>
      ) : (
        <PaperRows
          rows={list.map(savedRow)}
          kind="paper"
          label="Saved papers, newest first"
          onSave={onSave}
          onTopic={onTopic}
          onOpen={onOpen}
          primaryHref={primaryHref}
          links={links}
          selectedId={selectedId}
          selected={selected}
          onSelect={(id, on) => {
            const next = new Set(selected);
            if (on) next.add(id);
            else next.delete(id);
            setSelected(next);
          }}
        />
      )}
      {list.length > 0 && <RelatedToSaved {...props} count={list.length} />}
    </section>
  );
}

/**
 * "Related to these": cached papers related to the saved papers taken as one set, best first, each with the phrases
 * it shares with the set as its why; the saved papers themselves are never listed.
 */
function RelatedToSaved({
  relatedToSaved,
  count,
  onOpen,
  primaryHref,
  links,
  selectedId,
}: PersonalViewProps & { count: number }) {
  const reply = relatedToSaved.value;
  return (
    <section class="pr-section" aria-labelledby="pr-related-saved-h">
      <h2 id="pr-related-saved-h" class="pr-section__title">
        Related to your {plural(count, 'saved paper')}
      </h2>
      {relatedToSaved.error && reply === undefined ? (
        <Failure what="related papers" error={relatedToSaved.error} />
      ) : reply === undefined ? (
        <p class="pr-notice">Finding related papers…</p>
      ) : reply.kind !== 'related' || reply.hits.length === 0 ? (
        <p class="pr-notice pr-notice--none" data-notice="unrelated">
          No cached paper is close to your saved papers.
        </p>
      ) : (
        <>
          <SetTerms terms={reply.shared} />
          <HitList
            hits={reply.hits}
            kind="related"
            label={`Papers related to your ${plural(count, 'saved paper')}, most related first`}
            primaryHref={primaryHref}
            onOpen={onOpen}
            links={links}
            selectedId={selectedId}
          />
        </>
      )}
    </section>
  );
}
