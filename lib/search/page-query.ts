/**
 * Any web page as a related-papers source: its title without the site name, its description and its headings
 * without boilerplate sections. The caller reads these from the DOM (`lib/detect`); this module only sees strings.
 */
import type { RelatedSource } from './related';
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
 * A related-papers source for any page (`relatedPapers(index, pageQuery(page))`).
 *
 * The title is `cleanPageTitle(title)`; the abstract is the description followed by the first `MAX_HEADINGS`
 * distinct headings that are not boilerplate sections (`Introduction`, `2.1 Results`, `References`…), cut to
 * `MAX_PAGE_TEXT` characters; keywords are the first `MAX_PAGE_KEYWORDS` non-empty, trimmed keywords. Headings count
 * as abstract text, not keywords, because their wording is too loose to report as shared topics.
 */
export function pageQuery(page: PageText): RelatedSource {
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
  const source: RelatedSource = { title: cleanPageTitle(page.title.replace(/\s+/g, ' ').trim()) };
  if (abstract !== '') source.abstract = abstract;
  if (keywords.length > 0) source.keywords = keywords;
  return source;
}
