/**
 * Marks on arXiv listing and search-result entries that match the user's followed keywords, patterns or topics: a
 * small mark at the end of the entry's title (beside its badge), and, when the user asks for it, the other entries
 * dimmed. The matching itself runs in the background (on a linear-time regular-expression engine); this module only
 * reads the entries' text and writes the marks. Everything is set as text, never as HTML.
 */
import { findListingTargets } from './arxiv-listing';

export const MARK_VALUE = 'follow-mark';
/** Set on the page's entry elements (`dt`, `dd`, `li`) that match nothing while dimming is on. */
export const DIM_ATTR = 'data-pr-dim';
const STYLE_VALUE = 'follow-style';

/** Longest entry text sent for matching (characters). */
export const MAX_ENTRY_TEXT = 20_000;

/** One listing entry: its paper, where its mark goes, the page elements it spans, and its text. */
export interface ListingEntry {
  id: string;
  anchor: Element;
  elements: Element[];
  text: string;
}

function textOf(els: readonly Element[]): string {
  return els
    .map((e) => e.textContent ?? '')
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_ENTRY_TEXT);
}

/**
 * The entries of an arXiv listing (`dl > dt` + `dd`: title, authors, comments, subjects and abstract) or search
 * results page (`li.arxiv-result`), in page order; empty on other pages. Papers linked from inside an entry are not
 * entries.
 */
export function listingEntries(doc: Document): ListingEntry[] {
  const out: ListingEntry[] = [];
  for (const t of findListingTargets(doc) ?? []) {
    if (!t.anchor.matches('.list-title, p.title')) continue;
    const dd = t.anchor.closest('dd');
    const li = t.anchor.closest('li.arxiv-result');
    const elements = dd ? [dd.previousElementSibling, dd].filter((e): e is Element => e !== null) : li ? [li] : [];
    if (elements.length === 0) continue;
    out.push({ id: t.id, anchor: t.anchor, elements, text: textOf(dd ? [dd] : elements) });
  }
  return out;
}

/**
 * Puts a mark on each entry whose id has labels in `marks` (replacing earlier marks), and dims the others when `dim`
 * is true and at least one entry matched. Returns how many entries were marked.
 */
export function placeFollowMarks(
  doc: Document,
  entries: readonly ListingEntry[],
  marks: Readonly<Record<string, readonly string[]>>,
  dim: boolean,
): number {
  clearFollowMarks(doc);
  let marked = 0;
  for (const e of entries) {
    const labels = marks[e.id];
    if (!labels || labels.length === 0) continue;
    e.anchor.append(createMark(doc, e.id, labels));
    marked++;
  }
  if (dim && marked > 0) {
    for (const e of entries) if (!marks[e.id]?.length) e.elements.forEach((el) => el.setAttribute(DIM_ATTR, ''));
    const style = doc.createElement('style');
    style.setAttribute('data-paper-radar', STYLE_VALUE);
    style.textContent = `[${DIM_ATTR}] { opacity: 0.45; } [${DIM_ATTR}]:hover { opacity: 1; }`;
    (doc.head ?? doc.documentElement).append(style);
  }
  return marked;
}

/** Removes every mark, the dimming and its style. */
export function clearFollowMarks(doc: Document): void {
  doc
    .querySelectorAll(`[data-paper-radar="${MARK_VALUE}"], style[data-paper-radar="${STYLE_VALUE}"]`)
    .forEach((e) => e.remove());
  doc.querySelectorAll(`[${DIM_ATTR}]`).forEach((e) => e.removeAttribute(DIM_ATTR));
}

const MARK_CSS = `
:host { all: initial; display: inline-block; vertical-align: baseline; margin: 0 0 0 0.4em; line-height: 1; }
span { display: inline-block; padding: 0.18em 0.5em; border-radius: 999px; background: #e8f0fe; color: #1a3d8f;
  border: 1px solid #9bb8f0; font: 600 11px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  white-space: nowrap; max-width: 28em; overflow: hidden; text-overflow: ellipsis; }
`;

function createMark(doc: Document, id: string, labels: readonly string[]): HTMLElement {
  const host = doc.createElement('span');
  host.setAttribute('data-paper-radar', MARK_VALUE);
  host.setAttribute('data-arxiv-id', id);
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = MARK_CSS;
  const chip = doc.createElement('span');
  chip.textContent = `★ ${labels.join(', ')}`;
  chip.title = `Matches what you follow: ${labels.join(', ')}`;
  chip.setAttribute('role', 'note');
  root.append(style, chip);
  return host;
}
