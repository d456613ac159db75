/**
 * One inline badge: a shadow host in the page (`data-paper-radar="badge"`, `data-arxiv-id`) whose shadow root
 * holds a link to the paper's Hugging Face page. Everything from the feed is set as text, never as HTML.
 */
import type { BadgeInfo } from '../feed/summary';
import { createSaveToggle, type SaveBadge } from './save-toggle';

export const BADGE_ATTR = 'data-paper-radar';
export const BADGE_VALUE = 'badge';
/** Marks which content-script run made a host, so a second run can tell its own badges from stale ones. */
export const RUN_ATTR = 'data-pr-run';
/** Set to `compact` on a host whose badge shows only its mark and upvotes: the full one would not fit its line. */
export const FIT_ATTR = 'data-pr-fit';

/**
 * The badge's own styles; the shadow root keeps them in and the page's styles out. Nothing in a badge may create a
 * paint layer of its own (`opacity` below 1, transforms, filters): on a page with 2,000 badges every frame's
 * pre-paint and compositing walk all of them (the separator's `opacity: 0.5` alone made each frame of a 2,000-entry
 * listing dearer as badges accumulated; BENCHMARKS.md, issue 13). Muted parts get a muted colour instead.
 *
 * Nor may a badge make its line taller: the host is one `em` of the text it joins high (`font-size: inherit`),
 * bottom-aligned with that text's descent, so its box stays inside the line's own text and the line keeps its
 * height; the pill (16 px) and the save toggle are drawn centred in it. A badge 2 px taller than the line (as
 * before) moved everything below each title it joined, and on a 2,000-entry listing every frame of insertions then
 * made the browser lay out and pre-paint the rest of the page again (BENCHMARKS.md, issue 13). Only a badge that
 * does not fit on the title's last line still moves the page (it wraps to a line of its own).
 */
export const BADGE_CSS = `
:host {
  all: initial; font-size: inherit; display: inline-flex; align-items: center; height: 1em;
  vertical-align: text-bottom; margin: 0 0 0 0.4em; line-height: 1;
}
a {
  --pr-bg: #fff7e6; --pr-fg: #6b4200; --pr-border: #ffcf7a; --pr-hot: #c2410c; --pr-muted: #b59c73;
  display: inline-flex; align-items: center; gap: 0.35em; padding: 0.1em 0.5em; border-radius: 999px;
  border: 1px solid var(--pr-border); background: var(--pr-bg); color: var(--pr-fg);
  font: 600 11px/1.1 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-decoration: none;
  white-space: nowrap; cursor: pointer;
}
a:hover { border-color: var(--pr-fg); }
a:focus-visible { border-color: var(--pr-fg); outline: 2px solid var(--pr-fg); outline-offset: 2px; }
:host([data-pr-theme="dark"]) a {
  --pr-bg: #2a1f0a; --pr-fg: #ffcf7a; --pr-border: #7a5312; --pr-hot: #fb923c; --pr-muted: #947742;
}
:host([data-pr-fit="compact"]) .full { display: none; }
.hot { color: var(--pr-hot); }
/*
 * The radar mark, drawn by the span's own border and backgrounds: a ring, a quarter sweep and a centre dot. Not an
 * inline SVG: an SVG root is a paint layer of its own, and 2,000 badges' layers made every later frame's compositing
 * inputs walk them all (BENCHMARKS.md, issue 13). Not an emoji either (a machine without an emoji font draws a box).
 */
.mark {
  flex: none; box-sizing: border-box; width: 1.1em; height: 1.1em; border: 0.11em solid currentColor;
  border-radius: 50%;
  background:
    radial-gradient(circle, currentColor 0 0.11em, transparent 0.13em),
    conic-gradient(color-mix(in srgb, currentColor 55%, transparent) 0 25%, transparent 0);
}
.sep { color: var(--pr-muted); }
`;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-06-05` → `Jun 5, 2026`. */
export function formatListDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}

/** The badge's visible parts and its accessible description, from the paper's feed data. */
export function describeBadge(info: BadgeInfo): {
  parts: { text: string; hot?: boolean }[];
  label: string;
  tooltip: string;
} {
  const parts: { text: string; hot?: boolean }[] = [{ text: `▲ ${info.upvotes}` }];
  const day = formatListDate(info.listDate);
  parts.push({ text: info.dayRank !== undefined ? `#${info.dayRank} on ${day}` : day });
  if (info.trendingRank !== undefined) parts.push({ text: `trending #${info.trendingRank}`, hot: true });
  const label =
    `Hugging Face Daily Papers: ${info.upvotes} upvote${info.upvotes === 1 ? '' : 's'}, ` +
    `${info.dayRank !== undefined ? `#${info.dayRank} ` : ''}on ${day}` +
    (info.trendingRank !== undefined ? `, trending now #${info.trendingRank}` : '');
  const tooltip = info.aiSummary ? `${info.title}\n\n${info.aiSummary}` : `${info.title}\n\nOpen on Hugging Face`;
  return { parts, label, tooltip };
}

/** Width of the badge's text per character, px (600 11px system-ui: digits and letters 5.5–7 px), on the safe side. */
const CHAR_PX = 7;
/** The badge's fixed width, px: the mark and its gap, padding, border, the host's margin (at 16 px). */
const FIXED_PX = 40;
/** The save toggle and its margin, px. */
const TOGGLE_PX = 20;

/**
 * An upper bound of the badge's width for `info`, px, in full and compact form: what the last line of its title
 * must have free for the badge to go there without wrapping (and so moving the page below it).
 */
export function badgeWidths(info: BadgeInfo, save: boolean): { full: number; compact: number } {
  const { parts } = describeBadge(info);
  const fixed = FIXED_PX + (save ? TOGGLE_PX : 0);
  const chars = parts.reduce((n, p) => n + p.text.length, 0);
  return {
    full: fixed + CHAR_PX * chars + 12 * (parts.length - 1),
    compact: fixed + CHAR_PX * (parts[0]?.text.length ?? 0),
  };
}

/** The badge's mark: a small radar (`.mark` in `BADGE_CSS`), drawn in `currentColor` by CSS. */
function createMark(doc: Document): HTMLElement {
  const mark = doc.createElement('span');
  mark.className = 'mark';
  mark.setAttribute('aria-hidden', 'true');
  return mark;
}

/**
 * Creates a badge host for `info` in `doc` (not yet in the page). With `save`, the badge ends with a save toggle
 * (`save-toggle.ts`: a closed root of its own, trusted clicks only).
 */
export function createBadge(
  doc: Document,
  info: BadgeInfo,
  options: { run: string; dark: boolean; sheet?: CSSStyleSheet; save?: SaveBadge | undefined },
): HTMLElement {
  const host = doc.createElement('span');
  host.setAttribute(BADGE_ATTR, BADGE_VALUE);
  host.setAttribute('data-arxiv-id', info.id);
  host.setAttribute(RUN_ATTR, options.run);
  if (options.dark) host.setAttribute('data-pr-theme', 'dark');
  const root = host.attachShadow({ mode: 'open' });
  if (options.sheet) {
    root.adoptedStyleSheets = [options.sheet];
  } else {
    const style = doc.createElement('style');
    style.textContent = BADGE_CSS;
    root.append(style);
  }
  const { parts, label, tooltip } = describeBadge(info);
  const a = doc.createElement('a');
  a.href = `https://huggingface.co/papers/${encodeURIComponent(info.id).replace('%2F', '/')}`;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  a.title = tooltip;
  a.setAttribute('aria-label', label);
  a.append(createMark(doc));
  parts.forEach((p, i) => {
    // Everything after the upvotes is left out of a compact badge (`data-pr-fit="compact"`, see `BadgeLayer`).
    if (i > 0) {
      const sep = doc.createElement('span');
      sep.className = 'sep full';
      sep.textContent = '·';
      sep.setAttribute('aria-hidden', 'true');
      a.append(sep);
    }
    const span = doc.createElement('span');
    span.textContent = p.text;
    if (i > 0) span.className = p.hot ? 'hot full' : 'full';
    a.append(span);
  });
  root.append(a);
  if (options.save) root.append(createSaveToggle(doc, info, options.save, options.dark));
  return host;
}
