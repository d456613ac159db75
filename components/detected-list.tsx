import type { DetectedPaper } from '../hooks/use-popup-data';
import { plural } from './format';
import { arxivAbsUrl, hfPaperUrl } from './paper-links';
import { HitFacts, PrimaryLink, RowLinks, type RowLink } from './paper-hits';

export interface DetectedListProps {
  papers: readonly DetectedPaper[];
  onOpen: (id: string) => void;
  links?: (id: string) => RowLink[];
  /** Rows shown before "Show all" (listing pages carry dozens). Default 8. */
  initial?: number;
  showAll: boolean;
  onShowAll: () => void;
}

/**
 * The papers found on the tab (`data-paper-radar="detected"`): those in the feed with their upvotes, list date and
 * rank, the others marked "not on Daily Papers" with their arXiv link.
 */
export function DetectedList({ papers, onOpen, links, initial = 8, showAll, onShowAll }: DetectedListProps) {
  const shown = showAll ? papers : papers.slice(0, initial);
  return (
    <>
      <ul class="pr-list" aria-label="Papers on this page">
        {shown.map(({ id, info }) => (
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
              <div class="pr-meta pr-detected--absent">
                <a href={arxivAbsUrl(id)} target="_blank" rel="noopener noreferrer">
                  arXiv:{id}
                </a>
                <span>not on Daily Papers</span>
              </div>
            )}
          </li>
        ))}
      </ul>
      {shown.length < papers.length && (
        <button type="button" class="pr-button pr-button--link pr-more" data-paper-radar="more" onClick={onShowAll}>
          Show all {plural(papers.length, 'paper')}
        </button>
      )}
    </>
  );
}
