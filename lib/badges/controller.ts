/**
 * The badge loop of a content script: detect papers, ask the background which are in the feed, place badges, and
 * follow the page as it changes. Extension APIs come in as functions, so the loop runs in tests on a plain DOM.
 *
 * It never holds a frame, whatever the page's size: detection on listings and big pages runs in slices of at most
 * `sliceMs` of work, each followed by a yield to the page; ids are asked in batches within the protocol's limit
 * (the first one small, so the top of the page is answered first); badges are placed in slices of `sliceMs` per
 * animation frame, those near the viewport first (an `IntersectionObserver` tells which).
 */
import { findPapers } from '../detect/find-papers';
import type { BadgeInfo } from '../feed/summary';
import { listingTargets, isArxivListing } from './arxiv-listing';
import { bigPageTargets, isBigPage } from './big-page';
import { BadgeLayer, type BadgeTarget, type PreparedBadge } from './layer';
import type { PageApis } from './page-apis';
import { BADGE_ATTR, BADGE_VALUE } from './render';

export interface BadgeControllerDeps {
  doc: Document;
  /** The page URL (names the page's own paper). */
  url: string;
  /** Asks the background which ids are in the feed (at most `LOOKUP_BATCH` ids per call). */
  lookup: (ids: string[]) => Promise<Record<string, BadgeInfo>>;
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
}

/** Work per slice: half a 60 Hz frame, leaving the page the other half. */
export const SLICE_MS = 8;
/** Ids per lookup: the protocol's `MAX_IDS` (kept equal by a test; importing it would bring Zod into the page). */
export const LOOKUP_BATCH = 5000;
/** Ids in the first lookup of a pass: the top of the page, answered before the rest is asked. */
export const FIRST_LOOKUP_BATCH = 500;
/** Below this many badges to place, visibility is not worth asking: they fit in one or two slices anyway. */
export const VISIBLE_FIRST_MIN = 100;

/** A pass's detection result: a paper and where its badge goes. */
type Hit = BadgeTarget;

export class BadgeController {
  readonly layer: BadgeLayer;
  private readonly known = new Map<string, BadgeInfo | null>();
  private readonly infos: Record<string, BadgeInfo> = {};
  private readonly pending = new Set<Element>();
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
  private observer: MutationObserver | undefined;
  private stopped = false;

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
    );
  }

  /** Badges the whole page, then follows changes until `stop`. Resolves once the first pass has placed its badges. */
  async start(): Promise<void> {
    await this.pass([this.deps.doc], true);
    if (this.stopped) return;
    this.observer = new this.apis.MutationObserver((records) => this.onMutations(records));
    this.observer.observe(this.deps.doc.body ?? this.deps.doc.documentElement, { childList: true, subtree: true });
  }

  /** Badges the whole page again (e.g. after a back/forward cache restore). */
  refresh(): void {
    this.wholePage = true;
    this.schedule();
  }

  /** Stops following the page and removes every badge. */
  stop(): void {
    this.stopped = true;
    this.observer?.disconnect();
    this.pending.clear();
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
      for (const node of Array.from(r.addedNodes)) {
        if (node.nodeType !== 1) continue;
        const el = node as Element;
        if (el.getAttribute(BADGE_ATTR) === BADGE_VALUE) continue; // our own badge
        this.pending.add(el);
      }
    }
    if (this.pending.size > 0) this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    this.deps.frame(() => {
      this.scheduled = false;
      const roots = this.wholePage ? [this.deps.doc] : [...this.pending].filter((e) => e.isConnected);
      const whole = this.wholePage;
      this.wholePage = false;
      this.pending.clear();
      this.pass(roots, whole).catch((e: unknown) => this.deps.onError?.(e));
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

  /** The papers of `root` and where each badge goes, detected in slices where the page is big. */
  private async detect(root: Document | Element, whole: boolean): Promise<Hit[]> {
    const { doc, url } = this.deps;
    const sliced = whole
      ? ((isArxivListing(url) ? listingTargets(doc) : undefined) ??
        (isBigPage(doc, this.deps.bigPageElements) ? bigPageTargets(doc, url) : undefined))
      : undefined;
    if (!sliced) {
      const hits = findPapers(root, { url, ...(whole ? {} : { pagePaper: false }) });
      return hits.flatMap((h) => (h.anchor ? [{ id: h.id, anchor: h.anchor }] : []));
    }
    const out: Hit[] = [];
    const slicer = this.slicer();
    for (const hit of sliced) {
      out.push(hit);
      if (slicer.due()) {
        await slicer.pause();
        if (this.stopped) return [];
      }
    }
    return out;
  }

  /** Detects the papers of `roots`, asks for the new ones and places their badges; resolves when all are placed. */
  private async pass(roots: (Document | Element)[], whole: boolean): Promise<void> {
    const hits: Hit[] = [];
    const slicer = this.slicer();
    for (const root of roots) {
      if (this.stopped) return;
      hits.push(...(await this.detect(root, whole)));
      if (slicer.due()) await slicer.pause();
    }
    if (this.stopped) return;
    const fresh = [...new Set(hits.map((h) => h.id))].filter((id) => !this.known.has(id));
    // Hits whose paper is already known are queued at once; the others as the answer for their id arrives.
    const byId = new Map<string, Hit[]>();
    for (const h of hits) {
      const list = byId.get(h.id);
      if (list) list.push(h);
      else byId.set(h.id, [h]);
    }
    const knownTargets = hits.filter((h) => this.known.get(h.id));
    if (knownTargets.length > 0) await this.enqueue(knownTargets);
    // Batches in page order, the first small so the top of the page is answered first; all asked at once.
    const batches: string[][] = [];
    const { first, size: rest } = this.deps.batches ?? { first: FIRST_LOOKUP_BATCH, size: LOOKUP_BATCH };
    for (let i = 0; i < fresh.length;) {
      const size = i === 0 ? first : rest;
      batches.push(fresh.slice(i, i + size));
      i += size;
    }
    await Promise.all(
      batches.map(async (ids) => {
        const infos = await this.deps.lookup(ids);
        if (this.stopped) return;
        const targets: BadgeTarget[] = [];
        for (const id of ids) {
          const info = infos[id] ?? null;
          this.known.set(id, info);
          if (info) targets.push(...(byId.get(id) ?? []));
        }
        if (targets.length > 0) await this.enqueue(targets);
      }),
    );
    await this.draining;
    if (this.stopped) return;
    let count = 0;
    for (const v of this.known.values()) if (v) count++;
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
   * `sliceMs` between the page's own tasks; inserting them runs in animation frames, `sliceMs` each. The first
   * slice — the badges near the viewport — goes in at the next frame; the others are inserted together once all
   * are prepared, so a page that is expensive to lay out (100,000 list items) is laid out a few times, not once per
   * slice.
   */
  private async drain(): Promise<void> {
    const { now } = this.apis;
    let shown = false;
    while (!this.stopped && (this.queued < this.queue.length || this.committed < this.prepared.length)) {
      if (this.queued < this.queue.length) {
        const start = now();
        const { prepared, next } = this.layer.prepare(
          this.queue,
          this.queued,
          this.infos,
          () => now() - start >= this.sliceMs,
        );
        this.queued = next;
        for (const p of prepared) this.prepared.push(p);
        if (shown && this.queued < this.queue.length) {
          await this.apis.yieldToPage();
          continue;
        }
        shown = true;
      }
      await new Promise<void>((resolve) => this.apis.requestAnimationFrame(resolve));
      if (this.stopped) break;
      const start = now();
      this.committed = this.layer.commit(this.prepared, this.committed, () => now() - start >= this.sliceMs);
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
