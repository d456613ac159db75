/**
 * Detection for pages too big for `findPapers` in one task (a curated list of 100,000 links, a huge
 * bibliography): `findPapers` reads every text run, groups evidence per list entry and looks for each entry's
 * title, about 10–40 µs per link in Chromium — seconds on such a page. Here the page's links to arXiv (and its
 * mirrors and DOIs) and the ids written inside one text node are read, one at a time, so the caller can stop
 * between them and let the page run. Each badge goes right after its link, or at the end of the element whose text
 * names the paper.
 */
import { canonicalArxivId } from '../arxiv/id';
import { matchArxivUrl } from '../arxiv/urls';
import { findArxivIdsInText } from '../detect/ids-in-text';
import { BADGE_ATTR } from './render';
import type { BadgeTarget } from './layer';

/**
 * Pages with more elements than this take the big-page path. `findPapers` costs about 2–3 µs per element on a
 * quiet machine (16 ms on the 700 KB arXiv HTML page), so below this it stays well inside one 50 ms task.
 */
export const BIG_PAGE_ELEMENTS = 15_000;

/**
 * Whether `doc` has more than `limit` elements: too big for `findPapers` in one task. Counted natively (a few ms
 * even at 500,000 elements).
 */
export function isBigPage(doc: Document, limit = BIG_PAGE_ELEMENTS): boolean {
  return doc.getElementsByTagName('*').length > limit;
}

/**
 * The usual arXiv link (`https://arxiv.org/abs/2406.01234v2`, `//export.arxiv.org/pdf/2406.01234.pdf`), and with
 * group 1 empty its relative form (`/abs/2406.01234`), read without parsing a URL: 20× cheaper than
 * `matchArxivUrl`, which reads every other form.
 */
const USUAL_LINK =
  /^(https?:\/\/(?:www\.|export\.|browse\.)?arxiv\.org)?\/(?:abs|pdf|html)\/(\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?\/?(?:[?#].*)?$/i;

/** Digits an arXiv id, DOI or mirror URL must hold: cheap to test before parsing a URL. */
const HAS_ID_DIGITS = /\d{4}/;
/** A new-style (`2406.01234`) or old-style (`hep-th/9901001`) id may be in this text. */
const MAY_HOLD_ID = /\d{4}\.\d{4,5}|\/\d{7}/;
/** Elements whose text no reader sees (as `scanDom` skips them). */
const UNSEEN = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'select', 'head', 'title']);

function isOurs(el: Element | null): boolean {
  for (let e = el; e; e = e.parentElement) if (e.hasAttribute(BADGE_ATTR)) return true;
  return false;
}

/**
 * The arXiv papers of a big page, one target at a time: first every link (`<a href>`, `<area href>`) naming one,
 * in page order, then every id written in a text node outside links (`arXiv:2406.01234`, DOIs, URLs in text).
 * `base` resolves relative links (the page URL).
 */
export function* bigPageTargets(doc: Document, base?: string): Generator<BadgeTarget> {
  const onArxiv = base !== undefined && /^https?:\/\/(?:[a-z]+\.)?arxiv\.org\//i.test(base);
  for (const link of doc.links) {
    const href = link.getAttribute('href');
    if (!href || !HAS_ID_DIGITS.test(href)) continue;
    const usual = USUAL_LINK.exec(href);
    const id = usual && (usual[1] || onArxiv) ? canonicalArxivId(usual[2] ?? '') : matchArxivUrl(href, base)?.id;
    if (id) yield { id, anchor: link };
  }
  const body = doc.body;
  if (!body) return;
  // Text nodes only: the walker does the tree walk natively, and most nodes fail the cheap digit test.
  const walker = doc.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const data = (node as Text).data;
    if (data.length < 9 || !MAY_HOLD_ID.test(data)) continue;
    const parent = node.parentElement;
    if (!parent || UNSEEN.has(parent.localName) || parent.closest('a[href]') || isOurs(parent)) continue;
    for (const m of findArxivIdsInText(data)) yield { id: m.id, anchor: parent };
  }
}
