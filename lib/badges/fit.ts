/**
 * Badges that move nothing. On a long page what a frame of insertions costs is mostly not the badges but what
 * they move: a badge that wraps its title onto a new line, or makes a line taller, shifts everything below it,
 * and the browser then walks the layout and paint of the whole page again (on a 2,000-entry arXiv listing, every
 * such frame cost 40–230 ms under load even for one badge; BENCHMARKS.md, issue 13). So where a block's last
 * line has room for the badge, the badge's host gets a fixed size that fits that room (`fitBadge`): inserting it
 * changes that line only. Elsewhere (no room, right-aligned or right-to-left text, a badge after a link inside
 * running text) the host keeps its natural size, as before.
 *
 * The badge's width is not read from the page before it is inserted (that would mean inserting it somewhere the
 * page can see): it is the width of its text, measured on a canvas in the badge's font, plus the width of
 * everything else (mark, padding, border, gaps, save toggle, margin), learnt once from a badge already in the page
 * at its natural size (`BadgeSizer.calibrate`).
 */
import type { BadgeInfo } from '../feed/summary';
import { BADGE_FONT, BADGE_GAP_PX, describeBadge } from './render';

/** Marks a host sized by `fitBadge` (the value is unused). */
export const FIT_ATTR = 'data-pr-fit';

/** Extra room asked for beyond the estimate, px: the canvas and the page may shape the text a little apart. */
export const FIT_SLACK_PX = 3;

/** Room at the end of a block's last line, px: its free width and the height a box may take without growing it. */
export interface LineRoom {
  width: number;
  height: number;
}

/** What `lineRoom` reads of the page. */
export interface LayoutReader {
  getComputedStyle: (el: Element) => CSSStyleDeclaration;
}

const px = (v: string) => {
  const n = parseFloat(v);
  return Number.isFinite(n) ? n : 0;
};

/**
 * The room left at the end of `block`'s last line (its contents' last client rect against the right edge of its
 * content box), or `undefined` where a box appended to it might move something anyway: text not aligned left to
 * right, a last box that is not a line of text (a nested block, an empty block), a line height smaller than the
 * text (the line box is then not the text's height), or no layout (`getClientRects` missing or empty). The free
 * width keeps one space of the block's font back: the collapsed white space before the badge shows again once
 * the badge follows it. Reads layout: call between writes, never after one in the same task.
 */
export function lineRoom(block: Element, styles: LayoutReader): LineRoom | undefined {
  const doc = block.ownerDocument;
  if (!doc || typeof doc.createRange !== 'function') return undefined;
  const style = styles.getComputedStyle(block);
  if (style.direction !== 'ltr') return undefined;
  if (!['start', 'left', 'justify', '-webkit-left', ''].includes(style.textAlign)) return undefined;
  const range = doc.createRange();
  range.selectNodeContents(block);
  const rects = typeof range.getClientRects === 'function' ? range.getClientRects() : undefined;
  const last = rects && rects.length > 0 ? rects[rects.length - 1] : undefined;
  if (!last || last.width <= 0 || last.height <= 0) return undefined;
  const box = block.getBoundingClientRect();
  // A last rect as wide as the block is a nested block's, not a line of text.
  if (last.left <= box.left + 0.5 && last.right >= box.right - 0.5) return undefined;
  const right = box.right - px(style.paddingRight) - px(style.borderRightWidth);
  const fontSize = px(style.fontSize);
  const lineHeight = style.lineHeight === 'normal' ? Number.POSITIVE_INFINITY : px(style.lineHeight);
  if (lineHeight < last.height) return undefined;
  return { width: right - last.right - 0.35 * fontSize, height: last.height };
}

/**
 * The fixed size of a host whose badge is `estimate` px wide (its content box; `margin` px of left margin
 * outside it) and `natural` px tall, in a line with `room`: as wide as the estimate plus `FIT_SLACK_PX`, as tall as
 * the badge or the line's text if that is less (the badge's content is centred on it and may overflow it by a
 * pixel or two, never the line). `undefined` when it does not fit.
 */
export function fitBadge(
  room: LineRoom,
  estimate: { width: number; margin: number; height: number },
): { width: number; height: number } | undefined {
  const width = Math.ceil(estimate.width + FIT_SLACK_PX);
  if (width + estimate.margin > room.width) return undefined;
  return { width, height: Math.floor(Math.min(estimate.height, room.height)) };
}

/** The texts of a badge's visible parts, and how many flex gaps sit between its mark and parts. */
function badgeText(info: BadgeInfo): { text: string; gaps: number } {
  const { parts } = describeBadge(info);
  // Mark, parts and the separators between them are flex items of one row: 2 × parts − 1 gaps.
  return { text: parts.map((p) => p.text).join('·'), gaps: Math.max(0, 2 * parts.length - 1) };
}

/**
 * Estimates a badge's width before it is in the page. `measure` gives a text's width in the badge's font
 * (`canvasMeasurer`); the rest of the badge is learnt from one badge at its natural size.
 */
export class BadgeSizer {
  private overhead: number | undefined;
  private margin = 0;
  private height = 0;

  constructor(private readonly measure: ((text: string) => number) | undefined) {}

  /** Whether a badge in the page has told the sizer what the rest of a badge takes. */
  get calibrated(): boolean {
    return this.overhead !== undefined;
  }

  /**
   * Learns the width of everything but the text, the left margin and the height of a badge from `host`, a badge
   * for `info` in the page at its natural size (border box `rect`, left margin `margin` px). Returns whether it
   * could (not without a measurer or a laid-out host).
   */
  calibrate(info: BadgeInfo, rect: { width: number; height: number }, margin: number): boolean {
    if (!this.measure || rect.width <= 0 || rect.height <= 0) return false;
    const { text, gaps } = badgeText(info);
    const textWidth = this.measure(text);
    if (!Number.isFinite(textWidth) || textWidth <= 0) return false;
    this.overhead = Math.max(0, rect.width - textWidth - gaps * BADGE_GAP_PX);
    this.margin = Number.isFinite(margin) ? Math.max(0, margin) : 0;
    this.height = rect.height;
    return true;
  }

  /** The estimated width, left margin and height of the badge of `info`, px; `undefined` before `calibrate`. */
  estimate(info: BadgeInfo): { width: number; margin: number; height: number } | undefined {
    if (this.overhead === undefined || !this.measure) return undefined;
    const { text, gaps } = badgeText(info);
    const width = this.measure(text);
    if (!Number.isFinite(width) || width <= 0) return undefined;
    return { width: width + gaps * BADGE_GAP_PX + this.overhead, margin: this.margin, height: this.height };
  }
}

/**
 * A text measurer in the badge's font on a canvas of `doc` (not in the page), or `undefined` where there is no 2D
 * canvas (happy-dom, a locked-down page): badges then keep their natural size.
 */
export function canvasMeasurer(doc: Document): ((text: string) => number) | undefined {
  try {
    const ctx = doc.createElement('canvas').getContext('2d');
    if (!ctx || typeof ctx.measureText !== 'function') return undefined;
    ctx.font = BADGE_FONT;
    return (text) => ctx.measureText(text).width;
  } catch {
    return undefined;
  }
}
