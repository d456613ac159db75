/**
 * Places badges next to detected papers: one per paper per place, however often it runs, and removable in one
 * call. It touches nothing on the page but its own hosts: a host goes at the end of a block anchor (a title
 * heading or `div`, so the badge sits on the title's last line) or right after an inline one (a link). A host adds
 * no text to the page (its content is in its shadow root), so the page's own text stays as it was.
 */
import type { BadgeInfo } from '../feed/summary';
import { darknessReader, type StyleReader } from './color';
import { BADGE_ATTR, BADGE_CSS, BADGE_VALUE, badgeWidths, createBadge, FIT_ATTR, RUN_ATTR } from './render';
import type { SaveBadge } from './save-toggle';
import { adoptableSheet } from './sheet';

export { isDarkAround, luminance } from './color';

/** Badges prepared between two looks at the slice's clock. */
export const PLACE_CHUNK = 16;
/** Badges inserted between two looks at the slice's clock. */
const COMMIT_CHUNK = 64;

/** A badge built off the page by `BadgeLayer.prepare`, waiting for `commit`. */
export interface PreparedBadge {
  id: string;
  anchor: Element;
  host: HTMLElement;
}

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
  /** Ids prepared for each anchor and not committed yet (so a second pass does not prepare them again). */
  private readonly pending = new WeakMap<Element, Set<string>>();
  /** What each host badges: its paper and the anchor it was placed at. */
  private readonly targetOf = new Map<HTMLElement, BadgeTarget>();
  private sheet: CSSStyleSheet | undefined;
  private readonly styles: StyleReader | undefined;

  /**
   * `run` tags this layer's hosts; hosts of another run found next to an anchor are replaced. `styles` reads the
   * page's colours for the badges' scheme (default: the document's window, looked up now). With `save`, each badge
   * gets a save toggle that calls it.
   */
  constructor(
    private readonly doc: Document,
    private readonly run: string,
    styles?: Omit<StyleReader, 'resolveColor'>,
    private readonly save?: SaveBadge,
  ) {
    const win = doc.defaultView;
    const reader =
      styles ??
      (win ? { getComputedStyle: win.getComputedStyle.bind(win), matchMedia: win.matchMedia?.bind(win) } : undefined);
    this.styles = reader && { ...reader, resolveColor: canvasColorResolver(doc) };
    // One constructed sheet shared by every badge's shadow root, where it can be adopted.
    this.sheet = adoptableSheet(doc, BADGE_CSS);
  }

  /** How many badges this layer has in the page. */
  get size(): number {
    return this.hosts.size;
  }

  /**
   * Puts a badge after each target's anchor whose paper is in `infos`; skips targets already badged by this run
   * and replaces badges a previous run left. Returns how many badges it added. All reads before all writes.
   */
  place(targets: readonly BadgeTarget[], infos: Readonly<Record<string, BadgeInfo>>): number {
    const { prepared } = this.prepare(targets, 0, infos, () => false);
    const before = this.hosts.size;
    this.commit(prepared, 0, () => false);
    return this.hosts.size - before;
  }

  /**
   * The first half of `place`, for work in slices: makes the badges for `targets[from…]` — reading where each goes
   * and the background around it, building its host off the page — until `stop()` says so (asked every
   * `PLACE_CHUNK` targets). Touches nothing in the page, so preparing many badges costs the page no layout; `commit`
   * puts them in. Returns the prepared badges and the index to continue from (`targets.length` when done).
   */
  prepare(
    targets: readonly BadgeTarget[],
    from: number,
    infos: Readonly<Record<string, BadgeInfo>>,
    stop: () => boolean,
  ): { prepared: PreparedBadge[]; next: number } {
    const dark = this.styles ? darknessReader(this.styles) : () => false;
    const prepared: PreparedBadge[] = [];
    let i = from;
    while (i < targets.length) {
      const end = Math.min(targets.length, i + PLACE_CHUNK);
      for (; i < end; i++) {
        const { id, anchor } = targets[i]!;
        const info = infos[id];
        if (!info || !anchor.isConnected) continue;
        // The same paper twice on one anchor (a link and its text, two passes) gets one badge.
        let ids = this.pending.get(anchor);
        if (ids?.has(id)) continue;
        const existing = this.findNextTo(anchor, id);
        if (existing && existing.getAttribute(RUN_ATTR) === this.run) continue;
        if (!ids) this.pending.set(anchor, (ids = new Set()));
        ids.add(id);
        const host = createBadge(this.doc, info, {
          run: this.run,
          dark: dark(anchor),
          ...(this.sheet ? { sheet: this.sheet } : {}),
          save: this.save,
        });
        if (isBlockAnchor(anchor)) {
          // A badge that would wrap to a line of its own moves everything below its title; where its title's last
          // line has room for the compact badge only, the compact one goes (the full text stays in its tooltip).
          const room = this.roomAtEnd(anchor);
          const widths = room === undefined ? undefined : badgeWidths(info, !!this.save);
          if (room !== undefined && widths && room < widths.full && room >= widths.compact)
            host.setAttribute(FIT_ATTR, 'compact');
        }
        prepared.push({ id, anchor, host });
      }
      if (stop()) break;
    }
    return { prepared, next: i };
  }

  /**
   * The second half of `place`: puts `prepared[from…until)` into the page (replacing a previous run's badge at the
   * same place) until `stop()` says so (asked every `COMMIT_CHUNK` badges), and returns the index to continue from.
   * Inserting is cheap per badge; what costs is the style, layout and paint the browser does after it, once per
   * frame (see `FramePacer`).
   */
  commit(prepared: readonly PreparedBadge[], from: number, stop: () => boolean, until = prepared.length): number {
    let i = from;
    const last = Math.min(until, prepared.length);
    while (i < last) {
      const end = Math.min(last, i + COMMIT_CHUNK);
      for (; i < end; i++) {
        const { id, anchor, host } = prepared[i]!;
        this.pending.get(anchor)?.delete(id);
        if (!anchor.isConnected) continue;
        const existing = this.findNextTo(anchor, id);
        if (existing && existing.getAttribute(RUN_ATTR) === this.run) continue;
        existing?.remove();
        if (isBlockAnchor(anchor)) anchor.append(host);
        else anchor.after(host);
        this.hosts.add(host);
        this.targetOf.set(host, { id, anchor });
      }
      if (stop()) break;
    }
    return i;
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

  /**
   * The free width at the end of the last line of block `anchor`, px: from the end of its last text to its content
   * box's right edge. `undefined` where that cannot be read or does not say where a badge would go (no layout, no
   * text, right-to-left or not left-aligned text). A read: layout is clean between frames, so it costs no layout.
   */
  private roomAtEnd(anchor: Element): number | undefined {
    const styles = this.styles;
    if (!styles) return undefined;
    try {
      const style = styles.getComputedStyle(anchor);
      if (style.direction === 'rtl' || !['start', 'left', 'justify', ''].includes(style.textAlign)) return undefined;
      const range = this.doc.createRange();
      range.selectNodeContents(anchor);
      const rects = range.getClientRects();
      const last = rects[rects.length - 1];
      const box = anchor.getBoundingClientRect();
      if (!last || box.width <= 0) return undefined;
      const right = box.right - (parseFloat(style.paddingRight) || 0) - (parseFloat(style.borderRightWidth) || 0);
      return right - last.right;
    } catch {
      return undefined;
    }
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
