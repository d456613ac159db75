/**
 * Places badges next to detected papers: one per paper per place, however often it runs, and removable in one
 * call. It touches nothing on the page but its own hosts: a host goes at the end of a block anchor (a title
 * heading or `div`, so the badge sits on the title's last line) or right after an inline one (a link). A host adds
 * no text to the page (its content is in its shadow root), so the page's own text stays as it was.
 */
import type { BadgeInfo } from '../feed/summary';
import { BADGE_ATTR, BADGE_CSS, BADGE_VALUE, createBadge, RUN_ATTR } from './render';

/** A paper to badge and the element the badge goes right after. */
export interface BadgeTarget {
  id: string;
  anchor: Element;
}

/** Anchors a badge goes inside (as last child) rather than after. */
const BLOCK_ANCHORS = new Set([
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'div',
  'p',
  'dd',
  'dt',
  'li',
  'td',
  'th',
  'article',
  'section',
]);

function isBlockAnchor(anchor: Element): boolean {
  return BLOCK_ANCHORS.has(anchor.localName);
}

function isOurHost(el: Element | null): el is HTMLElement {
  return !!el && el.getAttribute(BADGE_ATTR) === BADGE_VALUE;
}

/** Relative luminance of a CSS `rgb()`/`rgba()` colour, or `undefined` when transparent or unreadable. */
export function luminance(color: string): number | undefined {
  const m = /rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)/.exec(color);
  if (!m) return undefined;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
  if (alpha < 0.5) return undefined;
  const [r, g, b] = [m[1], m[2], m[3]].map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Whether the page around `el` is dark: the first opaque background up the tree, else the colour scheme. */
export function isDarkAround(el: Element, win: Window): boolean {
  for (let node: Element | null = el; node; node = node.parentElement) {
    const l = luminance(win.getComputedStyle(node).backgroundColor);
    if (l !== undefined) return l < 0.25;
  }
  return win.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

export class BadgeLayer {
  private readonly hosts = new Set<HTMLElement>();
  /** What each host badges: its paper and the anchor it was placed at. */
  private readonly targetOf = new Map<HTMLElement, BadgeTarget>();
  private sheet: CSSStyleSheet | undefined;

  /** `run` tags this layer's hosts; hosts of another run found next to an anchor are replaced. */
  constructor(
    private readonly doc: Document,
    private readonly run: string,
  ) {
    try {
      const win = doc.defaultView as (Window & { CSSStyleSheet: typeof CSSStyleSheet }) | null;
      if (win?.CSSStyleSheet) {
        // One constructed sheet shared by every badge's shadow root.
        this.sheet = new win.CSSStyleSheet();
        this.sheet.replaceSync(BADGE_CSS);
      }
    } catch {
      this.sheet = undefined;
    }
  }

  /** How many badges this layer has in the page. */
  get size(): number {
    return this.hosts.size;
  }

  /**
   * Puts a badge after each target's anchor whose paper is in `infos`; skips targets already badged by this run
   * and replaces badges a previous run left. Returns how many badges it added. Writes only; reads layout once.
   */
  place(targets: readonly BadgeTarget[], infos: Readonly<Record<string, BadgeInfo>>): number {
    const win = this.doc.defaultView;
    let dark: boolean | undefined;
    let added = 0;
    const seen = new Map<Element, Set<string>>();
    for (const { id, anchor } of targets) {
      const info = infos[id];
      if (!info || !anchor.isConnected) continue;
      // The same paper twice on one anchor (a link and its text) gets one badge.
      const ids = seen.get(anchor) ?? new Set<string>();
      if (ids.has(id)) continue;
      seen.set(anchor, ids.add(id));
      const existing = this.findNextTo(anchor, id);
      if (existing && existing.getAttribute(RUN_ATTR) === this.run) continue;
      existing?.remove();
      dark ??= win ? isDarkAround(anchor, win) : false;
      const host = createBadge(this.doc, info, { run: this.run, dark, ...(this.sheet ? { sheet: this.sheet } : {}) });
      if (isBlockAnchor(anchor)) anchor.append(host);
      else anchor.after(host);
      this.hosts.add(host);
      this.targetOf.set(host, { id, anchor });
      added++;
    }
    return added;
  }

  /** Removes every badge this layer placed. */
  clear(): void {
    for (const h of this.hosts) h.remove();
    this.hosts.clear();
    this.targetOf.clear();
  }

  /**
   * Removes this layer's badges that `targets` no longer name: those whose (paper, anchor) is not among them, and
   * those whose anchor or host left the page. With `scope`, only badges whose anchor is inside it are judged (a
   * block read again); without, all of them (the whole page read again).
   */
  retain(targets: readonly BadgeTarget[], scope?: Element): void {
    const keep = new Map<Element, Set<string>>();
    for (const t of targets) {
      const ids = keep.get(t.anchor) ?? new Set<string>();
      keep.set(t.anchor, ids.add(t.id));
    }
    for (const host of [...this.hosts]) {
      const target = this.targetOf.get(host);
      const gone = !host.isConnected || !target || !target.anchor.isConnected;
      if (!gone && scope && !scope.contains(target.anchor)) continue;
      if (!gone && keep.get(target.anchor)?.has(target.id)) continue;
      host.remove();
      this.hosts.delete(host);
      this.targetOf.delete(host);
    }
  }

  /** How many distinct papers this layer badges now. */
  get paperCount(): number {
    return new Set([...this.targetOf.values()].map((t) => t.id)).size;
  }

  /** Our host for `id` among our hosts at the end of `anchor` or right after it. */
  private findNextTo(anchor: Element, id: string): HTMLElement | undefined {
    for (let el = anchor.lastElementChild; isOurHost(el); el = el.previousElementSibling) {
      if (el.getAttribute('data-arxiv-id') === id) return el;
    }
    for (let el = anchor.nextElementSibling; isOurHost(el); el = el.nextElementSibling) {
      if (el.getAttribute('data-arxiv-id') === id) return el;
    }
    return undefined;
  }
}
