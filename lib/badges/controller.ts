/**
 * The badge loop of a content script: detect papers, ask the background once per new batch of ids, place badges
 * in one write pass per animation frame, and follow the page as it changes. Extension APIs come in as functions,
 * so the loop runs in tests on a plain DOM.
 */
import { findPapers, type PaperHit } from '../detect/find-papers';
import type { BadgeInfo } from '../feed/summary';
import { findListingTargets, isArxivListing } from './arxiv-listing';
import { BadgeLayer, type BadgeTarget } from './layer';
import { BADGE_ATTR, BADGE_VALUE } from './render';

export interface BadgeControllerDeps {
  doc: Document;
  /** The page URL (names the page's own paper). */
  url: string;
  /** Asks the background which ids are in the feed. */
  lookup: (ids: string[]) => Promise<Record<string, BadgeInfo>>;
  /** Told the number of distinct papers on the page that are in the feed, after each pass that changes it. */
  report?: (count: number) => void;
  /** Schedules a callback before the next paint (the content script context's `requestAnimationFrame`). */
  frame: (cb: () => void) => void;
  /** Tags this run's hosts; a new run replaces an old run's hosts instead of adding to them. */
  run: string;
  onError?: (e: unknown) => void;
}

export class BadgeController {
  readonly layer: BadgeLayer;
  private readonly known = new Map<string, BadgeInfo | null>();
  private readonly pending = new Set<Element>();
  private scheduled = false;
  private wholePage = false;
  private lastCount = -1;
  private observer: MutationObserver | undefined;
  private stopped = false;

  constructor(private readonly deps: BadgeControllerDeps) {
    this.layer = new BadgeLayer(deps.doc, deps.run);
  }

  /** Badges the whole page, then follows changes until `stop`. Resolves after the first pass. */
  async start(): Promise<void> {
    await this.pass(this.deps.doc, true);
    const win = this.deps.doc.defaultView;
    if (!win || this.stopped) return;
    this.observer = new win.MutationObserver((records) => this.onMutations(records));
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
      void Promise.all(roots.map((r) => this.pass(r, whole))).catch((e: unknown) => this.deps.onError?.(e));
    });
  }

  private async pass(root: Document | Element, whole: boolean): Promise<void> {
    const listing = whole && isArxivListing(this.deps.url) ? findListingTargets(this.deps.doc) : undefined;
    const hits: Pick<PaperHit, 'id' | 'anchor'>[] =
      listing?.map((t) => ({ id: t.id, anchor: t.anchor })) ??
      findPapers(root, { url: this.deps.url, ...(whole ? {} : { pagePaper: false }) });
    const fresh = [...new Set(hits.map((h) => h.id))].filter((id) => !this.known.has(id));
    if (fresh.length > 0) {
      const infos = await this.deps.lookup(fresh);
      for (const id of fresh) this.known.set(id, infos[id] ?? null);
    }
    if (this.stopped) return;
    const targets: BadgeTarget[] = [];
    const infos: Record<string, BadgeInfo> = {};
    for (const h of hits) {
      const info = this.known.get(h.id);
      if (!info || !h.anchor) continue;
      targets.push({ id: h.id, anchor: h.anchor });
      infos[h.id] = info;
    }
    this.layer.place(targets, infos);
    const count = [...this.known.values()].filter((v) => v !== null).length;
    if (count !== this.lastCount) {
      this.lastCount = count;
      this.deps.report?.(count);
    }
  }
}
