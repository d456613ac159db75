/**
 * arXiv ids in URLs and link targets: arxiv.org itself, the readers and mirrors that key their pages on the arXiv
 * id, and arXiv's DataCite DOI (`10.48550/arXiv.ID`).
 */
import { canonicalArxivId } from './id';

/** How a URL names its paper: an arxiv.org page, a mirror or reader keyed on the id, or the arXiv DOI. */
export type ArxivUrlKind = 'arxiv' | 'mirror' | 'doi';

/** An arXiv id read from a URL, with the kind of URL it came from. */
export interface ArxivUrlMatch {
  /** Canonical id (see `canonicalArxivId`). */
  id: string;
  kind: ArxivUrlKind;
}

/** Paths on arxiv.org (and its `export.`/`browse.`/`www.` hosts) that are followed by the id. */
const ARXIV_ROUTES = ['abs', 'pdf', 'html', 'format', 'ps', 'src', 'e-print'];

/**
 * Mirrors and readers whose pages are keyed on the arXiv id: host (without `www.`) → first path segments after
 * which the id comes. Papers with Code is listed for its `/paper/ID` and `/arxiv/ID` forms only; its usual
 * `/paper/<slug>` pages carry no id and are not recognised.
 */
const MIRROR_ROUTES: ReadonlyMap<string, readonly string[]> = new Map([
  ['ar5iv.org', ['abs', 'html', 'papers']],
  ['ar5iv.labs.arxiv.org', ['abs', 'html', 'papers']],
  ['alphaxiv.org', ['abs', 'overview', 'pdf']],
  ['huggingface.co', ['papers']],
  ['hf.co', ['papers']],
  ['scirate.com', ['arxiv']],
  ['semanticscholar.org', ['arxiv', 'paper']],
  ['api.semanticscholar.org', ['']],
  ['paperswithcode.com', ['paper', 'arxiv']],
  ['arxiv-vanity.com', ['papers']],
  ['emergentmind.com', ['papers', 'abs']],
  ['xxx.lanl.gov', ARXIV_ROUTES],
]);

/**
 * An arXiv DOI anywhere in a string: `10.48550/arXiv.2406.01234`, also old-style `10.48550/arXiv.hep-th/9901001`.
 * The id must not run on into more digits or letters.
 */
const ARXIV_DOI =
  /10\.48550\/arxiv\.(\d{4}\.\d{4,5}(?:v\d+)?|[a-z][a-z-]*(?:\.[a-z-]{2,8})?\/\d{7}(?:v\d+)?)(?![\w]|\.\d)/i;

/** A URL written without its scheme, such as `arxiv.org/abs/2406.01234` in running text. */
const SCHEMELESS_HOST = /^(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?\//i;

/**
 * The canonical arXiv id of an arXiv DOI (`10.48550/arXiv.2406.01234`, `doi:10.48550/…`, `https://doi.org/10.48550/…`,
 * any case), or `undefined` for any other DOI.
 */
export function arxivIdFromDoi(doi: string): string | undefined {
  const m = ARXIV_DOI.exec(doi);
  return m?.[1] === undefined ? undefined : canonicalArxivId(m[1]);
}

function parseUrl(raw: string, base: string | undefined): URL | undefined {
  const s = raw.trim();
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(s) ? s : SCHEMELESS_HOST.test(s) ? `https://${s}` : s;
  try {
    return base === undefined ? new URL(absolute) : new URL(absolute, base);
  } catch {
    return undefined;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The id at the start of `rest` (path segments after a route): `ID`, `ID.pdf`, `ID/…`, or old-style `archive/NNNNNNN`. */
function idAtPathStart(rest: readonly string[]): string | undefined {
  const first = rest[0];
  if (first === undefined || first === '') return undefined;
  const one = canonicalArxivId(first.replace(/\.pdf$/i, ''));
  if (one) return one;
  const second = rest[1];
  return second === undefined ? undefined : canonicalArxivId(`${first}/${second.replace(/\.pdf$/i, '')}`);
}

/**
 * Reads an arXiv id from a URL and says which kind of URL named it, or returns `undefined`.
 *
 * Recognised, with or without a version, a `.pdf` suffix, a query or a fragment:
 * - arxiv.org and any `*.arxiv.org` host (`export.`, `browse.`, `www.`): `/abs|pdf|html|format|ps|src|e-print/ID`,
 *   new-style and old-style (`/abs/hep-th/9901001v2`, `/abs/math.GT/0309136`) → kind `arxiv`.
 * - mirrors and readers → kind `mirror`: `ar5iv.org/abs|html/ID`, `ar5iv.labs.arxiv.org/html/ID`,
 *   `alphaxiv.org/abs|overview|pdf/ID`, `huggingface.co/papers/ID` (and `hf.co`), `scirate.com/arxiv/ID`,
 *   `semanticscholar.org/arxiv/ID`, `api.semanticscholar.org/arXiv:ID`, `paperswithcode.com/paper|arxiv/ID`,
 *   `arxiv-vanity.com/papers/ID`, `emergentmind.com/papers/ID`, the old `xxx.lanl.gov` host.
 * - an arXiv DOI anywhere in the URL (`https://doi.org/10.48550/arXiv.ID`, a publisher's `/doi/10.48550/…`) → `doi`.
 *
 * Listing, search, help and author pages (`/list/…`, `/search/…`, `/a/…`) carry no paper and give `undefined`, as
 * does every other host, even when its path contains something id-shaped.
 *
 * @param url Absolute (`https://…`), scheme-less (`arxiv.org/abs/…`) or, with `base`, relative (`/abs/…`).
 * @param base Resolves a relative `url`; typically the document's base URI.
 */
export function matchArxivUrl(url: string, base?: string): ArxivUrlMatch | undefined {
  const u = parseUrl(url, base);
  if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:')) return undefined;
  const doiId = arxivIdFromDoi(safeDecode(u.pathname + u.search));
  if (doiId) return { id: doiId, kind: 'doi' };
  const host = u.hostname.toLowerCase().replace(/^www\./, '');
  const segments = u.pathname.split('/').slice(1).map(safeDecode);
  const route = segments[0] ?? '';
  const mirror = MIRROR_ROUTES.get(host);
  if (mirror) {
    // `api.semanticscholar.org/arXiv:ID` has the id as its first segment; the empty route stands for that.
    const rest = mirror.includes(route) ? segments.slice(1) : mirror.includes('') ? segments : undefined;
    const id = rest && idAtPathStart(rest);
    return id ? { id, kind: host === 'xxx.lanl.gov' ? 'arxiv' : 'mirror' } : undefined;
  }
  if (host === 'arxiv.org' || host.endsWith('.arxiv.org')) {
    if (!ARXIV_ROUTES.includes(route)) return undefined;
    const id = idAtPathStart(segments.slice(1));
    return id ? { id, kind: 'arxiv' } : undefined;
  }
  return undefined;
}

/**
 * The canonical arXiv id a URL points to, or `undefined`. Same rules as `matchArxivUrl`; use that one when the kind
 * of URL matters (confidence).
 *
 * @example arxivIdFromUrl('https://arxiv.org/pdf/2406.01234v2.pdf') // '2406.01234'
 * @example arxivIdFromUrl('/abs/hep-th/9901001', 'https://arxiv.org/list/hep-th/new') // 'hep-th/9901001'
 */
export function arxivIdFromUrl(url: string, base?: string): string | undefined {
  return matchArxivUrl(url, base)?.id;
}
