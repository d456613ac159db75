import type { RefObject } from 'preact';
import type { Loadable } from '../hooks/use-loadable';
import type { PaperHit } from '../lib/feed/summary';
import { parsePaperReference } from '../lib/search/paper-reference';
import { plural } from './format';
import { HitList, type HitListProps } from './paper-hits';

export interface SearchBoxProps {
  value: string;
  onInput: (value: string) => void;
  inputRef?: RefObject<HTMLInputElement | null>;
  placeholder?: string;
}

/** The search box of the contract (`<input type="search" data-paper-radar="search">`). */
export function SearchBox({ value, onInput, inputRef, placeholder }: SearchBoxProps) {
  return (
    <input
      ref={inputRef}
      type="search"
      class="pr-search"
      data-paper-radar="search"
      aria-label="Search cached papers"
      placeholder={placeholder ?? 'Search cached papers  ( / )'}
      autocomplete="off"
      spellcheck={false}
      value={value}
      onInput={(e) => onInput(e.currentTarget.value)}
    />
  );
}

export interface SearchResultsProps extends Omit<HitListProps, 'hits' | 'kind' | 'label'> {
  query: string;
  results: Loadable<PaperHit[]>;
  /** Drops hits outside the reader's date range. */
  filter?: ((hit: PaperHit) => boolean) | undefined;
  /** Says how many results there are (the reader). */
  showCount?: boolean;
}

/** Search results (`data-paper-radar="result"`, best first) with their loading, empty and error states. */
export function SearchResults({ query, results, filter, showCount, ...rest }: SearchResultsProps) {
  const hits = filter ? (results.value ?? []).filter(filter) : (results.value ?? []);
  return (
    <section class="pr-section" aria-label="Search results" aria-busy={results.loading}>
      {results.error ? (
        <p class="pr-notice pr-notice--error" role="alert">
          Search failed: {results.error}
        </p>
      ) : results.value === undefined ? (
        <p class="pr-notice">Searching…</p>
      ) : hits.length === 0 && !results.loading ? (
        <NoMatch query={query} />
      ) : (
        <>
          {showCount && (
            <p class="pr-muted pr-reader__count" aria-live="polite">
              {plural(hits.length, 'result')} for “{query.trim()}”
              {hits.length >= (results.value?.length ?? 0) ? '' : ' in these dates'}
            </p>
          )}
          <HitList hits={hits} kind="result" label={`Results for ${query}`} {...rest} />
        </>
      )}
    </section>
  );
}

/** The empty result: for a pasted paper reference, that it is not cached and where to read it; else no match. */
export function NoMatch({ query }: { query: string }) {
  const ref = parsePaperReference(query);
  if (!ref) return <p class="pr-notice pr-notice--none">No cached paper matches “{query.trim()}”.</p>;
  const name = ref.kind === 'arxiv' ? `arXiv:${ref.id}` : `DOI ${ref.doi}`;
  return (
    <p class="pr-notice pr-notice--none" data-notice="not-cached">
      <span>{name} is not in the cached feed. </span>
      <a href={ref.url} target="_blank" rel="noopener noreferrer">
        {ref.kind === 'arxiv' ? 'Open it on arXiv' : 'Open it at doi.org'}
      </a>
    </p>
  );
}
