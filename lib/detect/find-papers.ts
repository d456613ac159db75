/**
 * The one entry point of detection: which papers a page refers to, and where a badge for each belongs.
 *
 * One pass over the DOM collects evidence — arXiv links, ids and DOIs written in text, cached titles — and the page's
 * metadata names the page's own paper. Evidence is then grouped: everything about the page's own paper becomes one
 * hit anchored at the page title; inside a list entry (an arXiv listing's `<dt>`/`<dd>` pair, a search result, a
 * bibliography item, a table row) the evidence for one paper becomes one hit; elsewhere each link or mention is its
 * own hit.
 */
import {
  commonAncestorElement,
  documentOf,
  ELEMENT_NODE,
  elementName,
  isDocument,
  locate,
  scanDom,
  TEXT_NODE,
  type TextRun,
} from './dom-scan';
import { normalizeTitle } from './normalize';
import { readPageMeta, type PageMeta } from './page-meta';
import { findArxivIdsInText } from './text';
import { matchTitlesInRun, type TitleMatcher } from './title-matcher';
import { matchArxivUrl, type ArxivUrlKind } from '../arxiv/urls';

/**
 * What a hit rests on:
 * - `url`: a link target (`<a href>`) or a URL written in text, on arxiv.org or a mirror; or the page's own URL;
 * - `doi`: the arXiv DOI `10.48550/arXiv.ID`, in a link, in text or in the page's `citation_doi`;
 * - `text`: an id written in text (`arXiv:2406.01234`, see `findArxivIdsInText`);
 * - `meta`: the page's metadata (`citation_arxiv_id`, canonical link, `og:url`, `citation_pdf_url`, `DC.identifier`);
 * - `title`: a cached paper's title found in the page text, or equal to the page's metadata title.
 */
export type HitSource = 'url' | 'doi' | 'text' | 'meta' | 'title';

/** A DOM range, in the terms of `Range.setStart`/`setEnd`. */
export interface HitRange {
  startNode: Text;
  startOffset: number;
  endNode: Text;
  endOffset: number;
}

/** One paper the page refers to, at one place. */
export interface PaperHit {
  /** Canonical arXiv id (or, for title hits, the id the title matcher was given). */
  id: string;
  /** The strongest evidence's kind. */
  source: HitSource;
  /** 0..1, the strongest evidence's confidence (see `CONFIDENCE` and `TEXT_CONFIDENCE`). */
  confidence: number;
  /** Every kind of evidence merged into this hit, strongest first. */
  sources: HitSource[];
  /** The page's own paper (named by its metadata or URL); at most one hit has this, and it comes first. */
  isPagePaper: boolean;
  /**
   * Where the strongest evidence sits: the link, the element holding the text mention or title. Absent when the
   * evidence is the page's metadata or URL.
   */
  element?: Element;
  /**
   * Where a badge for this hit belongs — insert it as the anchor's last child or right after it:
   * - the page's own paper: the page title heading (the first `<h1>`/`<h2>` under the root whose text holds the
   *   metadata title, else `h1.title` (arXiv), `.ltx_title_document` (LaTeXML), else the first `<h1>`); absent when
   *   there is none;
   * - the main paper of a list entry (the first paper the entry refers to; entries are `li`, `dt`+`dd`, `tr`,
   *   `article`, role `listitem`/`article`/`row`, up to `MAX_ENTRY_CHARS` of text): the entry's title element
   *   (`.title`, else `.list-title`, else a heading), else its title-match element, else its first link or
   *   mention of that paper;
   * - any other paper in an entry: its first link or mention in that entry;
   * - outside entries: the link, or the smallest element holding the mention or title.
   */
  anchor?: Element;
  /** The exact text of the strongest evidence, when that is a mention in text or a title (not for links). */
  range?: HitRange;
}

/** Options of `findPapers`. */
export interface FindPapersOptions {
  /**
   * The page's URL, which names the page's own paper on arXiv and its mirrors (`/abs/`, `/html/`, `/pdf/`,
   * `huggingface.co/papers/…`) and resolves relative links when the document has no http(s) base URI. Default: the
   * root document's `URL` when it is http(s). A content script passes `location.href`.
   */
  url?: string;
  /** Cached titles to look for (see `createTitleMatcher`). Default none: no title hits. */
  titles?: TitleMatcher;
  /** Look for ids written in text (see `findArxivIdsInText`). Default `true`. */
  text?: boolean;
  /** Accept bare new-style ids without arXiv context (`TextOptions.bare`). Default `false`. */
  bareIds?: boolean;
  /**
   * Name the page's own paper from metadata, URL and metadata title, and fold every other piece of evidence for it
   * into that one hit. Default `true` when `root` is a `Document`, `false` for an element (a content script
   * re-scanning added nodes does not want the page's paper again). When `false`, evidence for the paper the page
   * URL names is dropped rather than reported (in-page links of an arXiv HTML paper are navigation).
   */
  pagePaper?: boolean;
}

/** Confidences of the evidence `findPapers` collects itself (text mentions use `TEXT_CONFIDENCE`). */
export const CONFIDENCE = {
  /** `citation_arxiv_id` meta tag, or the page's own arXiv URL. */
  pageId: 1,
  /** Page metadata naming an arXiv URL or DOI (canonical, `og:url`, `citation_pdf_url`, `DC.identifier`, DOI). */
  pageMeta: 0.95,
  /** The page's own URL on a mirror (`huggingface.co/papers/ID`). */
  pageMirror: 0.95,
  /** The page's metadata title equals a cached title. */
  pageTitle: 0.8,
  /** A link to arxiv.org, or an arXiv DOI link. */
  link: 0.95,
  /** A link to a mirror or reader. */
  mirrorLink: 0.9,
  /** A cached title that is all the text of its node(s). */
  titleWhole: 0.85,
  /** A cached title delimited by punctuation inside longer text. */
  titleDelimited: 0.7,
  /** Taken off title hits of fewer than `SHORT_TITLE_WORDS` words. */
  shortTitlePenalty: 0.1,
} as const;

/** Titles with fewer words than this get `CONFIDENCE.shortTitlePenalty`. */
export const SHORT_TITLE_WORDS = 6;
/** A would-be list entry with more text than this is a page section, not an entry. */
export const MAX_ENTRY_CHARS = 5000;

const ENTRY_TAGS = new Set(['li', 'dt', 'dd', 'tr', 'article']);
const ENTRY_ROLES = new Set(['listitem', 'article', 'row']);
const HAS_ID_DIGITS = /\d{4}/;

interface Evidence {
  id: string;
  source: HitSource;
  confidence: number;
  element?: Element;
  range?: HitRange;
  order: number;
}

function httpUrl(s: string | undefined | null): string | undefined {
  return s && /^https?:/i.test(s) ? s : undefined;
}

function linkConfidence(kind: ArxivUrlKind): number {
  return kind === 'mirror' ? CONFIDENCE.mirrorLink : CONFIDENCE.link;
}

/** At most this many `<h1>`/`<h2>` are kept while scanning, to find the page title among. */
const MAX_TITLE_HEADINGS = 100;

/** Collects link, text and title evidence in one DOM pass, and the page's first `<h1>`/`<h2>` elements. */
function collectEvidence(
  root: Document | Element,
  base: string | undefined,
  options: FindPapersOptions,
  headings: Element[],
): Evidence[] {
  const out: Evidence[] = [];
  const scanText = options.text ?? true;
  const titles = options.titles && options.titles.size > 0 ? options.titles : undefined;
  const textOptions = { bare: options.bareIds ?? false };

  const onRun = (run: TextRun): void => {
    if (scanText) {
      for (const m of findArxivIdsInText(run.text, textOptions)) {
        const a = locate(run, m.start);
        const b = locate(run, m.end - 1);
        const element = commonAncestorElement(a.node, b.node);
        if (!element) continue;
        const source: HitSource = m.kind === 'url' ? 'url' : m.kind === 'doi' ? 'doi' : 'text';
        const range = { startNode: a.node, startOffset: a.offset, endNode: b.node, endOffset: b.offset + 1 };
        out.push({ id: m.id, source, confidence: m.confidence, element, range, order: run.order[a.index] ?? 0 });
      }
    }
    if (titles) {
      for (const m of matchTitlesInRun(titles, run)) {
        let confidence = m.whole ? CONFIDENCE.titleWhole : CONFIDENCE.titleDelimited;
        if (m.words < SHORT_TITLE_WORDS) confidence -= CONFIDENCE.shortTitlePenalty;
        // Cached papers sharing one title: each is only half likely.
        if (m.ids.length > 1) confidence /= 2;
        const at = run.order[run.nodes.indexOf(m.range.startNode)] ?? 0;
        for (const id of m.ids)
          out.push({ id, source: 'title', confidence, element: m.element, range: m.range, order: at });
      }
    }
  };
  const onElement = (el: Element, name: string, at: number): void => {
    if ((name === 'h1' || name === 'h2') && headings.length < MAX_TITLE_HEADINGS) headings.push(el);
    if (name !== 'a' && name !== 'area') return;
    const href = el.getAttribute('href');
    if (!href || !HAS_ID_DIGITS.test(href)) return;
    const hit = matchArxivUrl(href, base);
    if (!hit) return;
    const source: HitSource = hit.kind === 'doi' ? 'doi' : 'url';
    out.push({ id: hit.id, source, confidence: linkConfidence(hit.kind), element: el, order: at });
  };
  scanDom(root, { element: onElement, run: onRun });
  // Runs are reported when they end, after the links inside them: restore document order (the sort is stable).
  return out.sort((a, b) => a.order - b.order);
}

/** Evidence naming the page's own paper, strongest first. */
function pageEvidence(meta: PageMeta, pageUrl: string | undefined, titles: TitleMatcher | undefined): Evidence[] {
  const out: Evidence[] = [];
  if (meta.arxivId && meta.arxivIdFrom === 'citation_arxiv_id') {
    out.push({ id: meta.arxivId, source: 'meta', confidence: CONFIDENCE.pageId, order: -1 });
  }
  const fromUrl = pageUrl === undefined ? undefined : matchArxivUrl(pageUrl);
  if (fromUrl) {
    const source: HitSource = fromUrl.kind === 'doi' ? 'doi' : 'url';
    const confidence = fromUrl.kind === 'mirror' ? CONFIDENCE.pageMirror : CONFIDENCE.pageId;
    out.push({ id: fromUrl.id, source, confidence, order: -1 });
  }
  if (meta.arxivId && meta.arxivIdFrom !== 'citation_arxiv_id') {
    const source: HitSource = meta.arxivIdFrom === 'doi' ? 'doi' : 'meta';
    out.push({ id: meta.arxivId, source, confidence: CONFIDENCE.pageMeta, order: -1 });
  }
  if (titles && meta.title) {
    const ids = titles.lookup(meta.title);
    if (ids.length === 1)
      out.push({ id: ids[0] as string, source: 'title', confidence: CONFIDENCE.pageTitle, order: -1 });
  }
  return out;
}

/**
 * The page's title heading among its first `<h1>`/`<h2>` (document order): the first whose text holds the metadata
 * title, else the first `h1.title` (arXiv) or `.ltx_title_document` (LaTeXML), else the first `<h1>`.
 */
function findPageTitleElement(headings: readonly Element[], title: string | undefined): Element | undefined {
  const wanted = title === undefined ? '' : normalizeTitle(title);
  if (wanted !== '') {
    for (const h of headings) {
      if (` ${normalizeTitle(h.textContent ?? '')} `.includes(` ${wanted} `)) return h;
    }
  }
  const classes = (h: Element): string[] => (h.getAttribute('class') ?? '').split(/\s+/);
  return (
    headings.find((h) => elementName(h) === 'h1' && classes(h).includes('title')) ??
    headings.find((h) => classes(h).includes('ltx_title_document')) ??
    headings.find((h) => elementName(h) === 'h1')
  );
}

/** Whether `el` holds at most `limit` characters of text (stops counting early). */
function textAtMost(el: Element, limit: number): boolean {
  let total = 0;
  const stack: Node[] = [el];
  while (stack.length > 0) {
    const n = stack.pop() as Node;
    if (n.nodeType === TEXT_NODE) {
      total += (n as Text).data.length;
      if (total > limit) return false;
    } else if (n.nodeType === ELEMENT_NODE) {
      const kids = n.childNodes;
      for (let i = 0; i < kids.length; i++) stack.push(kids[i] as Node);
    }
  }
  return true;
}

/** Finds list entries and their title elements, with caches (evidence elements share entries). */
class Entries {
  private readonly entryOf = new Map<Element, Element | null>();
  private readonly titleOf = new Map<Element, Element | null>();

  constructor(private readonly root: Document | Element) {}

  /** The list entry `el` belongs to, or `undefined`; a `<dd>` belongs to the `<dt>` before it. */
  find(el: Element): Element | undefined {
    // Every element climbed through shares the answer of the element it reaches, so all of them are cached.
    const path: Element[] = [];
    let found: Element | null = null;
    for (let n: Node | null = el; n && n.nodeType === ELEMENT_NODE; n = n.parentNode) {
      const e = n as Element;
      const cached = this.entryOf.get(e);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      path.push(e);
      const name = elementName(e);
      if (ENTRY_TAGS.has(name) || ENTRY_ROLES.has(e.getAttribute('role') ?? '')) {
        let entry = e;
        if (name === 'dd') {
          const prev = e.previousElementSibling;
          if (prev && elementName(prev) === 'dt') entry = prev;
        }
        // Bigger ancestors are bigger still: a too-large entry ends the search.
        if (textAtMost(e, MAX_ENTRY_CHARS)) found = entry;
        break;
      }
      if (n === this.root) break;
    }
    for (const e of path) this.entryOf.set(e, found);
    return found ?? undefined;
  }

  /**
   * The entry's title element (a `<dt>` entry also looks in its `<dd>`), or `undefined`: the first element with
   * class `title`, else with class `list-title`, else the first heading.
   */
  title(entry: Element): Element | undefined {
    const cached = this.titleOf.get(entry);
    if (cached !== undefined) return cached ?? undefined;
    const scopes = [entry];
    const next = entry.nextElementSibling;
    if (elementName(entry) === 'dt' && next && elementName(next) === 'dd') scopes.push(next);
    let best: Element | null = null;
    let bestRank = TITLE_RANKS;
    for (const scope of scopes) {
      const stack: Element[] = [];
      const kids = scope.children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as Element);
      while (stack.length > 0 && bestRank > 0) {
        const e = stack.pop() as Element;
        const rank = titleRank(e);
        if (rank < bestRank) {
          best = e;
          bestRank = rank;
        }
        const sub = e.children;
        for (let i = sub.length - 1; i >= 0; i--) stack.push(sub[i] as Element);
      }
    }
    this.titleOf.set(entry, best);
    return best ?? undefined;
  }
}

/** Ranks of title-like elements in an entry, best first; `TITLE_RANKS` means "not a title". */
const TITLE_RANKS = 3;
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

function titleRank(e: Element): number {
  const cls = e.getAttribute('class');
  if (cls && cls.includes('title')) {
    const tokens = cls.split(/\s+/);
    if (tokens.includes('title')) return 0;
    if (tokens.includes('list-title')) return 1;
  }
  return HEADINGS.has(elementName(e)) ? 2 : TITLE_RANKS;
}

/** Stable order of sources for `PaperHit.sources`, and the tie-break between equally confident evidence. */
const SOURCE_RANK: Record<HitSource, number> = { meta: 0, url: 1, doi: 2, text: 3, title: 4 };

function toHit(ev: Evidence, anchor: Element | undefined, isPagePaper: boolean): PaperHit {
  const hit: PaperHit = {
    id: ev.id,
    source: ev.source,
    confidence: ev.confidence,
    sources: [ev.source],
    isPagePaper,
  };
  if (ev.element) hit.element = ev.element;
  if (anchor) hit.anchor = anchor;
  if (ev.range) hit.range = ev.range;
  return hit;
}

/** Merges `ev` into `hit`: adds its kind to `sources` and, when `ev` is stronger and `replace`, makes it the representative. */
function absorb(hit: PaperHit, ev: Evidence, replace = true): void {
  if (!hit.sources.includes(ev.source)) {
    hit.sources.push(ev.source);
    hit.sources.sort((a, b) => SOURCE_RANK[a] - SOURCE_RANK[b]);
  }
  if (!replace) return;
  const stronger =
    ev.confidence > hit.confidence ||
    (ev.confidence === hit.confidence && SOURCE_RANK[ev.source] < SOURCE_RANK[hit.source]);
  if (!stronger) return;
  hit.source = ev.source;
  hit.confidence = ev.confidence;
  if (ev.element) hit.element = ev.element;
  else delete hit.element;
  if (ev.range) hit.range = ev.range;
  else delete hit.range;
}

/**
 * Finds the papers `root` refers to: arXiv links (`arxivIdFromUrl`), ids and DOIs in text (`findArxivIdsInText`),
 * cached titles (`options.titles`) and, for a document, the page's own paper (metadata, URL, metadata title).
 *
 * Hits are deduplicated per (id, anchor): all evidence for one paper at one badge place — an arXiv listing entry's
 * abs, pdf, html and "other" links and its `arXiv:ID` text, say — is one hit carrying the strongest evidence as
 * `source`/`confidence`/`element` and every kind in `sources`. The page's own paper comes first (`isPagePaper`);
 * the rest follow in document order of their first evidence.
 *
 * Typical results: an arXiv abstract page gives one hit, its own paper, anchored at `h1.title`; an arXiv listing
 * (`/list/…`, `/recent`, search results) gives one hit per entry anchored at the entry's title, plus hits for
 * papers linked from the abstracts; an arXiv HTML full text gives its own paper and one hit per cited arXiv paper
 * per bibliography item.
 *
 * Reads nothing global: the DOM is `root`, the page URL comes from `options.url` or the root's document.
 */
export function findPapers(root: Document | Element, options: FindPapersOptions = {}): PaperHit[] {
  const doc = documentOf(root);
  const pageUrl = options.url ?? httpUrl(doc.URL);
  const base = httpUrl(doc.baseURI) ?? pageUrl;
  const headings: Element[] = [];
  const evidence = collectEvidence(root, base, options, headings);

  if (!(options.pagePaper ?? isDocument(root))) {
    // A scan of part of a page still leaves out the paper the page itself is about (its in-page links above all).
    const selfId = pageUrl === undefined ? undefined : matchArxivUrl(pageUrl)?.id;
    return groupHits(selfId ? evidence.filter((ev) => ev.id !== selfId) : evidence, new Entries(root));
  }
  const meta = readPageMeta(doc, { ...(base === undefined ? {} : { base }), headings: false });
  const [top, ...more] = pageEvidence(meta, pageUrl, options.titles);
  if (!top) return groupHits(evidence, new Entries(root));
  const pageHit = toHit(top, findPageTitleElement(headings, meta.title), true);
  for (const ev of more) if (ev.id === top.id) absorb(pageHit, ev);
  const others: Evidence[] = [];
  for (const ev of evidence) {
    // Self-links and mentions confirm the page's paper but do not move its badge.
    if (ev.id === top.id) absorb(pageHit, ev, false);
    else others.push(ev);
  }
  return [pageHit, ...groupHits(others, new Entries(root))];
}

/**
 * Turns evidence (in document order) into hits: finds each piece's anchor (see `PaperHit.anchor`) and merges the
 * pieces that share an id and an anchor.
 */
function groupHits(evidence: readonly Evidence[], entries: Entries): PaperHit[] {
  // First pass: each entry's main paper (its first id), and each id's first element and title match in the entry.
  const entryOf = new Map<Evidence, Element>();
  const primary = new Map<Element, string>();
  const firstElement = new Map<Element, Map<string, Element>>();
  const titleElement = new Map<Element, Map<string, Element>>();
  const remember = (map: Map<Element, Map<string, Element>>, entry: Element, id: string, el: Element): void => {
    let byId = map.get(entry);
    if (!byId) map.set(entry, (byId = new Map()));
    if (!byId.has(id)) byId.set(id, el);
  };
  for (const ev of evidence) {
    const entry = ev.element && entries.find(ev.element);
    if (!entry || !ev.element) continue;
    entryOf.set(ev, entry);
    if (!primary.has(entry)) primary.set(entry, ev.id);
    remember(firstElement, entry, ev.id, ev.element);
    if (ev.source === 'title') remember(titleElement, entry, ev.id, ev.element);
  }

  const byAnchor = new Map<Element | undefined, Map<string, PaperHit>>();
  const hits: PaperHit[] = [];
  for (const ev of evidence) {
    const entry = entryOf.get(ev);
    let anchor = ev.element;
    if (entry) {
      anchor =
        primary.get(entry) === ev.id
          ? (entries.title(entry) ?? titleElement.get(entry)?.get(ev.id) ?? firstElement.get(entry)?.get(ev.id))
          : firstElement.get(entry)?.get(ev.id);
    }
    let atAnchor = byAnchor.get(anchor);
    if (!atAnchor) byAnchor.set(anchor, (atAnchor = new Map()));
    const known = atAnchor.get(ev.id);
    if (known) absorb(known, ev);
    else {
      const hit = toHit(ev, anchor, false);
      atAnchor.set(ev.id, hit);
      hits.push(hit);
    }
  }
  return hits;
}
