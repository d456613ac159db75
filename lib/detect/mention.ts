/**
 * What detection reports: a paper mentioned at one place of a page, the evidence behind it merged, and how sure it
 * is. The pieces of evidence (a link, an id in text, a cached title, the page's metadata) are collected by
 * `find-papers.ts` and grouped into mentions by `anchors.ts`.
 */

/**
 * Why a paper is taken to be on the page, as the popup names it:
 * - `link`: a link to the paper on arXiv, a mirror or its DOI (`<a href>`, a shortener's expanded-URL attribute,
 *   a redirect wrapping such a link), or such a URL written out in the text;
 * - `id in text`: an arXiv id written in the text (`arXiv:2406.01234`, a BibTeX `eprint`, an arXiv DOI, a bare id
 *   in arXiv context);
 * - `title`: a cached paper's title found in the text (see `lib/detect/title-index.ts` for the cues it needs);
 * - `meta`: the page describes itself as the paper (`citation_arxiv_id`, canonical URL, its own URL, a metadata
 *   title equal to the cached title).
 */
export type MentionReason = 'link' | 'id in text' | 'title' | 'meta';

/** Every reason, strongest first: the order of `PaperMention.reasons` and the tie-break between equal evidence. */
export const REASONS: readonly MentionReason[] = ['meta', 'link', 'id in text', 'title'];

/** Confidences (0..1) of the evidence read from links and metadata; text ids use `TEXT_CONFIDENCE`. */
export const CONFIDENCE = {
  /** `citation_arxiv_id` meta tag, or the page's own arXiv URL. */
  pageId: 1,
  /** Page metadata naming an arXiv URL or DOI (canonical, `og:url`, `citation_pdf_url`, `DC.identifier`, DOI). */
  pageMeta: 0.95,
  /** The page's own URL on a mirror (`huggingface.co/papers/ID`, `alphaxiv.org/abs/ID`). */
  pageMirror: 0.95,
  /** The page's `citation_title` (or Dublin Core title) equals a cached title. */
  pageCitationTitle: 0.8,
  /** The page's `og:title` or `<title>` equals a cached title. */
  pageTitle: 0.7,
  /** A link to arxiv.org, or an arXiv DOI link. */
  link: 0.95,
  /** A link to a mirror or reader. */
  mirrorLink: 0.9,
  /** A link whose `href` is a shortener, with the arXiv URL in its `data-expanded-url` or `title` attribute. */
  expandedLink: 0.9,
} as const;

/**
 * Confidence at or above which a mention is shown to people (the popup's list, badges). Title matches below it are
 * not reported; ids and links are all above it except bare ids without arXiv context.
 */
export const CONFIDENT = 0.6;

/** A DOM range, in the terms of `Range.setStart`/`setEnd`. */
export interface MentionRange {
  startNode: Text;
  startOffset: number;
  endNode: Text;
  endOffset: number;
}

/** One paper the page refers to, at one place. */
export interface PaperMention {
  /** Canonical arXiv id. */
  id: string;
  /** The strongest evidence's reason. */
  reason: MentionReason;
  /** Every reason merged into this mention, strongest first. */
  reasons: MentionReason[];
  /** 0..1, the strongest evidence's confidence (see `CONFIDENCE`, `TEXT_CONFIDENCE`, `TITLE_SCORES`). */
  confidence: number;
  /** The page's own paper (named by its metadata or URL); at most one mention has this, and it comes first. */
  isPagePaper: boolean;
  /** Where the strongest evidence sits: the link, the element holding the text or title. Absent for metadata. */
  element?: Element;
  /**
   * Where a badge for this mention belongs — as the anchor's last child (a block) or right after it (inline):
   * the page's own paper at the page's title heading; the main paper of an entry whose structure the page proves
   * (an arXiv listing or search result, a Hugging Face paper card, a Google Scholar result) at the entry's title;
   * every other mention at its first link, id or title in its block. Absent when there is no such place.
   */
  anchor?: Element;
  /** The exact text of the strongest evidence, when that is text (an id, a URL, a title) rather than a link. */
  range?: MentionRange;
  /**
   * A title for the paper read from the page, when it has one: the page's metadata title (its own paper), the
   * title field of a citation record (BibTeX, RIS, CSL-JSON), or the text of a link that reads as a title.
   */
  title?: string;
}

/** One piece of evidence, before grouping. `order` is its document position. */
export interface Evidence {
  id: string;
  reason: MentionReason;
  confidence: number;
  element?: Element;
  range?: MentionRange;
  title?: string;
  order: number;
}

/** A mention made of one piece of evidence. */
export function toMention(ev: Evidence, anchor: Element | undefined, isPagePaper: boolean): PaperMention {
  const m: PaperMention = {
    id: ev.id,
    reason: ev.reason,
    reasons: [ev.reason],
    confidence: ev.confidence,
    isPagePaper,
  };
  if (ev.element) m.element = ev.element;
  if (anchor) m.anchor = anchor;
  if (ev.range) m.range = ev.range;
  if (ev.title) m.title = ev.title;
  return m;
}

/**
 * Merges `ev` into `m`: adds its reason to `reasons`, keeps the first title found, and — when `ev` is stronger and
 * `replace` — makes it the representative evidence (`reason`, `confidence`, `element`, `range`).
 */
export function absorb(m: PaperMention, ev: Evidence, replace = true): void {
  if (!m.reasons.includes(ev.reason)) {
    m.reasons.push(ev.reason);
    m.reasons.sort((a, b) => REASONS.indexOf(a) - REASONS.indexOf(b));
  }
  if (m.title === undefined && ev.title !== undefined) m.title = ev.title;
  if (!replace) return;
  const rank = (r: MentionReason) => REASONS.indexOf(r);
  const stronger = ev.confidence > m.confidence || (ev.confidence === m.confidence && rank(ev.reason) < rank(m.reason));
  if (!stronger) return;
  m.reason = ev.reason;
  m.confidence = ev.confidence;
  if (ev.element) m.element = ev.element;
  else delete m.element;
  if (ev.range) m.range = ev.range;
  else delete m.range;
}
