import { useEffect, useRef } from 'preact/hooks';
import type { Paper } from '../lib/feed/paper';
import type { Loadable } from '../hooks/use-loadable';
import { formatCount, formatDay, plural } from './format';
import { arxivAbsUrl, arxivPdfUrl, hfPaperUrl, safeHttpUrl } from './paper-links';

export interface PaperDetailProps {
  id: string;
  paper: Loadable<Paper | null>;
  onClose: () => void;
}

/** Authors listed before "and N more". */
const AUTHORS_SHOWN = 12;

/**
 * One paper in full (the reader's `#ID`): abstract, AI summary, keywords, authors, organization, code and project
 * links. Scrolls itself into view whenever it shows another paper; Escape closes it.
 */
export function PaperDetail({ id, paper, onClose }: PaperDetailProps) {
  const ref = useRef<HTMLElement>(null);
  const p = paper.value?.id === id ? paper.value : undefined;
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'start' });
  }, [id, p !== undefined]);
  // Escape closes the panel from anywhere on the page, unless something else (a field, a menu) used the key.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented && !e.isComposing) onClose();
    };
    const doc = ref.current?.ownerDocument;
    doc?.addEventListener('keydown', onKey);
    return () => doc?.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <article ref={ref} class="pr-detail" aria-labelledby="pr-detail-title" data-detail-id={id}>
      <button type="button" class="pr-detail__close pr-button pr-button--link" onClick={onClose} aria-label="Close">
        ✕
      </button>
      {p ? (
        <PaperBody paper={p} />
      ) : paper.loading ? (
        <p class="pr-notice">Loading {id}…</p>
      ) : (
        <>
          <h2 id="pr-detail-title" class="pr-detail__title">
            arXiv:{id}
          </h2>
          <p class="pr-notice pr-notice--none">
            {paper.error ? `Could not load it: ${paper.error}` : 'This paper is not in the cached feed.'}
          </p>
          <p class="pr-links">
            <a href={hfPaperUrl(id)} target="_blank" rel="noopener noreferrer">
              Hugging Face
            </a>
            <a href={arxivAbsUrl(id)} target="_blank" rel="noopener noreferrer">
              arXiv
            </a>
          </p>
        </>
      )}
    </article>
  );
}

function PaperBody({ paper: p }: { paper: Paper }) {
  const github = safeHttpUrl(p.githubRepo);
  const project = safeHttpUrl(p.projectPage);
  const authors = p.authors.length > AUTHORS_SHOWN ? p.authors.slice(0, AUTHORS_SHOWN) : p.authors;
  return (
    <>
      <h2 id="pr-detail-title" class="pr-detail__title">
        {p.title}
      </h2>
      <div class="pr-meta">
        <span class="pr-upvotes" title="Upvotes on Hugging Face">
          ▲ {formatCount(p.upvotes)}
        </span>
        <span>{plural(p.comments, 'comment')}</span>
        <span title="Daily Papers list date">listed {formatDay(p.listDate)}</span>
        {p.dayRank !== undefined && <span>#{p.dayRank} that day</span>}
        <span title="arXiv publication date">published {formatDay(p.publishedDate)}</span>
      </div>
      {authors.length > 0 && (
        <p class="pr-detail__authors">
          {authors.join(', ')}
          {authors.length < p.authors.length && ` and ${p.authors.length - authors.length} more`}
        </p>
      )}
      {p.organization && <p class="pr-detail__org pr-muted">{p.organization}</p>}
      <p class="pr-links pr-detail__links">
        <a href={hfPaperUrl(p.id)} target="_blank" rel="noopener noreferrer">
          Hugging Face
        </a>
        <a href={arxivAbsUrl(p.id)} target="_blank" rel="noopener noreferrer">
          arXiv
        </a>
        <a href={arxivPdfUrl(p.id)} target="_blank" rel="noopener noreferrer">
          PDF
        </a>
        {github && (
          <a href={github} target="_blank" rel="noopener noreferrer">
            GitHub{p.githubStars !== undefined ? ` ★ ${formatCount(p.githubStars)}` : ''}
          </a>
        )}
        {project && (
          <a href={project} target="_blank" rel="noopener noreferrer">
            Project page
          </a>
        )}
      </p>
      {p.aiSummary && (
        <section class="pr-detail__block">
          <h3 class="pr-section__title">AI summary</h3>
          <p class="pr-detail__summary">{p.aiSummary}</p>
        </section>
      )}
      <section class="pr-detail__block">
        <h3 class="pr-section__title">Abstract</h3>
        <p class="pr-detail__abstract">{p.abstract || 'The feed carried no abstract for this paper.'}</p>
      </section>
      {p.keywords.length > 0 && (
        <section class="pr-detail__block">
          <h3 class="pr-section__title">Keywords</h3>
          <p class="pr-why">
            {p.keywords.map((k, i) => (
              <span key={`${i}:${k}`} class="pr-chip">
                {k}
              </span>
            ))}
          </p>
        </section>
      )}
    </>
  );
}
