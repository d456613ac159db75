/**
 * Any web page as a related-papers source: the page's own paper when it is one, else its title without the site
 * name, its description and its headings without boilerplate sections, and the papers found on it. The popup sends
 * what `relatedSourceOf` makes of its scan of the tab; the background relates from it (`relatedQuery`).
 */
import type { PageInfo, TabScan } from '../detect/scan-page';
import { normalizeTitle, rawWords } from '../text/normalize';

/** The text of a page that says what it is about. */
export interface PageText {
  /** `document.title` or `og:title`. */
  title: string;
  /** `meta[name=description]` or `og:description`. */
  description?: string;
  /** Heading texts (`h1`–`h3`), in document order. */
  headings?: readonly string[];
  /** `meta[name=keywords]` split on commas, when the page has them. */
  keywords?: readonly string[];
}

/** A page as a related-papers source (a `RelatedSource` without id or papers). */
export interface PageSource {
  /** The page title without the site name; may be empty. */
  title: string;
  abstract?: string;
  keywords?: string[];
}

/** Most headings used (the first ones: later ones are usually navigation and footers). */
export const MAX_HEADINGS = 30;

/** Most characters of description and headings passed on as the source's abstract. */
export const MAX_PAGE_TEXT = 4000;

/** Most keywords passed on. */
export const MAX_PAGE_KEYWORDS = 20;

/** Headings that name a section, not a topic (normalized, numbering removed). */
const BOILERPLATE_HEADINGS = new Set([
  'abstract',
  'introduction',
  'background',
  'related work',
  'related works',
  'preliminaries',
  'method',
  'methods',
  'methodology',
  'approach',
  'experiments',
  'experimental setup',
  'experimental results',
  'results',
  'evaluation',
  'discussion',
  'limitations',
  'conclusion',
  'conclusions',
  'future work',
  'references',
  'bibliography',
  'acknowledgments',
  'acknowledgements',
  'appendix',
  'contents',
  'table of contents',
  'comments',
  'share',
  'navigation',
  'menu',
  'search',
  'footer',
  'related posts',
  'recent posts',
  'subscribe',
  'about',
  'contact',
]);

const SEPARATOR = /(\s+[|–—·•-]\s+|\s+::\s+)/;
const ARXIV_PREFIX = /^\s*\[[^\]]{4,30}\]\s*/;
const NUMBERING = /^(?:[\dIVXivx]+|[A-Za-z])(?:\.\d+)*\.?\s+/;

function words(s: string): number {
  return rawWords(s).length;
}

/**
 * A page title without its site name: drops an arXiv-style `[2401.01234]` prefix, then short segments (at most 4
 * words) after ` | `, ` - `, ` – `, ` — `, ` · `, ` • ` or ` :: ` at the end, and one of at most 2 words before a
 * ` | `, ` · `, ` • ` or ` :: ` at the start, as long as 3 words remain; separators in what remains are kept as written
 * (`Mamba: Linear-Time Sequence Modeling | Papers With Code` → `Mamba: Linear-Time Sequence Modeling`;
 * `arXiv | Scaling Laws for Experts` → `Scaling Laws for Experts`; `Foo - A Bar for Baz | arXiv` →
 * `Foo - A Bar for Baz`).
 */
export function cleanPageTitle(title: string): string {
  // Segments at even positions, the separators between them (as written) at odd ones.
  let parts = title.replace(ARXIV_PREFIX, '').trim().split(SEPARATOR);
  const wordsIn = (from: number, to: number) => words(parts.slice(from, to).join(' '));
  while (parts.length > 2 && words(parts.at(-1) ?? '') <= 4 && wordsIn(0, -2) >= 3) parts = parts.slice(0, -2);
  // A leading segment only before a bar-like separator: before a dash it is as often the paper's own name ("Foo - A…").
  const leadingSite = parts.length > 2 && !/[-–—]/.test(parts[1] ?? '') && words(parts[0] ?? '') <= 2;
  if (leadingSite && wordsIn(2, parts.length) >= 3) parts = parts.slice(2);
  return parts.join('').trim();
}

function isBoilerplate(heading: string): boolean {
  const bare = normalizeTitle(heading.replace(NUMBERING, ''));
  return bare === '' || BOILERPLATE_HEADINGS.has(bare);
}

/**
 * A related-papers source for any page (`relatedPapers(index, pageQuery(page))`; the popup adds the page's papers).
 *
 * The title is `cleanPageTitle(title)`; the abstract is the description followed by the first `MAX_HEADINGS`
 * distinct headings that are not boilerplate sections (`Introduction`, `2.1 Results`, `References`…), cut to
 * `MAX_PAGE_TEXT` characters; keywords are the first `MAX_PAGE_KEYWORDS` non-empty, trimmed keywords. Headings count
 * as abstract text, not keywords, because their wording is too loose to report as shared topics.
 */
export function pageQuery(page: PageText): PageSource {
  const seen = new Set<string>();
  const headings: string[] = [];
  for (const h of page.headings ?? []) {
    if (headings.length >= MAX_HEADINGS) break;
    const text = h.replace(/\s+/g, ' ').trim();
    const key = normalizeTitle(text);
    if (text === '' || seen.has(key) || isBoilerplate(text)) continue;
    seen.add(key);
    headings.push(text);
  }
  const description = (page.description ?? '').replace(/\s+/g, ' ').trim();
  const abstract = [description, ...headings]
    .filter((s) => s !== '')
    .join('. ')
    .slice(0, MAX_PAGE_TEXT);
  const keywords = (page.keywords ?? [])
    .map((k) => k.replace(/\s+/g, ' ').trim())
    .filter((k) => k !== '')
    .slice(0, MAX_PAGE_KEYWORDS);
  const source: PageSource = { title: cleanPageTitle(page.title.replace(/\s+/g, ' ').trim()) };
  if (abstract !== '') source.abstract = abstract;
  if (keywords.length > 0) source.keywords = keywords;
  return source;
}

/** A related-papers source as the popup sends it (the protocol's `Source`; see `RelatedSource` for each field). */
export interface PageRelatedSource {
  id?: string;
  title: string;
  abstract?: string;
  keywords?: string[];
  papers?: string[];
}

/** The protocol's limits on a source (characters, and list lengths). */
export const SOURCE_LIMITS = Object.freeze({ title: 2000, abstract: 20_000, keywords: 100, keyword: 200 });

/** Most page papers sent as a source (a huge listing keeps its first ones). */
export const MAX_SOURCE_PAPERS = 500;

/**
 * The id of the page's own paper: the one its meta tags name, else the only id on the page (a blog post or a
 * Hugging Face page about one paper). A listing with many ids has none.
 */
export function ownPaperId(scan: Pick<TabScan, 'ids' | 'page'>): string | undefined {
  return scan.page.paper?.id ?? (scan.ids.length === 1 ? scan.ids[0] : undefined);
}

/**
 * What to find related papers for, from the popup's scan of a page:
 * - a page that is a paper (its meta tags name a title): its id (the background relates from its cached record
 *   when it holds it) with the title and abstract of the meta tags;
 * - a page about one paper (`ownId`: the only id on it): that id, with the page's text (`pageQuery`) for when the
 *   paper is not cached;
 * - any other page: its text (`pageQuery`) and the `papers` found on it (arXiv ids and cached titles), whose shared
 *   content the background relates from when it holds them;
 * undefined when the page says nothing and holds no paper (the background then answers trending). Cut to
 * `SOURCE_LIMITS` and `MAX_SOURCE_PAPERS`.
 */
export function relatedSourceOf(
  page: PageInfo,
  ownId?: string,
  papers: readonly string[] = [],
): PageRelatedSource | undefined {
  if (page.paper?.title.trim()) {
    const id = page.paper.id ?? ownId;
    return limited({ ...(id ? { id } : {}), title: page.paper.title, abstract: page.paper.abstract ?? '' });
  }
  const text = pageQuery({
    title: page.title ?? '',
    ...(page.description ? { description: page.description } : {}),
    ...(page.headings ? { headings: page.headings } : {}),
  });
  if (ownId) return limited({ id: ownId, ...text });
  const ids = [...new Set(papers)].slice(0, MAX_SOURCE_PAPERS);
  if (text.title === '' && !text.abstract && ids.length === 0) return undefined;
  return limited({ ...text, ...(ids.length > 0 ? { papers: ids } : {}) });
}

function limited(s: PageRelatedSource): PageRelatedSource {
  const out: PageRelatedSource = { title: s.title.replace(/\s+/g, ' ').trim().slice(0, SOURCE_LIMITS.title) };
  if (s.id) out.id = s.id;
  if (s.abstract) out.abstract = s.abstract.slice(0, SOURCE_LIMITS.abstract);
  const keywords = (s.keywords ?? []).map((k) => k.slice(0, SOURCE_LIMITS.keyword)).filter(Boolean);
  if (keywords.length > 0) out.keywords = keywords.slice(0, SOURCE_LIMITS.keywords);
  if (s.papers && s.papers.length > 0) out.papers = s.papers;
  return out;
}

/**
 * Least papers a page with a paper of its own must cite (other papers found on it: its bibliography, the papers a
 * blog post about it links) for the popup to relate to them as a set besides the own paper: fewer say too little
 * about a topic to be worth a second list.
 */
export const MIN_CITED_PAPERS = 3;

/** The papers a page cites as a related-papers source: the set, and the own paper never returned. */
export interface CitedSource {
  papers: string[];
  exclude: string[];
}

/**
 * The source of "related to the papers this page cites", for a page with a paper of its own (`ownPaperId`) on which
 * at least `MIN_CITED_PAPERS` other papers were found: those papers (page order, one each, at most
 * `MAX_SOURCE_PAPERS`) as the set, the own paper excluded from the answer. No page text joins the query: the own
 * paper's list already relates to it. Undefined otherwise (a listing, a page without a paper of its own, a page
 * citing fewer papers). The background counts only the cached ones (`RelatedReply.papers`).
 */
export function citedSourceOf(scan: Pick<TabScan, 'ids' | 'page' | 'papers'>): CitedSource | undefined {
  const own = ownPaperId(scan);
  if (own === undefined) return undefined;
  const cited = [...new Set([...scan.papers.map((p) => p.id), ...scan.ids])].filter((id) => id !== own);
  if (cited.length < MIN_CITED_PAPERS) return undefined;
  return { papers: cited.slice(0, MAX_SOURCE_PAPERS), exclude: [own] };
}
