/**
 * What a page says about itself in its metadata: Highwire `citation_*` tags (Google Scholar's), Dublin Core,
 * Open Graph, `<link rel=canonical>` and its headings. The popup uses it to find related papers for pages whose
 * paper is not in the feed; detection reads the part that names the page's own paper (`readPageIdentity`).
 */
import { canonicalArxivId } from '../arxiv/id';
import { documentOf, elementName, isDocument } from './dom-scan';
import { arxivIdFromDoi, matchArxivUrl } from '../arxiv/urls';

/** Where `PageMeta.arxivId` was read from, strongest first. */
export type ArxivIdOrigin = 'citation_arxiv_id' | 'doi' | 'identifier' | 'canonical' | 'og:url' | 'pdf_url';

/** A page's own description of itself. Absent fields were not found; strings are whitespace-collapsed. */
export interface PageMeta {
  /** `citation_title`, else `DC.title`, `og:title`, `twitter:title`, the `<title>`. */
  title?: string;
  /** Where `title` came from: `citation` for `citation_title` and `DC.title`, `other` for the rest. */
  titleFrom?: 'citation' | 'other';
  /** `citation_abstract`, else `DC.description`, `og:description`, `description`, `twitter:description`. */
  abstract?: string;
  /**
   * `citation_author` in order, else `DC.creator`, else `author`. `Last, First` is turned into `First Last` (the
   * feed's order); other forms are kept.
   */
  authors: string[];
  /** `citation_doi`, else a DOI in `DC.identifier`, `prism.doi`, `dc.identifier.doi`; without `doi:`/resolver prefix. */
  doi?: string;
  /** Canonical arXiv id of the page's paper, when the metadata names one. */
  arxivId?: string;
  /** Which tag gave `arxivId`. */
  arxivIdFrom?: ArxivIdOrigin;
  /** `<link rel=canonical>`, else `og:url`, else `citation_abstract_html_url`; absolute when a base is known. */
  url?: string;
  /** `citation_pdf_url`. */
  pdfUrl?: string;
  /** `citation_publication_date`, else `citation_date`, `DC.date`, `article:published_time`, as written. */
  date?: string;
  /** `citation_keywords`, else `keywords`, split on `;` and `,`. */
  keywords: string[];
  /** `og:site_name`, else `citation_journal_title`, `citation_conference_title`. */
  siteName?: string;
  /** Texts of the `<h1>` and `<h2>` elements under the root, in order, at most `MAX_HEADINGS`, each ≤ 300 chars. */
  headings: string[];
}

/** At most this many headings go into `PageMeta.headings`. */
export const MAX_HEADINGS = 20;

function collapse(s: string | null | undefined): string | undefined {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t === '' ? undefined : t;
}

/** Every `<meta>` content by lower-cased `name`, `property`, `itemprop` (in that order of preference). */
function readMetaTags(head: ParentNode): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const el of Array.from(head.querySelectorAll('meta'))) {
    const key = (el.getAttribute('name') ?? el.getAttribute('property') ?? el.getAttribute('itemprop'))?.trim();
    const content = collapse(el.getAttribute('content'));
    if (!key || content === undefined) continue;
    const k = key.toLowerCase();
    const list = out.get(k);
    if (list) list.push(content);
    else out.set(k, [content]);
  }
  return out;
}

/** `Last, First` → `First Last`; names with no comma or several commas are kept as written. */
export function authorDisplayName(name: string): string {
  const parts = name.split(',');
  if (parts.length !== 2) return name.trim();
  const [last, first] = parts.map((p) => p.trim()) as [string, string];
  return first && last ? `${first} ${last}` : name.trim();
}

const DOI = /\b(10\.\d{4,9}\/[^\s"<>]+)/;

/** The bare DOI in `doi:10.…`, `https://doi.org/10.…` or `10.…`, or `undefined`. */
export function extractDoi(s: string): string | undefined {
  return DOI.exec(s)?.[1]?.replace(/[.,;]+$/, '');
}

/** `s` when it is an http(s) URL, else `undefined`. */
export function httpUrl(s: string | null | undefined): string | undefined {
  return s && /^https?:/i.test(s) ? s : undefined;
}

function resolve(href: string | undefined, base: string | undefined): string | undefined {
  if (href === undefined) return undefined;
  try {
    return base === undefined ? new URL(href).href : new URL(href, base).href;
  } catch {
    return undefined;
  }
}

/** Options of `readPageMeta`. */
export interface PageMetaOptions {
  /** Resolves relative URLs (canonical link); default the document's base URI when it is http(s). */
  base?: string;
  /** Collect `headings` (a walk over the whole root). Default `true`. */
  headings?: boolean;
}

/** A page's metadata tags, and lookups over them by preference order. */
class MetaTags {
  readonly head: ParentNode;
  private readonly tags: Map<string, string[]>;

  constructor(doc: Document) {
    // Metadata lives in <head>; not searching the body keeps this cheap on huge pages.
    this.head = doc.head ?? doc;
    this.tags = readMetaTags(this.head);
  }

  /** The first value of the first of `keys` present. */
  first(...keys: string[]): string | undefined {
    for (const k of keys) {
      const v = this.tags.get(k)?.[0];
      if (v !== undefined) return v;
    }
    return undefined;
  }

  /** Every value of the first of `keys` present. */
  all(...keys: string[]): string[] {
    for (const k of keys) {
      const v = this.tags.get(k);
      if (v && v.length > 0) return v;
    }
    return [];
  }
}

/** What names the page's own paper: its title, DOI, URLs and arXiv id (the part of `PageMeta` detection needs). */
export type PageIdentity = Pick<PageMeta, 'title' | 'titleFrom' | 'doi' | 'arxivId' | 'arxivIdFrom' | 'url' | 'pdfUrl'>;

/**
 * Reads what names the page's own paper (see `PageIdentity`): the light part of `readPageMeta`, which a content
 * script needs without the rest.
 */
export function readPageIdentity(doc: Document, base?: string): PageIdentity {
  return identityOf(new MetaTags(doc), base ?? httpUrl(doc.baseURI) ?? httpUrl(doc.URL));
}

function identityOf(tags: MetaTags, baseUrl: string | undefined): PageIdentity {
  const meta: PageIdentity = {};
  const docTitle = collapse(tags.head.querySelector('title')?.textContent);
  const citationTitle = tags.first('citation_title', 'dc.title');
  const title = citationTitle ?? tags.first('og:title', 'twitter:title') ?? docTitle;
  if (title) {
    meta.title = title;
    meta.titleFrom = citationTitle === undefined ? 'other' : 'citation';
  }

  const identifiers = tags.all('dc.identifier');
  const doi =
    tags.first('citation_doi', 'prism.doi', 'dc.identifier.doi', 'bepress_citation_doi') ??
    identifiers.find((i) => extractDoi(i) !== undefined);
  const bareDoi = doi === undefined ? undefined : extractDoi(doi);
  if (bareDoi) meta.doi = bareDoi;

  const canonicalLink = Array.from(tags.head.querySelectorAll('link[rel][href]')).find((l) =>
    (l.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'),
  );
  const canonical = resolve(collapse(canonicalLink?.getAttribute('href')), baseUrl);
  const ogUrl = resolve(tags.first('og:url'), baseUrl);
  const url = canonical ?? ogUrl ?? resolve(tags.first('citation_abstract_html_url'), baseUrl);
  if (url) meta.url = url;
  const pdfUrl = resolve(tags.first('citation_pdf_url'), baseUrl);
  if (pdfUrl) meta.pdfUrl = pdfUrl;

  // Strongest first: the first source that names an id wins.
  const fromIdentifiers = (): string | undefined => {
    for (const i of identifiers) {
      const id = canonicalArxivId(i) ?? matchArxivUrl(i)?.id ?? arxivIdFromDoi(i);
      if (id) return id;
    }
    return undefined;
  };
  const urlId = (u: string | undefined) => (u === undefined ? undefined : matchArxivUrl(u)?.id);
  const found = (
    (
      [
        ['citation_arxiv_id', () => canonicalArxivId(tags.first('citation_arxiv_id') ?? '')],
        ['doi', () => (bareDoi === undefined ? undefined : arxivIdFromDoi(bareDoi))],
        ['identifier', fromIdentifiers],
        ['canonical', () => urlId(canonical)],
        ['og:url', () => urlId(ogUrl)],
        ['pdf_url', () => urlId(pdfUrl)],
      ] as const
    ).map(([origin, read]) => [origin, read()] as const) as readonly [ArxivIdOrigin, string | undefined][]
  ).find(([, id]) => id !== undefined);
  if (found) {
    meta.arxivId = found[1] as string;
    meta.arxivIdFrom = found[0];
  }
  return meta;
}

/**
 * Reads the page's metadata. Meta, link and title tags are read from the root's document `<head>` (the whole
 * document when it has none), headings from `root` only. Tag names are matched case-insensitively
 * (`DC.identifier` = `dc.identifier`).
 *
 * @param root The document, or an element of it.
 */
export function readPageMeta(root: Document | Element, options: PageMetaOptions = {}): PageMeta {
  const doc = documentOf(root);
  const tags = new MetaTags(doc);
  const baseUrl = options.base ?? httpUrl(doc.baseURI) ?? httpUrl(doc.URL);
  const meta: PageMeta = { ...identityOf(tags, baseUrl), authors: [], keywords: [], headings: [] };
  const abstract = tags.first(
    'citation_abstract',
    'dc.description',
    'og:description',
    'description',
    'twitter:description',
  );
  if (abstract) meta.abstract = abstract;
  meta.authors = tags
    .all('citation_author', 'dc.creator', 'author')
    .map(authorDisplayName)
    .filter((a) => a !== '');

  const date = tags.first('citation_publication_date', 'citation_date', 'dc.date', 'article:published_time');
  if (date) meta.date = date;
  const keywords = tags
    .all('citation_keywords', 'keywords')
    .flatMap((k) => k.split(/[;,]/))
    .map((k) => k.trim())
    .filter((k) => k !== '');
  meta.keywords = [...new Set(keywords)];
  const siteName = tags.first('og:site_name', 'citation_journal_title', 'citation_conference_title');
  if (siteName) meta.siteName = siteName;

  const scope = isDocument(root) ? (root.body ?? root.documentElement) : root;
  if (scope && options.headings !== false) {
    const headings = Array.from(scope.querySelectorAll('h1, h2'));
    if (!isDocument(root) && ['h1', 'h2'].includes(elementName(root))) headings.unshift(root);
    for (const h of headings) {
      if (meta.headings.length >= MAX_HEADINGS) break;
      const text = collapse(h.textContent);
      if (text) meta.headings.push(text.slice(0, 300));
    }
  }
  return meta;
}
