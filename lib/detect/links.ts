/**
 * The paper a link points to: its `href` on arXiv, a mirror or an arXiv DOI (wrapped by a redirect or not), and —
 * when the `href` names nothing, as with shorteners (`t.co`, `bit.ly`) — the attributes social sites put the real
 * target in (`data-expanded-url`, `data-full-url`, `title`). A URL split across the link's text is found by the
 * text scan, not here.
 */
import { matchArxivUrl, type ArxivUrlKind } from '../arxiv/urls';
// Every id form contains four digits in a row: a URL without them is skipped at once.
import { HAS_DIGITS } from './ids-in-text';
import { CONFIDENCE } from './mention';

/** Attributes that carry a link's real target when its `href` is a shortener, in the order they are tried. */
export const TARGET_ATTRIBUTES = ['data-expanded-url', 'data-full-url', 'title'] as const;

/** The paper a link points to. */
export interface LinkTarget {
  id: string;
  kind: ArxivUrlKind;
  /** `CONFIDENCE.link`, `mirrorLink` or `expandedLink`. */
  confidence: number;
}

/**
 * The arXiv paper `link` (an `<a>` or `<area>`) points to, or `undefined`. Relative `href`s resolve against
 * `base`. Reads at most four attributes; never throws.
 */
export function linkTarget(link: Element, base: string | undefined): LinkTarget | undefined {
  const href = link.getAttribute('href');
  if (href && HAS_DIGITS.test(href)) {
    const hit = matchArxivUrl(href, base);
    if (hit) return { ...hit, confidence: hit.kind === 'mirror' ? CONFIDENCE.mirrorLink : CONFIDENCE.link };
  }
  for (const name of TARGET_ATTRIBUTES) {
    const value = link.getAttribute(name);
    if (!value || !HAS_DIGITS.test(value)) continue;
    const hit = matchArxivUrl(value);
    if (hit) return { ...hit, confidence: CONFIDENCE.expandedLink };
  }
  return undefined;
}

/** Link texts that name a format or a site, not a paper (`PDF`, `arXiv`, `[abs]`, `View arXiv page`). */
const NOT_A_TITLE = /^\W*(?:pdf|html|abs|abstract|arxiv|paper|link|here|code|view\b.*|download\b.*|other)\W*$/i;

/**
 * The link's text when it reads as a paper's title (three words or more, no URL, no id, at most 300 characters),
 * whitespace collapsed; else `undefined`. Used to name papers that are not in the cached feed.
 */
export function linkTitle(link: Element): string | undefined {
  const text = (link.textContent ?? '').replace(/\s+/g, ' ').trim();
  if (text.length < 12 || text.length > 300 || NOT_A_TITLE.test(text)) return undefined;
  if (/:\/\/|\bwww\.|\.(?:org|com|pdf)\b|\d{4}\.\d{4}/i.test(text)) return undefined;
  return text.split(' ').length >= 3 ? text : undefined;
}
