/**
 * What the popup learns from a page: the papers it refers to (page's own paper first), what it says about itself,
 * and the short texts (link texts, headings, list items, table cells) in which cached titles may appear — the
 * background matches those against its titles, so the page never needs the whole cache.
 */
import { findPapers } from './find-papers';
import { readPageMeta } from './page-meta';

/** What a page tells about itself: its own paper's metadata where it has one, else its title and headings. */
export interface PageInfo {
  url?: string;
  title?: string;
  description?: string;
  headings?: string[];
  /** The page's own paper (abstract page meta tags), when it is one. */
  paper?: { id?: string; title: string; abstract?: string; authors?: string[] };
}

/** What the popup learns about a tab: the arXiv ids found (the page's own first) and the page's info. */
export interface TabScan {
  ids: string[];
  page: PageInfo;
  /** How the scan was made: the page's content script, a one-off injected detector, or nothing possible. */
  via: 'content-script' | 'injected' | 'none';
  /** Short texts of the page that may be cached titles (matched by the background, then dropped). */
  titleTexts?: string[];
}

/** Texts longer than this are not candidate titles (titles in the feed are under 300 characters). */
const MAX_TITLE_TEXT = 400;
/** Texts shorter than this cannot hold a matchable title (the matcher's minimum is 25 normalized characters). */
const MIN_TITLE_TEXT = 20;
/** At most this many candidate texts leave a page (a huge page keeps its first ones). */
export const MAX_TITLE_TEXTS = 3000;

const CANDIDATES =
  'a, h1, h2, h3, h4, h5, h6, li, td, dd, dt, cite, strong, b, em, i, span.title, .title, [itemprop=name], [itemprop=headline]';

/**
 * Elements looked at for candidate texts: on a huge page the first ones only, so the popup's scan stays fast (each
 * look reads the element's whole text, and nested lists make that grow with the square of the page).
 */
export const MAX_CANDIDATE_ELEMENTS = 20_000;

/** Short texts of `doc` that may be a cached paper's title, deduplicated, in document order. */
export function titleCandidates(doc: Document, max = MAX_TITLE_TEXTS): string[] {
  const out = new Set<string>();
  const elements = doc.querySelectorAll(CANDIDATES);
  const n = Math.min(elements.length, MAX_CANDIDATE_ELEMENTS);
  for (let i = 0; i < n; i++) {
    const raw = elements[i]!.textContent ?? '';
    // Far too long to be a title even after collapsing its whitespace: skip it before reading it through.
    if (raw.length > MAX_TITLE_TEXT * 4) continue;
    const text = raw.replace(/\s+/g, ' ').trim();
    if (text.length < MIN_TITLE_TEXT || text.length > MAX_TITLE_TEXT) continue;
    out.add(text);
    if (out.size >= max) break;
  }
  return [...out];
}

/** Scans a whole document (see the module comment). Never throws for odd pages. */
export function scanDocument(doc: Document, url?: string): Omit<TabScan, 'via'> {
  const hits = findPapers(doc, url ? { url } : {});
  const ids = [...new Set(hits.map((h) => h.id))];
  const meta = readPageMeta(doc);
  const page: PageInfo = { headings: meta.headings };
  const pageUrl = url ?? doc.URL;
  if (/^https?:/.test(pageUrl)) page.url = pageUrl;
  const title = meta.title ?? doc.title;
  if (title) page.title = title;
  if (meta.abstract) page.description = meta.abstract;
  const own = hits.find((h) => h.isPagePaper);
  if (meta.title && (own || meta.abstract || meta.authors.length > 0)) {
    page.paper = {
      title: meta.title,
      ...(own ? { id: own.id } : {}),
      ...(meta.abstract ? { abstract: meta.abstract } : {}),
      ...(meta.authors.length > 0 ? { authors: meta.authors } : {}),
    };
  }
  return { ids, page, titleTexts: titleCandidates(doc) };
}
