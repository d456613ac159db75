/**
 * What a person pastes into the search box to name one paper: an arXiv id, an arXiv / alphaXiv / Hugging Face (or
 * other mirror) URL, or a DOI. Such a query opens that paper, or says it is not cached and links to it.
 */
import { canonicalArxivId } from '../arxiv/id';
import { arxivIdFromDoi, matchArxivUrl } from '../arxiv/urls';

/** A query naming one paper. */
export type PaperReference =
  /** An arXiv paper: by id, by a URL keyed on its id, or by its arXiv DOI (`10.48550/arXiv.ID`). */
  | { kind: 'arxiv'; id: string; url: string }
  /** Another DOI: never an arXiv id the feed is keyed on, so never cached; `url` resolves it at doi.org. */
  | { kind: 'doi'; doi: string; url: string };

/** A bare DOI (`10.1145/3368089.3409740`), optionally `doi:`-prefixed or as a doi.org / dx.doi.org URL. */
const DOI = /^(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)?(10\.\d{4,9}\/\S+)$/i;

/** Something shaped like a new-style arXiv id being typed (`2406.`, `2406.012`), not yet a whole one. */
const PARTIAL_ID = /^(?:arxiv:\s*)?\d{4}\.\d{0,4}$/i;

/**
 * The paper a query names, when the whole query (trimmed) is one reference; `undefined` for anything else, including
 * a URL of a page that names no paper (an arXiv listing) and text around an id.
 *
 * @example parsePaperReference('2406.01234v2') // { kind: 'arxiv', id: '2406.01234', url: 'https://arxiv.org/abs/2406.01234' }
 * @example parsePaperReference('https://huggingface.co/papers/2406.01234') // same paper
 * @example parsePaperReference('https://doi.org/10.1145/3368089') // { kind: 'doi', doi: '10.1145/3368089', … }
 */
export function parsePaperReference(query: string): PaperReference | undefined {
  const q = query.trim();
  if (q === '' || /\s/.test(q.replace(/^(arxiv|doi):\s+/i, ''))) return undefined;
  const id = canonicalArxivId(q) ?? arxivIdFromDoi(q) ?? matchArxivUrl(q)?.id;
  if (id) return { kind: 'arxiv', id, url: `https://arxiv.org/abs/${id}` };
  const doi = DOI.exec(q)?.[1]?.replace(/[.,;]+$/, '');
  if (doi) return { kind: 'doi', doi, url: `https://doi.org/${doi}` };
  return undefined;
}

/** Whether a query looks like a new-style arXiv id still being typed (`2406.012`): no word search is run for it. */
export function isPartialArxivId(query: string): boolean {
  return PARTIAL_ID.test(query.trim());
}
