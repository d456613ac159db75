/**
 * Places badges next to detected papers: one per paper per place, however often it runs, and removable in one
 * call. It touches nothing on the page but its own hosts: a host goes at the end of a block anchor (a title
 * heading or `div`, so the badge sits on the title's last line) or right after an inline one (a link). A host adds
 * no text to the page (its content is in its shadow root), so the page's own text stays as it was.
 */
import type { BadgeInfo } from '../feed/summary';
import { isDarkAround, type StyleReader } from './color';
import { BADGE_ATTR, BADGE_CSS, BADGE_VALUE, createBadge, RUN_ATTR } from './render';

export { isDarkAround, luminance } from './color';

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

export class BadgeLayer {
  private readonly hosts = new Set<HTMLElement>();
  private sheet: CSSStyleSheet | undefined;
  private readonly styles: StyleReader | undefined;

  /**
   * `run` tags this layer's hosts; hosts of another run found next to an anchor are replaced. `styles` reads the
   * page's colours for the badges' scheme (default: the document's window, looked up now).
   */
  constructor(
    private readonly doc: Document,
    private readonly run: string,
    styles?: Omit<StyleReader, 'resolveColor'>,
  ) {
    const win = doc.defaultView;
    const reader =
      styles ??
      (win ? { getComputedStyle: win.getComputedStyle.bind(win), matchMedia: win.matchMedia?.bind(win) } : undefined);
    this.styles = reader && { ...reader, resolveColor: canvasColorResolver(doc) };
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
   * and replaces badges a previous run left. Returns how many badges it added. Writes only; reads styles once.
   */
  place(targets: readonly BadgeTarget[], infos: Readonly<Record<string, BadgeInfo>>): number {
    const before = this.hosts.size;
    this.placeUntil(targets, 0, infos, () => false);
    return this.hosts.size - before;
  }

  /**
   * `place` for a slice of work: places badges for `targets[from…]` until `stop()` says so (asked after each badge
   * placed), and returns the index to continue from (`targets.length` when done). Reads the page's styles once,
   * before its first write, so a slice forces at most one style recalculation.
   */
  placeUntil(
    targets: readonly BadgeTarget[],
    from: number,
    infos: Readonly<Record<string, BadgeInfo>>,
    stop: () => boolean,
  ): number {
    let dark: boolean | undefined;
    const seen = new Map<Element, Set<string>>();
    let i = from;
    while (i < targets.length) {
      const { id, anchor } = targets[i++]!;
      const info = infos[id];
      if (!info || !anchor.isConnected) continue;
      // The same paper twice on one anchor (a link and its text) gets one badge.
      const ids = seen.get(anchor) ?? new Set<string>();
      if (ids.has(id)) continue;
      seen.set(anchor, ids.add(id));
      const existing = this.findNextTo(anchor, id);
      if (existing && existing.getAttribute(RUN_ATTR) === this.run) continue;
      dark ??= this.styles ? isDarkAround(anchor, this.styles) : false;
      existing?.remove();
      const host = createBadge(this.doc, info, { run: this.run, dark, ...(this.sheet ? { sheet: this.sheet } : {}) });
      if (isBlockAnchor(anchor)) anchor.append(host);
      else anchor.after(host);
      this.hosts.add(host);
      if (stop()) break;
    }
    return i;
  }

  /** Removes every badge this layer placed. */
  clear(): void {
    for (const h of this.hosts) h.remove();
    this.hosts.clear();
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

/**
 * Resolves a colour the parser cannot read (an unresolved `color-mix()`, a keyword) by painting it on a 1×1
 * canvas of `doc` and reading the pixel back as `rgba()`. `undefined` without a 2D canvas (happy-dom, a locked-down
 * page) or for a colour the canvas rejects.
 */
function canvasColorResolver(doc: Document): ((css: string) => string | undefined) | undefined {
  let ctx: CanvasRenderingContext2D | null | undefined;
  return (css) => {
    try {
      if (ctx === undefined) {
        const canvas = doc.createElement('canvas');
        canvas.width = canvas.height = 1;
        ctx = canvas.getContext('2d', { willReadFrequently: true });
      }
      if (!ctx) return undefined;
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = '#010203';
      ctx.fillStyle = css;
      if (ctx.fillStyle === '#010203' && !/^#010203$/i.test(css.trim())) return undefined;
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
      return `rgba(${r}, ${g}, ${b}, ${(a ?? 0) / 255})`;
    } catch {
      ctx = null;
      return undefined;
    }
  };
}
