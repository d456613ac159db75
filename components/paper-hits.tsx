import type { PaperHit } from '../lib/feed/summary';
import { formatCount, formatDay } from './format';
import { NAV_ATTR, OPEN_ATTR } from './list-keys';

/** A secondary link shown under a row (arXiv, the reader, Hugging Face…). */
export interface RowLink {
  label: string;
  href: string;
  /** Opens in a new tab (default true). */
  newTab?: boolean;
}

export interface HitListProps {
  hits: readonly PaperHit[];
  /**
   * The role of each row: `related` (popup) or `result` (popup and reader), both in CONTRACT.md, or
   * `cited-related` (the popup's list related to the papers a page cites; README, "DOM attributes").
   */
  kind: 'related' | 'result' | 'cited-related';
  /** Where a row's title link points (for middle-click and the status bar); a plain click calls `onOpen`. */
  primaryHref: (id: string) => string;
  onOpen: (id: string) => void;
  links?: (id: string) => RowLink[];
  /** Accessible name of the list. */
  label: string;
  /** Highlights the row with this id (the reader's open paper). */
  selectedId?: string | undefined;
}

/** A ranked list of papers (search results, related papers), best first, each with its upvotes, list date and why. */
export function HitList({ hits, kind, primaryHref, onOpen, links, label, selectedId }: HitListProps) {
  return (
    <ol class="pr-list" aria-label={label}>
      {hits.map((hit) => (
        <li
          key={hit.id}
          class={`pr-item${hit.id === selectedId ? ' pr-item--selected' : ''}`}
          data-paper-radar={kind}
          data-arxiv-id={hit.id}
        >
          <PrimaryLink id={hit.id} href={primaryHref(hit.id)} onOpen={onOpen} title={hit.title} />
          <div class="pr-meta">
            <HitFacts
              upvotes={hit.upvotes}
              listDate={hit.listDate}
              dayRank={hit.dayRank}
              trendingRank={hit.trendingRank}
            />
            {links && <RowLinks links={links(hit.id)} />}
          </div>
          {hit.why && hit.why.length > 0 && (
            <div class="pr-meta pr-why-line">
              <span class="pr-sr-only">Shares: </span>
              <span class="pr-why" title="Terms it shares with what you are reading or searching">
                {hit.why.map((w, i) => (
                  <span key={`${i}:${w}`} class="pr-chip">
                    {w}
                  </span>
                ))}
              </span>
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}

export interface PrimaryLinkProps {
  id: string;
  href: string;
  title: string;
  onOpen: (id: string) => void;
}

/** A row's title: the link arrow keys move through; a plain click or Enter calls `onOpen(id)`. */
export function PrimaryLink({ id, href, title, onOpen }: PrimaryLinkProps) {
  return (
    <a
      class="pr-item__title"
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      {...{ [NAV_ATTR]: '', [OPEN_ATTR]: id }}
      onClick={(e) => {
        // Let modified and middle clicks do what the browser does with a link.
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        onOpen(id);
      }}
    >
      {title}
    </a>
  );
}

export interface HitFactsProps {
  upvotes: number;
  listDate: string;
  dayRank?: number | undefined;
  trendingRank?: number | undefined;
}

/** `▲ 123 · Aug 7, 2026 · #2 that day · #4 trending`. */
export function HitFacts({ upvotes, listDate, dayRank, trendingRank }: HitFactsProps) {
  return (
    <>
      <span class="pr-upvotes" title="Upvotes on Hugging Face">
        ▲ {formatCount(upvotes)}
      </span>
      <span title="Daily Papers list date">{formatDay(listDate)}</span>
      {dayRank !== undefined && <span title="Rank on its list date">#{dayRank} that day</span>}
      {trendingRank !== undefined && <span title="Rank in today's trending list">#{trendingRank} trending</span>}
    </>
  );
}

export function RowLinks({ links }: { links: readonly RowLink[] }) {
  return (
    <span class="pr-links">
      {links.map((l) => (
        <a
          key={l.label}
          href={l.href}
          {...(l.newTab === false ? {} : { target: '_blank', rel: 'noopener noreferrer' })}
        >
          {l.label}
        </a>
      ))}
    </span>
  );
}

/**
 * The line above a set's related list naming what the set shares as a whole ("These papers share: diffusion, video
 * generation"); nothing when the answer names no term. Terms come from papers' titles and keywords: text only.
 */
export function SetTerms({
  terms,
  lead = 'These papers share',
}: {
  terms?: readonly string[] | undefined;
  lead?: string;
}) {
  if (!terms || terms.length === 0) return null;
  return (
    <p class="pr-basis pr-muted" data-paper-radar="set-terms">
      {lead}:{' '}
      {terms.map((t, i) => (
        <span key={`${i}:${t}`}>
          {i > 0 && ', '}
          <span class="pr-set-term">{t}</span>
        </span>
      ))}
    </p>
  );
}
