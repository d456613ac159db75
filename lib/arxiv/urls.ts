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
const ARXIV_ROUTES = ['abs', 'pdf', 'html', 'format', 'ps', 'src', 'e-print', 'dvi', 'tb', 'cits'];

/**
 * arXiv's file-tree URLs, which name the id by its month folder: `/ftp/arxiv/papers/1312/1312.7288.pdf`,
 * `/ftp/hep-th/papers/9901/9901001.pdf` (old style: archive, then `YYMMNNN`), and the same under
 * `/PS_cache/arxiv/pdf/…` and `/PS_cache/hep-th/pdf/…`.
 */
const FILE_TREE = /^\/(?:ftp\/([a-z-]+(?:\.[a-z]{2})?)\/papers|ps_cache\/([a-z-]+)\/pdf)\/(\d{4})\/([^/]+)$/i;

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
  ['xxx.itp.ac.cn', ARXIV_ROUTES],
  ['front.math.ucdavis.edu', ['']],
  ['arxiv-sanity-lite.com', ['abs']],
  ['connectedpapers.com', ['api']],
  ['bytez.com', ['docs']],
]);

/**
 * Every host `matchArxivUrl` reads an id from (without subdomains: `export.arxiv.org` ends in `arxiv.org`), for
 * finding such URLs written in text.
 */
export const ARXIV_URL_HOSTS: readonly string[] = ['arxiv.org', 'doi.org', ...MIRROR_ROUTES.keys()];

/** Query parameters some mirrors put the id in (`arxiv-sanity-lite.com/?rank=pid&pid=2406.01234`). */
const ID_PARAMS = ['pid', 'id', 'id_list'];

/** Path segments a mirror may put between its route and the id (`connectedpapers.com/api/redirect/arxiv/ID`). */
const SKIPPED_SEGMENTS = new Set(['redirect', 'arxiv', 'abs', 'pdf']);

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

/** A path segment without a file suffix or an `arXiv:` prefix: `2406.01234v2.pdf` → `2406.01234v2`. */
function bareSegment(segment: string): string {
  return segment.replace(/\.(?:pdf|ps|gz|tar|html?)$/i, '').replace(/^arxiv:/i, '');
}

/** The id at the start of `rest` (path segments after a route): `ID`, `ID.pdf`, `ID/…`, or old-style `archive/NNNNNNN`. */
function idAtPathStart(rest: readonly string[]): string | undefined {
  const first = rest[0];
  if (first === undefined || first === '') return undefined;
  const one = canonicalArxivId(bareSegment(first));
  if (one) return one;
  const second = rest[1];
  return second === undefined ? undefined : canonicalArxivId(`${first}/${bareSegment(second)}`);
}

/** The id of an arXiv file-tree path (see `FILE_TREE`), checked against its month folder. */
function idOfFileTree(path: string): string | undefined {
  const m = FILE_TREE.exec(path);
  if (!m) return undefined;
  const archive = (m[1] ?? m[2] ?? '').toLowerCase();
  const [month, file] = [m[3] as string, bareSegment(m[4] as string)];
  if (!file.startsWith(month)) return undefined;
  return archive === 'arxiv' ? canonicalArxivId(file) : canonicalArxivId(`${archive}/${file}`);
}

/** Redirect services name their target in a query parameter, path or fragment; the target's id, if it is arXiv's. */
function idOfWrappedUrl(u: URL, depth: number): ArxivUrlMatch | undefined {
  if (depth >= MAX_WRAP_DEPTH) return undefined;
  for (const [, value] of u.searchParams) {
    const inner = wrappedTarget(value);
    const hit = inner === undefined ? undefined : matchUrl(inner, undefined, depth + 1);
    if (hit) return hit;
  }
  // Targets in the path (`web.archive.org/web/2024/https://arxiv.org/abs/…`, `urldefense.com/v3/__https://…__;…`)
  // or the fragment.
  const rest = safeDecode(u.pathname + u.hash);
  const at = rest.search(/https?:\/\/?|(?:^|\/)(?:www\.)?arxiv\.org\//i);
  if (at < 0) return undefined;
  const inner =
    rest
      .slice(at)
      .replace(/^\//, '')
      .split(/__|[\s;]/)[0] ?? '';
  return matchUrl(inner.replace(/^(https?:)\/(?!\/)/i, '$1//'), undefined, depth + 1);
}

/** How many wrappers deep a link is unwrapped (a redirect inside a redirect is common; more is not). */
const MAX_WRAP_DEPTH = 3;

/** A query value's URL: itself when URL-shaped, decoded once more when still encoded. */
function wrappedTarget(value: string): string | undefined {
  const v = value.trim();
  if (/^(?:https?:)?\/\//i.test(v) || SCHEMELESS_HOST.test(v)) return v;
  return /^https?%3a/i.test(v) ? safeDecode(v) : undefined;
}

/**
 * Reads an arXiv id from a URL and says which kind of URL named it, or returns `undefined`.
 *
 * Recognised, with or without a version, a `.pdf` suffix, an `arXiv:` prefix, a query or a fragment:
 * - arxiv.org and any `*.arxiv.org` host (`export.`, `browse.`, `www.`, `lanl.`, the old country mirrors `de.`,
 *   `cn.`…): `/abs|pdf|html|format|ps|src|e-print|dvi|tb|cits/ID`, new-style and old-style
 *   (`/abs/hep-th/9901001v2`, `/abs/math.GT/0309136`), and the file tree `/ftp/arxiv/papers/YYMM/ID.pdf`,
 *   `/ftp/ARCHIVE/papers/YYMM/YYMMNNN.pdf`, `/PS_cache/…/pdf/YYMM/…` → kind `arxiv`; the old `xxx.lanl.gov` and
 *   `xxx.itp.ac.cn` hosts likewise.
 * - mirrors and readers → kind `mirror`: `ar5iv.org/abs|html/ID`, `ar5iv.labs.arxiv.org/html/ID`,
 *   `alphaxiv.org/abs|overview|pdf/ID`, `huggingface.co/papers/ID` (and `hf.co`), `scirate.com/arxiv/ID`,
 *   `semanticscholar.org/arxiv/ID`, `api.semanticscholar.org/arXiv:ID`, `paperswithcode.com/paper|arxiv/ID`,
 *   `arxiv-vanity.com/papers/ID`, `emergentmind.com/papers/ID`, `front.math.ucdavis.edu/ID`,
 *   `arxiv-sanity-lite.com/?pid=ID`, `connectedpapers.com/api/redirect/arxiv/ID`, `bytez.com/docs/arxiv/ID`.
 * - an arXiv DOI anywhere in the URL (`https://doi.org/10.48550/arXiv.ID`, a publisher's `/doi/10.48550/…`) → `doi`.
 * - links wrapped by another service, up to three deep, with the kind of the URL inside: a target in a query
 *   parameter (`google.com/url?q=…`, `l.facebook.com/l.php?u=…`, `out.reddit.com/…?url=…`, Outlook safe links,
 *   `scholar.google.com/scholar_url?url=…`), or in the path (`web.archive.org/web/…/URL`,
 *   Proofpoint's `urldefense.com/v3/__URL__;…`).
 *
 * Listing, search, help and author pages (`/list/…`, `/search/…`, `/a/…`) carry no paper and give `undefined`, as
 * does every other host, even when its path contains something id-shaped. Link shorteners (`t.co`, `bit.ly`) carry
 * no target in the URL: `lib/detect` reads the link's other attributes and text instead.
 *
 * @param url Absolute (`https://…`), scheme-less (`arxiv.org/abs/…`) or, with `base`, relative (`/abs/…`).
 * @param base Resolves a relative `url`; typically the document's base URI.
 */
export function matchArxivUrl(url: string, base?: string): ArxivUrlMatch | undefined {
  return matchUrl(url, base, 0);
}

function matchUrl(url: string, base: string | undefined, depth: number): ArxivUrlMatch | undefined {
  const u = parseUrl(url, base);
  if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:')) return undefined;
  const doiId = arxivIdFromDoi(safeDecode(u.pathname + u.search));
  if (doiId) return { id: doiId, kind: 'doi' };
  const host = u.hostname.toLowerCase().replace(/^www\./, '');
  const segments = u.pathname.split('/').slice(1).map(safeDecode);
  const route = segments[0] ?? '';
  const mirror = MIRROR_ROUTES.get(host);
  if (mirror) {
    const kind = host.startsWith('xxx.') ? 'arxiv' : 'mirror';
    const id = idOfMirrorPath(mirror, segments) ?? idOfParams(u);
    return id ? { id, kind } : undefined;
  }
  if (host === 'arxiv.org' || host.endsWith('.arxiv.org')) {
    const fromTree = idOfFileTree(u.pathname);
    if (fromTree) return { id: fromTree, kind: 'arxiv' };
    if (!ARXIV_ROUTES.includes(route)) return undefined;
    const id = idAtPathStart(segments.slice(1));
    return id ? { id, kind: 'arxiv' } : undefined;
  }
  return idOfWrappedUrl(u, depth);
}

/** The id after one of a mirror's routes; the empty route stands for the id as the first segment. */
function idOfMirrorPath(routes: readonly string[], segments: readonly string[]): string | undefined {
  const route = segments[0] ?? '';
  if (routes.includes(route) && route !== '') {
    let rest = segments.slice(1);
    // `bytez.com/docs/arxiv/ID`, `connectedpapers.com/api/redirect/arxiv/ID`: skip the words before the id.
    while (rest.length > 1 && SKIPPED_SEGMENTS.has((rest[0] ?? '').toLowerCase())) rest = rest.slice(1);
    return idAtPathStart(rest);
  }
  return routes.includes('') ? idAtPathStart(segments) : undefined;
}

function idOfParams(u: URL): string | undefined {
  for (const name of ID_PARAMS) {
    const value = u.searchParams.get(name);
    const id = value === null ? undefined : canonicalArxivId(bareSegment(value));
    if (id) return id;
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
