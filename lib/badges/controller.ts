/**
 * The badge loop of a content script: detect papers, ask the background which are in the feed (and for the cached
 * titles in the page's text), place badges, and follow the page as it changes — nodes added, text and link targets
 * changed in place, the URL changed without a reload (single-page apps), the cached feed changed — removing badges
 * whose paper is no longer there. Extension APIs come in as functions, so the loop runs in tests on a plain DOM.
 *
 * It never holds a frame, whatever the page's size: detection (a listing's entries, a big page's links, any other
 * page's walk by `scanPageSteps`) runs in slices of at most `sliceMs` of work, each followed by a yield to the page;
 * ids are asked in batches within the protocol's limit (the first one small, so the top of the page is answered
 * first); badges are prepared off the page in slices and inserted in animation frames, those near the viewport
 * first (an `IntersectionObserver` tells which), as many per frame as fit in its budget with the rendering they
 * cause (`FramePacer`).
 */
import { blockAround } from '../detect/dom-scan';
import { scanPageSteps } from '../detect/find-papers';
import { CONFIDENT, type PaperMention } from '../detect/mention';
import type { MatchTitles } from '../detect/scan-page';
import type { BadgeInfo } from '../feed/summary';
import { isArxivListing, listingTargets } from './arxiv-listing';
import { bigPageTargets, isBigPage } from './big-page';
import { FramePacer } from './frame-pacer';
import { BadgeLayer, type BadgeTarget, type PreparedBadge } from './layer';
import type { PageApis } from './page-apis';
import { BADGE_ATTR, BADGE_VALUE } from './render';
import type { SaveBadge } from './save-toggle';

export interface BadgeControllerDeps {
  doc: Document;
  /** The page's URL now (it names the page's own paper; single-page apps change it without a reload). */
  url: () => string;
  /** Asks the background which ids are in the feed (at most `LOOKUP_BATCH` ids per call). */
  lookup: (ids: string[]) => Promise<Record<string, BadgeInfo>>;
  /** Asks the background for the cached titles in the page's text; without it, no title gets a badge. */
  matchTitles?: MatchTitles;
  /** Told the number of distinct papers on the page that are in the feed, after each pass that changes it. */
  report?: (count: number) => void;
  /** Schedules a callback before the next paint (the content script context's `requestAnimationFrame`). */
  frame: (cb: () => void) => void;
  /** Tags this run's hosts; a new run replaces an old run's hosts instead of adding to them. */
  run: string;
  onError?: (e: unknown) => void;
  /**
   * The browser APIs the loop uses, captured when the content script started (`capturePageApis`). Any left out
   * are taken from the document's window when the controller is made.
   */
  apis?: Partial<PageApis>;
  /** Longest slice of work (ms) before the loop yields to the page. Default `SLICE_MS`. */
  sliceMs?: number;
  /** Ids per lookup, the first and the others. Default `FIRST_LOOKUP_BATCH` and `LOOKUP_BATCH`. */
  batches?: { first: number; size: number };
  /** Elements above which a page takes the big-page path. Default `BIG_PAGE_ELEMENTS`. */
  bigPageElements?: number;
  /** Saves or un-saves a paper from its badge's toggle (`save-toggle.ts`); without it, badges have no toggle. */
  save?: SaveBadge;
}

/** Work per slice: half a 60 Hz frame, leaving the page the other half. */
export const SLICE_MS = 8;
/** Ids per lookup: the protocol's `MAX_IDS` (kept equal by a test; importing it would bring Zod into the page). */
export const LOOKUP_BATCH = 5000;
/** Ids in the first lookup of a pass: the top of the page, answered before the rest is asked. */
export const FIRST_LOOKUP_BATCH = 500;
/** Below this many badges to place, visibility is not worth asking: they fit in one or two slices anyway. */
export const VISIBLE_FIRST_MIN = 100;

/** Attributes whose change can change the paper a link names. */
const WATCHED_ATTRIBUTES = ['href', 'data-expanded-url', 'data-full-url', 'title'];

/** Whether a node is one of Paper Radar's badge hosts (their insertion and removal are not page changes). */
function isBadge(node: Node): boolean {
  return node.nodeType === 1 && (node as Element).getAttribute(BADGE_ATTR) === BADGE_VALUE;
}

export class BadgeController {
  readonly layer: BadgeLayer;
  private readonly known = new Map<string, BadgeInfo | null>();
  /** Elements added since the last frame: read for new papers. */
  private readonly added = new Set<Element>();
  /** Blocks whose text or links changed since the last frame: read again, their stale badges removed. */
  private readonly changed = new Set<Element>();
  private readonly infos: Record<string, BadgeInfo> = {};
  private readonly apis: PageApis;
  private readonly sliceMs: number;
  /** Badges waiting to be prepared, and where preparing has got to. */
  private queue: BadgeTarget[] = [];
  private queued = 0;
  /** Badges prepared off the page, and how many of them are in the page. */
  private prepared: PreparedBadge[] = [];
  private committed = 0;
  private draining: Promise<void> | undefined;
  private scheduled = false;
  private wholePage = false;
  private lastCount = -1;
  private lastUrl: string;
  /** Bumped by each whole-page pass: a pass that finds a newer one started drops its result. */
  private generation = 0;
  private observer: MutationObserver | undefined;
  private stopped = false;
  /** What a frame of insertions costs this page, learnt over the page's life. */
  private readonly pacer = new FramePacer();

  constructor(private readonly deps: BadgeControllerDeps) {
    const win = deps.doc.defaultView as (Window & typeof globalThis) | null;
    const given = deps.apis ?? {};
    const now = given.now ?? (() => (win?.performance ?? performance).now());
    this.apis = {
      MutationObserver: given.MutationObserver ?? (win?.MutationObserver as typeof MutationObserver),
      requestAnimationFrame: given.requestAnimationFrame ?? deps.frame,
      yieldToPage: given.yieldToPage ?? (() => new Promise<void>((r) => setTimeout(r, 0))),
      getComputedStyle: given.getComputedStyle ?? ((el) => (win as Window).getComputedStyle(el)),
      now,
      ...(given.IntersectionObserver ? { IntersectionObserver: given.IntersectionObserver } : {}),
      ...(given.matchMedia ? { matchMedia: given.matchMedia } : {}),
    };
    this.sliceMs = deps.sliceMs ?? SLICE_MS;
    this.layer = new BadgeLayer(
      deps.doc,
      deps.run,
      deps.apis?.getComputedStyle
        ? {
            getComputedStyle: this.apis.getComputedStyle,
            ...(this.apis.matchMedia ? { matchMedia: this.apis.matchMedia } : {}),
          }
        : undefined,
      deps.save,
    );
    this.lastUrl = deps.url();
  }

  /** Badges the whole page, then follows changes until `stop`. Resolves after the first pass. */
  async start(): Promise<void> {
    await this.pass(this.deps.doc, 'page', ++this.generation);
    if (this.stopped) return;
    this.observer = new this.apis.MutationObserver((records) => this.onMutations(records));
    this.observer.observe(this.deps.doc.body ?? this.deps.doc.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: WATCHED_ATTRIBUTES,
    });
  }

  /** Badges the whole page again, removing badges of papers no longer on it (a back/forward cache restore). */
  refresh(): void {
    this.wholePage = true;
    this.schedule();
  }

  /**
   * The page's URL may have changed without a reload (`pushState`, `popstate`): when it did, the page is read
   * again as a new page. Cheap when it did not.
   */
  checkUrl(): void {
    if (this.deps.url() !== this.lastUrl) this.refresh();
  }

  /** The cached feed changed (a first sync, new list dates): forget what the background said and badge again. */
  feedChanged(): void {
    this.known.clear();
    this.refresh();
  }

  /** Stops following the page and removes every badge. */
  stop(): void {
    this.stopped = true;
    this.observer?.disconnect();
    this.added.clear();
    this.changed.clear();
    this.queue = [];
    this.queued = 0;
    this.prepared = [];
    this.committed = 0;
    this.layer.clear();
  }

  /** Papers on the page that are in the feed, as far as the passes so far know. */
  get countInFeed(): number {
    return this.lastCount < 0 ? 0 : this.lastCount;
  }

  private onMutations(records: MutationRecord[]): void {
    for (const r of records) {
      if (r.type !== 'childList') {
        this.markChanged(r.target);
        continue;
      }
      for (const node of Array.from(r.addedNodes)) {
        if (node.nodeType === 1 && !isBadge(node)) this.added.add(node as Element);
        else if (node.nodeType === 3) this.markChanged(r.target);
      }
      // Text or elements taken out: what they named may be gone.
      if (Array.from(r.removedNodes).some((n) => !isBadge(n))) this.markChanged(r.target);
    }
    // Single-page apps change the DOM when they change the URL: catch the URL change here too.
    if (this.deps.url() !== this.lastUrl) this.wholePage = true;
    if (this.wholePage || this.added.size > 0 || this.changed.size > 0) this.schedule();
  }

  private markChanged(node: Node): void {
    // A text or link change is read again in the block around it.
    const block = blockAround(node);
    if (block) this.changed.add(block);
  }

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    this.deps.frame(() => {
      this.scheduled = false;
      const fail = (e: unknown) => this.deps.onError?.(e);
      if (this.wholePage) {
        this.wholePage = false;
        this.added.clear();
        this.changed.clear();
        this.pass(this.deps.doc, 'page', ++this.generation).catch(fail);
        return;
      }
      const changed = [...this.changed].filter((e) => e.isConnected);
      // An added element inside a changed block is read with it.
      const added = [...this.added].filter((e) => e.isConnected && !changed.some((c) => c.contains(e)));
      this.added.clear();
      this.changed.clear();
      const generation = this.generation;
      for (const root of changed) this.pass(root, 'changed', generation).catch(fail);
      for (const root of added) this.pass(root, 'added', generation).catch(fail);
    });
  }

  /** A cutter of long loops into slices of `sliceMs`: ask `due()` often, `await pause()` when it says so. */
  private slicer(): { due: () => boolean; pause: () => Promise<void> } {
    const { now, yieldToPage } = this.apis;
    let start = now();
    return {
      due: () => now() - start >= this.sliceMs,
      pause: async () => {
        await yieldToPage();
        start = now();
      },
    };
  }

  /** Runs `steps` to its end in slices of `sliceMs`; `undefined` when `current()` turns false meanwhile. */
  private async inSlices<T>(steps: Generator<void, T>, current: () => boolean): Promise<T | undefined> {
    const slicer = this.slicer();
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (slicer.due()) {
        await slicer.pause();
        if (!current()) return undefined;
      }
    }
  }

  /**
   * The badge targets of a whole page that is an arXiv listing or too big for `scanPage` in one task, read in
   * slices; `undefined` for other pages (read by `scanPage`).
   */
  private async slicedTargets(url: string, current: () => boolean): Promise<BadgeTarget[] | undefined> {
    const { doc } = this.deps;
    const sliced =
      (isArxivListing(url) ? listingTargets(doc) : undefined) ??
      (isBigPage(doc, this.deps.bigPageElements) ? bigPageTargets(doc, url) : undefined);
    if (!sliced) return undefined;
    const out: BadgeTarget[] = [];
    const slicer = this.slicer();
    for (const target of sliced) {
      out.push(target);
      if (slicer.due()) {
        await slicer.pause();
        if (!current()) return [];
      }
    }
    return out;
  }

  /**
   * Reads `root` and badges what it names: ids and links first, then the cached titles in its text. A whole-page
   * pass and a pass over a changed block also remove the badges (in the page, or in that block) whose paper is no
   * longer named there. Resolves once its badges are in the page.
   */
  private async pass(root: Document | Element, kind: 'page' | 'changed' | 'added', generation: number): Promise<void> {
    const url = this.deps.url();
    if (kind === 'page') this.lastUrl = url;
    const current = () => !this.stopped && generation === this.generation;
    const sliced = kind === 'page' ? await this.slicedTargets(url, current) : undefined;
    if (!current()) return;
    const scan = sliced
      ? undefined
      : await this.inSlices(scanPageSteps(root, { url, ...(kind === 'page' ? {} : { pagePaper: false }) }), current);
    if (!current() || (!sliced && !scan)) return;
    const scope = kind === 'page' ? undefined : (root as Element);
    const place = async (mentions: readonly Pick<PaperMention, 'id' | 'anchor' | 'confidence'>[]) => {
      const targets: BadgeTarget[] = [];
      for (const m of mentions) if (m.confidence >= CONFIDENT && m.anchor) targets.push({ id: m.id, anchor: m.anchor });
      const byId = new Map<string, BadgeTarget[]>();
      for (const t of targets) {
        const list = byId.get(t.id);
        if (list) list.push(t);
        else byId.set(t.id, [t]);
      }
      const inFeed = (ids: Iterable<string>) => [...ids].flatMap((id) => (this.known.get(id) ? byId.get(id)! : []));
      // Papers already known are queued at once; the others as the answer for their batch arrives.
      const known = inFeed([...byId.keys()].filter((id) => this.known.has(id)));
      if (known.length > 0) await this.enqueue(known);
      await this.lookupFresh([...byId.keys()], async (batch) => {
        const found = current() ? inFeed(batch) : [];
        if (found.length > 0) await this.enqueue(found);
      });
      await this.draining;
      return current() ? inFeed(byId.keys()) : [];
    };
    const finish = (targets: readonly BadgeTarget[]) => {
      // Badges this read no longer accounts for are stale: their paper left the page (or this block).
      if (kind !== 'added' && current()) this.layer.retain(targets, scope);
      this.reportCount();
    };
    const byIds = await place(sliced?.map((t) => ({ ...t, confidence: 1 })) ?? scan?.mentions ?? []);
    if (!scan || !this.deps.matchTitles || scan.text.runs.length === 0 || !current()) {
      finish(byIds);
      return;
    }
    let all = scan.mentions;
    try {
      const reply = await this.deps.matchTitles(scan.text, kind === 'page' ? scan.metaTitle?.title : undefined);
      all = scan.withTitles(reply.matches, reply.metaTitleIds);
    } catch (e) {
      // No titles this time (the background asleep or updating): the ids' badges stand.
      this.deps.onError?.(e);
    }
    if (!current()) return;
    finish(await place(all));
  }

  /**
   * Asks the background about the ids not known yet, in batches in page order (the first small, so the top of the
   * page is answered first), all at once; `onBatch` runs as each answer arrives.
   */
  private async lookupFresh(ids: readonly string[], onBatch: (batch: string[]) => Promise<void>): Promise<void> {
    const fresh = [...new Set(ids)].filter((id) => !this.known.has(id));
    const batches: string[][] = [];
    const { first, size: rest } = this.deps.batches ?? { first: FIRST_LOOKUP_BATCH, size: LOOKUP_BATCH };
    for (let i = 0; i < fresh.length;) {
      const size = i === 0 ? first : rest;
      batches.push(fresh.slice(i, i + size));
      i += size;
    }
    await Promise.all(
      batches.map(async (batch) => {
        const infos = await this.deps.lookup(batch);
        for (const id of batch) this.known.set(id, infos[id] ?? null);
        if (!this.stopped) await onBatch(batch);
      }),
    );
  }

  private reportCount(): void {
    const count = this.layer.paperCount;
    if (count !== this.lastCount) {
      this.lastCount = count;
      this.deps.report?.(count);
    }
  }

  /** Queues badges to place, those near the viewport first, and starts placing them frame by frame. */
  private async enqueue(targets: BadgeTarget[]): Promise<void> {
    for (const t of targets) {
      const info = this.known.get(t.id);
      if (info) this.infos[t.id] = info;
    }
    const ordered = await this.visibleFirst(targets);
    if (this.stopped) return;
    // Visible ones go ahead of what is still waiting; the rest after it.
    const waiting = this.queue.slice(this.queued);
    this.queue = [...ordered.visible, ...waiting, ...ordered.rest];
    this.queued = 0;
    this.draining ??= this.drain().finally(() => (this.draining = undefined));
  }

  /**
   * Places the queued badges. Preparing them (reads, and building each host off the page) runs in slices of
   * `sliceMs` between the page's own tasks; inserting them runs in animation frames, as many per frame as the
   * frames measured so far say fit in the frame budget with the rendering they cause (`FramePacer`): the first
   * frame — the badges near the viewport — goes in as soon as its badges are prepared. A frame is measured from its
   * start to the page's next task, after the browser has laid out and painted what it inserted.
   */
  private async drain(): Promise<void> {
    const { now } = this.apis;
    const pacer = this.pacer;
    while (!this.stopped && (this.queued < this.queue.length || this.committed < this.prepared.length)) {
      const want = pacer.next();
      if (this.queued < this.queue.length && this.prepared.length - this.committed < want) {
        const start = now();
        const { prepared, next } = this.layer.prepare(
          this.queue,
          this.queued,
          this.infos,
          () => now() - start >= this.sliceMs,
        );
        this.queued = next;
        for (const p of prepared) this.prepared.push(p);
        if (this.queued < this.queue.length && this.prepared.length - this.committed < want) {
          await this.apis.yieldToPage();
          continue;
        }
      }
      await new Promise<void>((resolve) => this.apis.requestAnimationFrame(resolve));
      if (this.stopped) break;
      const start = now();
      const from = this.committed;
      this.committed = this.layer.commit(this.prepared, from, () => false, from + want);
      // The frame's style, layout and paint run after this task's script: the next task sees them done.
      await this.apis.yieldToPage();
      pacer.record(this.committed - from, now() - start);
    }
    this.queue = [];
    this.queued = 0;
    this.prepared = [];
    this.committed = 0;
  }

  /**
   * Splits `targets` into those within a viewport's height of the viewport and the rest, keeping page order in
   * each. Asks an `IntersectionObserver` (its first callback after `observe` reports every target), so nothing is
   * measured in our own task. Few targets, or no observer, keep their order.
   */
  private visibleFirst(targets: BadgeTarget[]): Promise<{ visible: BadgeTarget[]; rest: BadgeTarget[] }> {
    const IO = this.apis.IntersectionObserver;
    if (!IO || targets.length < VISIBLE_FIRST_MIN) return Promise.resolve({ visible: [], rest: targets });
    const anchors = new Set(targets.map((t) => t.anchor));
    return new Promise((resolve) => {
      const seen = new Set<Element>();
      const near = new Set<Element>();
      const io = new IO(
        (entries) => {
          for (const e of entries) {
            seen.add(e.target);
            if (e.isIntersecting) near.add(e.target);
          }
          if (seen.size < anchors.size && !this.stopped) return;
          io.disconnect();
          const visible: BadgeTarget[] = [];
          const rest: BadgeTarget[] = [];
          for (const t of targets) (near.has(t.anchor) ? visible : rest).push(t);
          resolve({ visible, rest });
        },
        { rootMargin: '100% 0px' },
      );
      for (const a of anchors) io.observe(a);
    });
  }
}
