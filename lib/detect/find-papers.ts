/**
 * The entry point of detection: which papers a page refers to, and where a badge for each belongs.
 *
 * One pass over the DOM (`scanDom`) collects the evidence a page holds by itself — links (`links.ts`), ids written
 * in text (`ids-in-text.ts`), the page's metadata (`page-paper.ts`) — and the page's text for the title matcher
 * (`page-text.ts`). Cached titles live where the cache is: the text goes to `TitleIndex.match` (in the background
 * for a content script, in process for tests and benchmarks), and its matches come back to `PageScan.withTitles`.
 * Evidence is then grouped into mentions (`anchors.ts`).
 */
import { findArxivIdsInText, type ArxivTextKind } from './ids-in-text';
import { groupEvidence, PageStructure } from './anchors';
import { commonAncestorElement, documentOf, isDocument, locate, scanDomSteps, type TextRun } from './dom-scan';
import { linkTarget } from './links';
import { absorb, CONFIDENT, toMention, type Evidence, type MentionReason, type PaperMention } from './mention';
import { httpUrl, readPageIdentity } from './page-meta';
import { findPageTitleElement, pageEvidence, pageTitleEvidence } from './page-paper';
import { PageTextBuilder, type PageText } from './page-text';
import type { TitleIndex } from './title-index';
import type { TitleMatch } from './title-scores';
import { matchArxivUrl } from '../arxiv/urls';

/** Options of `scanPage` and `findPapers`. */
export interface FindPapersOptions {
  /**
   * The page's URL, which names the page's own paper on arXiv and its mirrors (`/abs/`, `/html/`, `/pdf/`,
   * `huggingface.co/papers/…`) and resolves relative links when the document has no http(s) base URI. Default: the
   * root document's `URL` when it is http(s). A content script passes `location.href`.
   */
  url?: string;
  /** Look for ids written in text (see `findArxivIdsInText`). Default `true`. */
  text?: boolean;
  /** Accept bare new-style ids without arXiv context (`TextOptions.bare`). Default `false`. */
  bareIds?: boolean;
  /**
   * Reads a title from a link's text, for naming papers not in the feed (`linkTitle`; the popup's scan passes it,
   * the badge content scripts do not need it). Default none.
   */
  linkTitle?: (link: Element) => string | undefined;
  /**
   * Name the page's own paper from metadata and URL, and fold every other piece of evidence for it into that one
   * mention. Default `true` when `root` is a `Document`, `false` for an element (a content script re-scanning
   * added nodes does not want the page's paper again). When `false`, evidence for the paper the page URL names is
   * dropped rather than reported (in-page links of an arXiv HTML paper are navigation).
   */
  pagePaper?: boolean;
}

/** What one pass over a page found, before cached titles are looked for. */
export interface PageScan {
  /** The page's mentions from links, ids in text and metadata; the page's own paper first. */
  readonly mentions: PaperMention[];
  /** The page's text, for `TitleIndex.match`. */
  readonly text: PageText;
  /** The page's metadata title, for `TitleIndex.lookup` (the page's own paper by title); absent for a part. */
  readonly metaTitle?: { title: string; fromCitation: boolean };
  /**
   * The mentions again, with title matches of `text` (only the confident ones should be passed) and the ids whose
   * title equals `metaTitle` merged in, grouped as `mentions` are.
   */
  withTitles(matches: readonly TitleMatch[], metaTitleIds?: readonly string[]): PaperMention[];
}

function textReason(kind: ArxivTextKind): MentionReason {
  return kind === 'url' ? 'link' : 'id in text';
}

/** At most this many `<h1>`/`<h2>` are kept while scanning, to find the page title among. */
const MAX_TITLE_HEADINGS = 100;

/** Evidence of one scan: links, ids in text, and the text for titles (a generator pausing as `scanDomSteps`). */
function* collectEvidence(
  root: Document | Element,
  base: string | undefined,
  options: FindPapersOptions,
  headings: Element[],
  text: PageTextBuilder,
): Generator<void, Evidence[]> {
  const out: Evidence[] = [];
  const scanText = options.text ?? true;
  const textOptions = { bare: options.bareIds ?? false };

  const onRun = (run: TextRun): void => {
    text.add(run);
    if (!scanText) return;
    for (const m of findArxivIdsInText(run.text, textOptions)) {
      const a = locate(run, m.start);
      const b = locate(run, m.end - 1);
      const element = commonAncestorElement(a.node, b.node);
      if (!element) continue;
      const range = { startNode: a.node, startOffset: a.offset, endNode: b.node, endOffset: b.offset + 1 };
      const ev: Evidence = {
        id: m.id,
        reason: textReason(m.kind),
        confidence: m.confidence,
        element,
        range,
        order: run.order[a.index] ?? 0,
      };
      out.push(ev);
    }
  };
  const onElement = (el: Element, name: string, at: number): void => {
    if ((name === 'h1' || name === 'h2') && headings.length < MAX_TITLE_HEADINGS) headings.push(el);
    if (name !== 'a' && name !== 'area') return;
    const hit = linkTarget(el, base);
    if (!hit) return;
    const ev: Evidence = { id: hit.id, reason: 'link', confidence: hit.confidence, element: el, order: at };
    const title = options.linkTitle?.(el);
    if (title) ev.title = title;
    out.push(ev);
  };
  yield* scanDomSteps(root, { element: onElement, run: onRun });
  // Runs are reported when they end, after the links inside them: restore document order (the sort is stable).
  return out.sort((a, b) => a.order - b.order);
}

/** Evidence of title matches, placed in the DOM runs they were found in. */
function titleEvidence(domRuns: readonly TextRun[], matches: readonly TitleMatch[]): Evidence[] {
  const out: Evidence[] = [];
  for (const m of matches) {
    const run = domRuns[m.run];
    if (!run || run.nodes.length === 0 || m.end <= m.start) continue;
    const a = locate(run, m.start);
    const b = locate(run, m.end - 1);
    const element = commonAncestorElement(a.node, b.node);
    if (!element) continue;
    const range = { startNode: a.node, startOffset: a.offset, endNode: b.node, endOffset: b.offset + 1 };
    const order = run.order[a.index] ?? 0;
    // Cached papers sharing one title: each is a mention at the same place (the matcher divided the confidence).
    for (const id of m.ids) out.push({ id, reason: 'title', confidence: m.confidence, element, range, order });
  }
  return out;
}

/**
 * Scans `root` once (see the module comment). Reads nothing global: the DOM is `root`, the page URL comes from
 * `options.url` or the root's document. Never throws for odd pages.
 *
 * Typical results, before titles: an arXiv abstract page gives one mention, its own paper, anchored at `h1.title`;
 * an arXiv listing gives one mention per entry anchored at the entry's title, plus papers linked from abstracts; an
 * arXiv HTML full text gives its own paper and one mention per cited arXiv paper per reference item; a blog post
 * gives one mention per paper per paragraph, anchored at its first link or id there.
 */
export function scanPage(root: Document | Element, options: FindPapersOptions = {}): PageScan {
  const steps = scanPageSteps(root, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `scanPage` as a generator that pauses every few hundred nodes of the walk (`scanDomSteps`), so a content script
 * can read a big page in slices and let the page run between them; its return value is `scanPage`'s.
 */
export function* scanPageSteps(root: Document | Element, options: FindPapersOptions = {}): Generator<void, PageScan> {
  const doc = documentOf(root);
  const pageUrl = options.url ?? httpUrl(doc.URL);
  const base = httpUrl(doc.baseURI) ?? pageUrl;
  const headings: Element[] = [];
  const builder = new PageTextBuilder();
  const evidence = yield* collectEvidence(root, base, options, headings, builder);
  const structure = new PageStructure(root, pageUrl);

  const whole = options.pagePaper ?? isDocument(root);
  // A scan of part of a page leaves out the page's own paper, and the evidence for it (its in-page links above all).
  const meta = whole ? readPageIdentity(doc, base) : {};
  const own = whole ? pageEvidence(meta, pageUrl) : [];
  const selfId = whole || pageUrl === undefined ? undefined : matchArxivUrl(pageUrl)?.id;
  const pageTitle = whole ? findPageTitleElement(headings, meta.title) : undefined;
  const build = (more: readonly Evidence[], byTitle: readonly Evidence[]): PaperMention[] => {
    const all = sortByOrder([...evidence, ...more].filter((ev) => ev.id !== selfId));
    const [top, ...rest] = [...own, ...byTitle];
    if (!top) return groupEvidence(all, structure);
    const page = toMention(top, pageTitle, true);
    if (meta.title && meta.titleFrom === 'citation' && page.title === undefined) page.title = meta.title;
    for (const ev of rest) if (ev.id === top.id) absorb(page, ev);
    const others: Evidence[] = [];
    for (const ev of all) {
      // Self-links and mentions confirm the page's paper but do not move its badge.
      if (ev.id === top.id) absorb(page, ev, false);
      else others.push(ev);
    }
    return [page, ...groupEvidence(others, structure)];
  };
  const fromCitation = meta.titleFrom === 'citation';
  return {
    mentions: build([], []),
    text: builder.text,
    ...(meta.title ? { metaTitle: { title: meta.title, fromCitation } } : {}),
    withTitles: (matches, metaTitleIds = []) =>
      build(
        titleEvidence(builder.domRuns, matches),
        meta.title ? pageTitleEvidence(metaTitleIds, fromCitation, meta.title) : [],
      ),
  };
}

function sortByOrder(evidence: Evidence[]): Evidence[] {
  return evidence.sort((a, b) => a.order - b.order);
}

/** Options of `findPapers`: `scanPage`'s, and cached titles to look for. */
export interface FindPapersWithTitlesOptions extends FindPapersOptions {
  /** Cached titles (see `createTitleIndex`). Default none: no title mentions. */
  titles?: TitleIndex;
  /** Title matches below this confidence are left out. Default `CONFIDENT` (0.6). */
  minTitleConfidence?: number;
}

/**
 * `scanPage` and the title matching in one call, in process: what a content script gets from `scanPage`, the
 * background's `TitleIndex.match` and `PageScan.withTitles`. For tests, benchmarks and pages that hold the index.
 */
export function findPapers(root: Document | Element, options: FindPapersWithTitlesOptions = {}): PaperMention[] {
  const scan = scanPage(root, options);
  const titles = options.titles;
  if (!titles || titles.size === 0) return scan.mentions;
  const matches = titles.match(scan.text, { minConfidence: options.minTitleConfidence ?? CONFIDENT });
  const metaIds = scan.metaTitle ? titles.lookup(scan.metaTitle.title) : [];
  return scan.withTitles(matches, metaIds);
}
