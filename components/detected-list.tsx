import type { DetectedRow } from '../hooks/use-popup-data';
import { plural } from './format';
import { arxivAbsUrl, hfPaperUrl } from './paper-links';
import { HitFacts, PrimaryLink, RowLinks, type RowLink } from './paper-hits';

export interface DetectedListProps {
  papers: readonly DetectedRow[];
  onOpen: (id: string) => void;
  links?: (id: string) => RowLink[];
  /** Rows shown before "Show all" (listing pages carry dozens). Default 8. */
  initial?: number;
  showAll: boolean;
  onShowAll: () => void;
}

/** What each reason means, for the chip's tooltip. */
const REASON_HELP: Record<string, string> = {
  link: 'The page links to it',
  'id in text': 'The page writes its arXiv id',
  title: 'The page cites its title',
  meta: 'The page is about this paper (its address or metadata)',
};

/** `95 %`: how sure detection is, as people read it. */
function percent(confidence: number): string {
  return `${Math.round(confidence * 100)} %`;
}

/** Why the paper is listed and how sure: `link · title · 95 %`. */
function Why({ paper }: { paper: DetectedRow }) {
  return (
    <span class="pr-why" data-confidence={paper.confidence.toFixed(2)}>
      <span class="pr-sr-only">Found by: </span>
      {paper.reasons.map((r) => (
        <span key={r} class="pr-chip" title={REASON_HELP[r]}>
          {r}
        </span>
      ))}
      <span title="How sure Paper Radar is that the page refers to this paper">{percent(paper.confidence)}</span>
    </span>
  );
}

/**
 * The papers found on the tab (`data-paper-radar="detected"`), those in the feed first: each with its title (from
 * the feed, else as the page gives it, else its arXiv id), why it was found and how sure; those in the feed with
 * their upvotes, list date and rank, the others marked "not on Daily Papers" with their arXiv link.
 */
export function DetectedList({ papers, onOpen, links, initial = 8, showAll, onShowAll }: DetectedListProps) {
  const shown = showAll ? papers : papers.slice(0, initial);
  return (
    <>
      <ul class="pr-list" aria-label="Papers on this page">
        {shown.map((paper) => {
          const { id, info } = paper;
          return (
            <li key={id} class="pr-item" data-paper-radar="detected" data-arxiv-id={id}>
              {info ? (
                <>
                  <PrimaryLink id={id} href={hfPaperUrl(id)} title={info.title} onOpen={onOpen} />
                  <div class="pr-meta">
                    <HitFacts
                      upvotes={info.upvotes}
                      listDate={info.listDate}
                      dayRank={info.dayRank}
                      trendingRank={info.trendingRank}
                    />
                    {links && <RowLinks links={links(id)} />}
                  </div>
                </>
              ) : (
                <>
                  <a class="pr-item__title" href={arxivAbsUrl(id)} target="_blank" rel="noopener noreferrer">
                    {paper.title ?? `arXiv:${id}`}
                  </a>
                  <div class="pr-meta pr-detected--absent">
                    {paper.title !== undefined && <span>arXiv:{id}</span>}
                    <span>not on Daily Papers</span>
                  </div>
                </>
              )}
              <div class="pr-meta pr-why-line">
                <Why paper={paper} />
              </div>
            </li>
          );
        })}
      </ul>
      {shown.length < papers.length && (
        <button type="button" class="pr-button pr-button--link pr-more" data-paper-radar="more" onClick={onShowAll}>
          Show all {plural(papers.length, 'paper')}
        </button>
      )}
    </>
  );
}
